/**
 * The `customer_facts` collection, maintained by the rollup: rolling up a day replaces that day's entry in the
 * document of every customer who visited or paid that day, and removes it from any customer who had one but no
 * longer does (a re-roll after a correction). One document write per customer touched; reads batched by id.
 */
import type { Database } from '../../lib/cloud';
import type { OpenId } from '../../../typings/shop/common';
import { customerDaysOf, withDay, type CustomerFactsDoc } from '../domain/customer-facts';
import type { DayFacts } from '../domain/rollup-input';
import { dayKeyOf, type DayKey } from '../domain/shop-calendar';
import { eachLimited, readByIds, readEvery } from '../db-reads';

export const CUSTOMER_FACTS = 'customer_facts';
const PARALLEL_WRITES = 16;

/** Updates the documents of the customers of `day`; returns how many were written. */
export async function mergeCustomerDay(db: Database, day: DayKey, facts: Pick<DayFacts, 'visits' | 'orders'>, tz: string): Promise<number> {
  const entries = customerDaysOf(day, facts, tz);
  const hadDay = await readEvery<Pick<CustomerFactsDoc, '_id'>>(db, CUSTOMER_FACTS, { activeDays: day }, []);
  const ids = [...new Set([...entries.keys(), ...hadDay.map((d) => d._id)])];
  if (ids.length === 0) return 0;
  const existing = new Map((await readByIds<CustomerFactsDoc>(db, CUSTOMER_FACTS, ids, ['days', 'createdDay'])).map((d) => [d._id, d]));
  const needCreated = ids.filter((id) => existing.get(id)?.createdDay === undefined);
  const created = new Map<OpenId, DayKey>(
    (await readByIds<{ _id: string; createdAt?: number }>(db, 'users', needCreated, ['createdAt']))
      .filter((u) => typeof u.createdAt === 'number')
      .map((u) => [u._id, dayKeyOf(u.createdAt as number, tz)]),
  );
  await eachLimited(ids, PARALLEL_WRITES, async (id) => {
    const { _id, ...data } = withDay(existing.get(id), id, day, entries.get(id), tz, created.get(id));
    await db.collection(CUSTOMER_FACTS).doc(_id).set({ data });
  });
  return ids.length;
}

/** Every customer's day entries (what the daily segment counts need). */
export async function readAllCustomerDays(db: Database): Promise<Array<Pick<CustomerFactsDoc, '_id' | 'days'>>> {
  return readEvery<Pick<CustomerFactsDoc, '_id' | 'days'>>(db, CUSTOMER_FACTS, {}, ['days']);
}
