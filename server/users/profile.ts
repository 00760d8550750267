/** The user as the user centre shows it, and the profile input rules. */
import { z } from 'zod';
import type { UserProfile } from '../../typings/api/user';
import type { UserDoc } from '../../typings/shop/attribution';

/** Most characters of a nickname (after trimming; an emoji counts as one). */
export const NICKNAME_MAX_LENGTH = 20;
/** Longest accepted file id. */
export const FILE_ID_MAX_LENGTH = 512;

export const nicknameSchema = z
  .string()
  .trim()
  .min(1, 'nickname must not be blank')
  .refine((s) => [...s].length <= NICKNAME_MAX_LENGTH, `at most ${NICKNAME_MAX_LENGTH} characters`)
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'no control characters');

/** A cloud storage file id as `wx.cloud.uploadFile` answers it: `cloud://<env>.<bucket>/<path>`. */
export const cloudFileIdSchema = z
  .string()
  .max(FILE_ID_MAX_LENGTH)
  .regex(/^cloud:\/\/[^/\s]+\/\S+$/, 'must be a cloud:// file id from wx.cloud.uploadFile');

export function toProfile(user: UserDoc): UserProfile {
  return {
    nickname: user.nickname ?? '',
    avatarFileId: user.avatarFileId ?? '',
    createdAt: user.createdAt,
    firstTouch: user.firstTouch,
    lastTouch: user.lastTouch,
  };
}
