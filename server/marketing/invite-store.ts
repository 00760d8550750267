/**
 * The invite collections: `invites/<openid>` (the customer's invite code, unique), `invite_bindings/<invitee>`
 * (who invited whom, created once) and `campaigns/invite` (the reward templates). Types: typings/marketing/growth.ts.
 */
import { randomBytes } from 'node:crypto';
import type { InviteBindingDoc, InviteCampaign, InviteDoc } from '@typings/marketing/growth';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import { docsOf, isDuplicateKey } from '../notify/db-results';

export const INVITES = 'invites';
export const INVITE_BINDINGS = 'invite_bindings';
export const CAMPAIGNS = 'campaigns';
export const INVITE_CAMPAIGN_ID = 'invite';

const CODE_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A short invite code (8 characters, no look-alikes). */
export function newInviteCode(): string {
  const bytes = randomBytes(8);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}

async function first<T>(db: Database, coll: string, where: Record<string, unknown>): Promise<T | undefined> {
  try {
    const [doc] = await docsOf<T>(db.collection(coll).where(where).limit(1));
    return doc;
  } catch (e) {
    if (isCollectionMissing(e)) return undefined;
    throw e;
  }
}

/** The customer's invite, created on first use (a concurrent first use finds the winner's). */
export async function ensureInvite(db: Database, openid: string, now: number): Promise<InviteDoc> {
  for (let attempt = 0; attempt < 4; attempt++) {
    const had = await first<InviteDoc>(db, INVITES, { _id: openid });
    if (had) return had;
    const doc: InviteDoc = { _id: openid, code: newInviteCode(), createdAt: now };
    try {
      await db.collection(INVITES).add({ data: doc });
      return doc;
    } catch (e) {
      if (!isDuplicateKey(e)) throw e; // the same customer raced us, or (rarely) the code is taken: read / retry
    }
  }
  throw new Error(`could not create the invite of ${openid}`);
}

export function inviteByCode(db: Database, code: string): Promise<InviteDoc | undefined> {
  return first<InviteDoc>(db, INVITES, { code });
}

export function loadBinding(db: Database, invitee: string): Promise<InviteBindingDoc | undefined> {
  return first<InviteBindingDoc>(db, INVITE_BINDINGS, { _id: invitee });
}

export function loadInviteCampaign(db: Database): Promise<InviteCampaign | undefined> {
  return first<InviteCampaign>(db, CAMPAIGNS, { _id: INVITE_CAMPAIGN_ID });
}

/** Creates the binding; false when the invitee has one already (unique `_id`). */
export async function insertBinding(db: Database, binding: InviteBindingDoc): Promise<boolean> {
  try {
    await db.collection(INVITE_BINDINGS).add({ data: binding });
    return true;
  } catch (e) {
    if (isDuplicateKey(e)) return false;
    throw e;
  }
}
