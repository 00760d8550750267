/**
 * The `users` collection (`_id` = openid) and the `visits` log. A user is created by ONE insert with `_id` = openid,
 * which the database refuses when the user exists: of two concurrent first visits exactly one creates the user and
 * its `firstTouch`; after that only `lastTouch` and the profile fields are ever `$set`, so the first touch is never
 * overwritten.
 */
import type { Touch, UserDoc } from '../../typings/shop/attribution';
import type { EpochMs, OpenId } from '../../typings/shop/common';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import { isDuplicateKey } from '../lib/duplicate-key';

export const USERS = 'users';
export const VISITS = 'visits';

/** One launch of the mini-program by a user. */
export interface VisitDoc {
  openid: OpenId;
  at: EpochMs;
  touch: Touch;
  /** appId of the mini-program / official account that opened ours, when WeChat reported one. */
  referrerFrom?: string;
}

/** The user, or undefined when the openid never entered. One read. */
export async function loadUser(db: Database, openid: OpenId): Promise<UserDoc | undefined> {
  try {
    const res = (await db.collection(USERS).where({ _id: openid }).limit(1).get()) as unknown as { data: UserDoc[] };
    return res.data[0];
  } catch (e) {
    if (isCollectionMissing(e)) return undefined;
    throw e;
  }
}

/** Inserts a new user; false (nothing written) when a user with that openid exists already. One write. */
export async function insertUser(db: Database, user: UserDoc): Promise<boolean> {
  try {
    await db.collection(USERS).add({ data: user });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}

/** Replaces the user's last touch as a whole (`_.set`, so fields of the previous touch do not linger). One write. */
export async function setLastTouch(db: Database, openid: OpenId, touch: Touch): Promise<void> {
  await db.collection(USERS).where({ _id: openid }).update({ data: { lastTouch: db.command.set(touch) } });
}

export interface ProfilePatch {
  nickname?: string;
  avatarFileId?: string;
}

/** Sets profile fields of an existing user. One write. */
export async function setProfile(db: Database, openid: OpenId, patch: ProfilePatch): Promise<void> {
  await db.collection(USERS).where({ _id: openid }).update({ data: { ...patch } });
}

/** Appends a visit. One write. */
export async function addVisit(db: Database, visit: VisitDoc): Promise<void> {
  await db.collection(VISITS).add({ data: visit });
}
