/** The user actions of the `shop` cloud function, and the avatar upload. */
import type { EnterResult, MeResult, UpdateProfileInput, UserProfile } from '../../typings/api/user';
import { callCloud, CloudError, uploadCloudFile } from './cloud';

/** What `wx.getEnterOptionsSync()` / `App.onShow` report (the fields used). */
export interface EnterOptions {
  scene: number;
  query?: Record<string, unknown>;
  referrerInfo?: { appId?: string };
}

/** The string parameters of a launch query (anything else is dropped). */
function stringQuery(query: Record<string, unknown> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/** Records this visit (launch scene + QR/share parameters) and answers the user and whether they are staff. */
export function enterShop(options: EnterOptions): Promise<EnterResult> {
  const appId = options.referrerInfo?.appId;
  return callCloud('shop', 'user.enter', {
    scene: options.scene,
    query: stringQuery(options.query),
    ...(appId ? { referrerFrom: appId } : {}),
  });
}

export function getMe(): Promise<MeResult> {
  return callCloud('shop', 'user.me');
}

export function updateProfile(patch: UpdateProfileInput): Promise<UserProfile> {
  return callCloud('shop', 'user.updateProfile', patch);
}

/**
 * Uploads a chosen avatar (the temporary path from `<button open-type="chooseAvatar">`) to cloud storage and
 * answers its `cloud://` file id (in emulator mode through the emulator's client-upload route).
 */
export async function uploadAvatar(tempFilePath: string): Promise<string> {
  const ext = (/\.(\w{1,5})$/.exec(tempFilePath)?.[1] ?? 'png').toLowerCase();
  const name = `${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${ext}`;
  try {
    return await uploadCloudFile(`avatars/${name}`, tempFilePath);
  } catch (e) {
    throw new CloudError('NETWORK', '头像上传失败，请重试', e instanceof CloudError ? e.detail : String(e));
  }
}
