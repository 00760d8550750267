/**
 * Expiry of points lots (the `memberTimers` function's daily trigger): the accounts whose `nextExpiryAt` has come
 * (indexed), each expired in its own member transaction (one `expiry:<lotId>` entry per lot: a re-run or a retry
 * writes nothing twice). Every other write of an account expires its due lots too, so this only catches accounts
 * nobody touches.
 */
import type { MemberDoc } from '@typings/marketing/member';
import { applyMemberOps } from '../domain/member/member-account';
import { isCollectionMissing } from '../lib/collections';
import type { ActionContext } from '../lib/context';
import { docsOf } from '../notify/db-results';
import { loadCheckoutSettings } from '../orders/order-settings';
import { changeMember, MEMBERS } from './member-store';

/** Accounts per run (the next run takes the rest). */
export const EXPIRY_BATCH = 100;

export interface ExpiryReport {
  accounts: number;
  entries: number;
  points: number;
}

export async function expireDuePoints(ctx: ActionContext): Promise<ExpiryReport> {
  const _ = ctx.db.command;
  const now = ctx.now();
  let due: Pick<MemberDoc, '_id'>[];
  try {
    due = await docsOf<Pick<MemberDoc, '_id'>>(
      ctx.db.collection(MEMBERS).where({ nextExpiryAt: _.lte(now) }).orderBy('nextExpiryAt', 'asc').field({ _id: true }).limit(EXPIRY_BATCH),
    );
  } catch (e) {
    if (isCollectionMissing(e)) return { accounts: 0, entries: 0, points: 0 };
    throw e;
  }
  const report: ExpiryReport = { accounts: 0, entries: 0, points: 0 };
  if (due.length === 0) return report;
  const { pricing } = await loadCheckoutSettings(ctx.db);
  for (const { _id } of due) {
    const written = await changeMember(ctx, _id, (member) => {
      const out = applyMemberOps(member, [], pricing, now);
      return { member: out.changed ? out.member : null, result: out.written };
    });
    report.accounts++;
    report.entries += written.length;
    report.points -= written.reduce((a, e) => a + e.points, 0);
  }
  return report;
}
