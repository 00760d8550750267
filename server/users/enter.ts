/**
 * `user.enter`: what happens each time the mini-program comes to the foreground. The launch (scene + query) becomes
 * a Touch (server/domain/attribution.ts); the visit is logged; the user is created with that touch as first and
 * last touch, or gets it as last touch when it is informative (mergeTouch). Requests: 2 reads (user, staff) at once,
 * then 1–2 writes at once (visit + user insert or last-touch update; none for the user when nothing changed).
 */
import type { EnterInput, EnterResult } from '../../typings/api/user';
import type { Touch, UserDoc } from '../../typings/shop/attribution';
import { mergeTouch, parseLaunch } from '../domain/attribution';
import type { ActionContext } from '../lib/context';
import { requireOpenid } from '../lib/context';
import { AppError } from '../lib/errors';
import { requireStaff } from '../staff/staff-guard';
import type { Database } from '../lib/cloud';
import { toProfile } from './profile';
import { addVisit, insertUser, loadUser, setLastTouch } from './user-store';

/** Whether the caller is staff (the staff guard's rule, as a boolean). One read. */
export async function isStaff(ctx: Pick<ActionContext, 'openid' | 'db'>): Promise<boolean> {
  try {
    await requireStaff(ctx);
    return true;
  } catch (e) {
    if (e instanceof AppError && e.code === 'FORBIDDEN') return false;
    throw e;
  }
}

/** Gives an existing user the touch as last touch when mergeTouch says so. */
async function touchExisting(db: Database, user: UserDoc, touch: Touch): Promise<UserDoc> {
  const merged = mergeTouch(user, touch);
  if (!merged.changed) return user;
  await setLastTouch(db, user._id, merged.lastTouch);
  return { ...user, firstTouch: merged.firstTouch, lastTouch: merged.lastTouch };
}

export async function enterShop(ctx: ActionContext, input: EnterInput): Promise<EnterResult> {
  const openid = requireOpenid(ctx);
  const now = ctx.now();
  const touch = parseLaunch({ scene: input.scene, query: input.query }, now);
  const [existing, staff] = await Promise.all([loadUser(ctx.db, openid), isStaff(ctx)]);

  const visit = addVisit(ctx.db, { openid, at: now, touch, ...(input.referrerFrom ? { referrerFrom: input.referrerFrom } : {}) });
  const upsert = async (): Promise<{ user: UserDoc; isNew: boolean }> => {
    if (existing) return { user: await touchExisting(ctx.db, existing, touch), isNew: false };
    const fresh: UserDoc = { _id: openid, createdAt: now, firstTouch: touch, lastTouch: touch };
    if (await insertUser(ctx.db, fresh)) return { user: fresh, isNew: true };
    // A concurrent first visit created the user between our read and our insert: its first touch stands.
    const winner = await loadUser(ctx.db, openid);
    if (!winner) throw new Error(`user ${openid} exists and does not`);
    return { user: await touchExisting(ctx.db, winner, touch), isNew: false };
  };
  const [{ user, isNew }] = await Promise.all([upsert(), visit]);
  return { user: toProfile(user), isNew, isStaff: staff };
}
