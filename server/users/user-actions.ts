/** The user actions of the `shop` function (contract: typings/api/user.ts). */
import { z } from 'zod';
import type { UserActions } from '../../typings/api/user';
import { AppError, defineAction, requireOpenid, type ActionsOf } from '../lib';
import { enterShop, isStaff } from './enter';
import { cloudFileIdSchema, nicknameSchema, toProfile } from './profile';
import { loadUser, setProfile, type ProfilePatch } from './user-store';

/** Most query parameters of a launch that are looked at. */
const MAX_QUERY_KEYS = 30;

const launchQuery = z
  .record(z.string().max(64), z.string().max(1024))
  .refine((q) => Object.keys(q).length <= MAX_QUERY_KEYS, `at most ${MAX_QUERY_KEYS} parameters`);

export const userActions: ActionsOf<UserActions> = {
  'user.enter': defineAction({
    input: z.strictObject({
      scene: z.number().int().min(0).max(1_000_000),
      query: launchQuery,
      referrerFrom: z.string().min(1).max(64).optional(),
    }),
    handler: (input, ctx) => enterShop(ctx, input),
  }),
  'user.updateProfile': defineAction({
    input: z
      .strictObject({ nickname: nicknameSchema.optional(), avatarFileId: cloudFileIdSchema.optional() })
      .refine((p) => p.nickname !== undefined || p.avatarFileId !== undefined, 'give a nickname or an avatarFileId'),
    handler: async (input, ctx) => {
      const openid = requireOpenid(ctx);
      const user = await loadUser(ctx.db, openid);
      if (!user) throw new AppError('PRECONDITION_FAILED', '请重新进入小程序后再试');
      const patch: ProfilePatch = {};
      if (input.nickname !== undefined) patch.nickname = input.nickname;
      if (input.avatarFileId !== undefined) patch.avatarFileId = input.avatarFileId;
      await setProfile(ctx.db, openid, patch);
      return toProfile({ ...user, ...patch });
    },
  }),
  'user.me': defineAction({
    input: z.strictObject({}),
    handler: async (_input, ctx) => {
      const openid = requireOpenid(ctx);
      const [user, staff] = await Promise.all([loadUser(ctx.db, openid), isStaff(ctx)]);
      return { user: user ? toProfile(user) : null, isStaff: staff };
    },
  }),
};
