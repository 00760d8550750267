/**
 * `members/<openid>` reads and the one way to change a member account: `changeMember` runs load → decide (pure,
 * server/domain/member) → write inside `db.runTransaction`, so the balance, the ledger, the lots and the totals
 * change together or not at all. Concurrent changes of the same account conflict at commit and are retried by the
 * SDK (up to TRANSACTION_TRIES times), so the decision always sees the committed account: 20 concurrent spends of
 * one balance never take it below zero. Inside the transaction only single-document operations are used
 * (`doc(id).get/set`), as CloudBase requires; a missing document is read as absent, and a document created by
 * someone else meanwhile makes the commit conflict (and retry).
 */
import type { MemberDoc } from '@typings/marketing/member';
import { emptyMember } from '../domain/member/member-account';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import type { ActionContext } from '../lib/context';

export const MEMBERS = 'members';

/** Enough for every one of 20+ concurrent writers of one account to get its turn (each round commits one). */
export const TRANSACTION_TRIES = 40;

/** The account (an empty one while the customer has none). One read. */
export async function loadMember(db: Database, openid: string, now: number): Promise<MemberDoc> {
  try {
    const res = (await db.collection(MEMBERS).where({ _id: openid }).limit(1).get()) as unknown as { data: MemberDoc[] };
    return res.data[0] ?? emptyMember(openid, now);
  } catch (e) {
    if (isCollectionMissing(e)) return emptyMember(openid, now);
    throw e;
  }
}

/** What a transaction may do besides the member document. */
export interface MemberTx {
  /** One document by id inside the transaction (undefined when missing). */
  get<T>(collection: string, id: string): Promise<T | undefined>;
  /** Replaces (or creates) one document inside the transaction. */
  set(collection: string, id: string, data: Record<string, unknown>): Promise<void>;
}

export interface MemberChange<T> {
  /** The account to write (null = write nothing). */
  member: MemberDoc | null;
  result: T;
}

type RawTx = { collection(name: string): any };

/** wx-server-sdk's answer to `doc(id).get()` of a document that does not exist (throwOnNotFound, the default). */
export function isMissingDocument(e: unknown): boolean {
  const err = (e ?? {}) as { errMsg?: string; message?: string };
  const text = typeof e === 'string' ? e : `${err.errMsg ?? ''} ${err.message ?? ''}`;
  return /does not exist/i.test(text) && !/collection/i.test(text);
}

function txOf(raw: RawTx): MemberTx {
  return {
    async get<T>(collection: string, id: string) {
      // CloudBase transactions allow single-document operations only (no where / aggregate)
      try {
        const res = (await raw.collection(collection).doc(id).get()) as { data: T | null };
        return res.data ?? undefined;
      } catch (e) {
        if (isMissingDocument(e)) return undefined;
        throw e;
      }
    },
    async set(collection, id, data) {
      const { _id, ...rest } = data;
      void _id;
      await raw.collection(collection).doc(id).set({ data: rest });
    },
  };
}

/**
 * Loads the caller's account inside a transaction, lets `decide` compute the change (it may read and write other
 * documents through `tx`, e.g. a gift's stock), writes the account and commits. A thrown error rolls everything
 * back and propagates.
 */
export async function changeMember<T>(
  ctx: Pick<ActionContext, 'db' | 'now'>,
  openid: string,
  decide: (member: MemberDoc, tx: MemberTx) => Promise<MemberChange<T>> | MemberChange<T>,
): Promise<T> {
  return (await ctx.db.runTransaction(async (raw: RawTx) => {
    const tx = txOf(raw);
    const member = (await tx.get<MemberDoc>(MEMBERS, openid)) ?? emptyMember(openid, ctx.now());
    const change = await decide(member, tx);
    if (change.member) await tx.set(MEMBERS, openid, change.member as unknown as Record<string, unknown>);
    return change.result;
  }, TRANSACTION_TRIES)) as T;
}
