import { randomBytes } from 'node:crypto';

/**
 * Cloud ids: the opaque ids the mini-program gets for open data (share info of a group, WeRun data, phone
 * number…) and hands to a cloud function, which exchanges them with `cloud.getOpenData({list})`.
 *
 * The emulator mints them on request (the mini-program side, or tests) for a user, and resolves them to the
 * JSON the real service returns: `{"cloudID": "...", "data": {...data, "watermark": {"timestamp", "appid"}}}`.
 * wx-server-sdk's getOpenData parses that JSON and returns it as one element of `list`.
 */
export interface CloudIdRecord {
  cloudID: string;
  openid: string;
  /** What the id stands for, e.g. `shareInfo`, `weRunData`, `phoneNumber` (informational). */
  kind: string;
  data: Record<string, unknown>;
  /** Minted at (ms, emulator clock). */
  at: number;
}

/** errorCode values of CommOpenApiResp, as named in wx-server-sdk's ERR_CODE table. */
export const WX_INVALID_CLOUDID = -601005;
export const WX_CLOUDID_USER_NOT_MATCH = -601007;

export class CloudIdError extends Error {
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

export class CloudIdRegistry {
  private ids = new Map<string, CloudIdRecord>();

  mint(openid: string, kind: string, data: Record<string, unknown>, at: number): CloudIdRecord {
    // shaped like real ones: "27_Ih-9vxDaOhIbh48Bdpk90DUkUoNMAPaNtg7OSGM-P2wPEk1NbspjKGoql_g"
    const cloudID = `27_${randomBytes(42).toString('base64url')}`;
    const rec: CloudIdRecord = { cloudID, openid, kind, data, at };
    this.ids.set(cloudID, rec);
    return rec;
  }

  get(cloudID: string): CloudIdRecord | undefined {
    return this.ids.get(cloudID);
  }

  /**
   * The open-data JSON of a cloud id. Throws CloudIdError for an unknown id, or when `callerOpenid` is given and
   * is not the user the id was minted for.
   */
  resolve(cloudID: string, appid: string, callerOpenid?: string): { cloudID: string; data: Record<string, unknown> } {
    const rec = this.ids.get(cloudID);
    if (!rec) throw new CloudIdError(WX_INVALID_CLOUDID, `invalid cloudID: ${cloudID}`);
    if (callerOpenid && callerOpenid !== rec.openid) throw new CloudIdError(WX_CLOUDID_USER_NOT_MATCH, 'cloudID and calling user does not match');
    return { cloudID, data: { ...rec.data, watermark: { timestamp: Math.floor(rec.at / 1000), appid } } };
  }

  list(): CloudIdRecord[] {
    return [...this.ids.values()];
  }

  load(rows: CloudIdRecord[]): void {
    this.ids = new Map(rows.map((r) => [r.cloudID, r]));
  }

  clear(): void {
    this.ids.clear();
  }
}
