/**
 * The WeChat group a share ticket came from, verified on the server: the page sends the `cloudID` of
 * `wx.getShareInfo({shareTicket})` as a plain string (it travels inside `input`, where the platform does not swap
 * `wx.cloud.CloudID` wrappers), and `cloud.getOpenData({list: [cloudID]})` answers the share data with `openGId`.
 * The platform refuses an id it never minted (-601005) and one minted for another user (-601007): both mean the
 * caller cannot prove they opened the link from that group.
 */
import { getCloud } from '../lib/cloud';
import { AppError } from '../lib/errors';

/** The part of wx-server-sdk used here (a double in unit tests). */
export interface OpenDataReader {
  getOpenData(param: { list: string[] }): Promise<unknown>;
}

export const FORGED_GROUP_MESSAGE = '无法确认群聊身份，请从群聊中的分享卡片打开';
export const NO_GROUP_MESSAGE = '请从群聊中的分享卡片打开后领取';

/** The group's open id, or FORBIDDEN (forged / foreign cloud id) / PRECONDITION_FAILED (not a group share). */
export async function shareGroupId(cloudID: string, reader: OpenDataReader = getCloud() as unknown as OpenDataReader): Promise<string> {
  let res: unknown;
  try {
    res = await reader.getOpenData({ list: [cloudID] });
  } catch (e) {
    const code = (e as { errCode?: unknown })?.errCode;
    if (typeof code === 'number' && code !== 0) throw new AppError('FORBIDDEN', FORGED_GROUP_MESSAGE);
    throw e;
  }
  const entry = ((res as { list?: unknown[] })?.list ?? [])[0] as { cloudID?: unknown; data?: { openGId?: unknown } } | undefined;
  if (!entry || entry.cloudID !== cloudID) throw new AppError('FORBIDDEN', FORGED_GROUP_MESSAGE);
  const gid = entry.data?.openGId;
  if (typeof gid !== 'string' || gid.length === 0) throw new AppError('PRECONDITION_FAILED', NO_GROUP_MESSAGE);
  return gid;
}
