/**
 * Reads one shop day's raw material for the rollup (server/analytics/domain/daily-rollup.ts) from the database:
 * visits and events of the day (by time, paged), users created on the day and 1, 7 and 30 days before, orders paid
 * or refunded on the day. Only the fields the rollup uses are fetched. The queries may return a little more than the
 * day (e.g. an order with one refund before and one after); the rollup ignores what is outside the day.
 * With `until`, only the part of the day before that instant is read (the dashboard's "yesterday up to the same shop
 * time"; the rollup is then cut off at the same instant: `rollupDay(day, facts, { until })`).
 */
import type { EpochMs } from '../../../typings/shop/common';
import type { Database } from '../../lib/cloud';
import { isCollectionMissing } from '../../lib/collections';
import { addDays, dayRange, type DayKey } from '../domain/shop-calendar';
import type { DayFacts, EventFact, OrderFact, UserFact, VisitFact } from '../domain/rollup-input';
import { RETURN_OFFSETS } from '../domain/daily-rollup';

/** Documents per read request (the SDK's cap). */
export const PAGE_SIZE = 1000;

type Query = Record<string, unknown>;

/** Every document matching `where`, PAGE_SIZE per request, in `_id` order. Missing collection = none. */
async function readAll<T>(db: Database, collection: string, where: Query, fields: readonly string[], pageSize: number): Promise<T[]> {
  const projection = Object.fromEntries(fields.map((f) => [f, true]));
  const out: T[] = [];
  try {
    for (let skip = 0; ; skip += pageSize) {
      const res = (await db.collection(collection).where(where).orderBy('_id', 'asc').skip(skip).limit(pageSize).field(projection).get()) as unknown as {
        data: T[];
      };
      out.push(...res.data);
      if (res.data.length < pageSize) return out;
    }
  } catch (e) {
    if (isCollectionMissing(e)) return out;
    throw e;
  }
}

export interface DayFactsOptions {
  /** Documents per request (default PAGE_SIZE). */
  pageSize?: number;
  /** Read only the facts before this instant (default: the whole day). */
  until?: EpochMs;
}

export async function readDayFacts(db: Database, day: DayKey, timeZone: string, opts: DayFactsOptions = {}): Promise<DayFacts> {
  const _ = db.command;
  const pageSize = opts.pageSize ?? PAGE_SIZE;
  const range = dayRange(day, timeZone);
  const start = range.start;
  const end = opts.until === undefined ? range.end : Math.max(start, Math.min(range.end, opts.until));
  const within = () => _.gte(start).and(_.lt(end));
  const cohortDays = [day, ...Object.values(RETURN_OFFSETS).map((k) => addDays(day, -k))];

  const [visits, events, userLists, paid, refunded] = await Promise.all([
    readAll<VisitFact>(db, 'visits', { at: within() }, ['openid', 'at', 'touch'], pageSize),
    readAll<EventFact>(db, 'events', { at: within() }, ['type', 'openid', 'at', 'page', 'goodsId'], pageSize),
    Promise.all(
      cohortDays.map((d) => {
        const r = d === day ? { start, end } : dayRange(d, timeZone);
        return readAll<UserFact>(db, 'users', { createdAt: _.gte(r.start).and(_.lt(r.end)) }, ['_id', 'createdAt', 'firstTouch'], pageSize);
      }),
    ),
    readAll<OrderFact & { _id: string }>(db, 'orders', { 'payment.paidAt': within() }, ['_id', 'openid', 'attribution', 'amounts', 'payment', 'refunds'], pageSize),
    readAll<OrderFact & { _id: string }>(db, 'orders', { 'refunds.refundedAt': within() }, ['_id', 'openid', 'attribution', 'amounts', 'payment', 'refunds'], pageSize),
  ]);
  const orders = new Map<string, OrderFact>();
  for (const o of [...paid, ...refunded]) orders.set(o._id, o);
  return { visits, events, users: userLists.flat(), orders: [...orders.values()] };
}
