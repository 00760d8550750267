/**
 * Transactions through the real wx-server-sdk: isolation, rollback, conflicts with the SDK's retry, expiry.
 */
import { rejection, startDbEmulator, type DbTestContext } from './spec-helpers';

let t: DbTestContext;

beforeAll(async () => {
  t = await startDbEmulator({
    manualClockStart: Date.UTC(2025, 0, 1),
    indexes: { collections: { acc: [], orders: [{ name: 'no_unique', keys: { no: 1 }, unique: true }] } },
  });
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(async () => {
  await t.service.reset();
  await t.db.collection('acc').add({ data: [{ _id: 'a', balance: 100 }, { _id: 'b', balance: 100 }] });
});

const balance = async (id: string): Promise<number> => (await t.db.collection('acc').doc(id).get()).data.balance;

it('a concurrent reader never sees uncommitted writes; the transaction sees its own', async () => {
  const tx = await t.db.startTransaction();
  await tx.collection('acc').doc('a').update({ data: { balance: t._.inc(-10) } });
  await tx.collection('acc').add({ data: { _id: 'c', balance: 10 } });
  expect(await balance('a')).toBe(100);
  expect((await t.db.collection('acc').count()).total).toBe(2);
  expect((await tx.collection('acc').doc('a').get()).data.balance).toBe(90);
  const inside = await tx.collection('acc').where({ balance: t._.gte(0) }).get();
  expect(inside.data.map((d: { _id: string }) => d._id)).toEqual(['a', 'b', 'c']);
  await tx.commit();
  expect(await balance('a')).toBe(90);
  expect(await balance('c')).toBe(10);
});

it('an error thrown inside runTransaction rolls everything back', async () => {
  const err = await rejection(
    t.db.runTransaction(async (tx: any) => {
      await tx.collection('acc').doc('a').update({ data: { balance: t._.inc(-50) } });
      await tx.collection('acc').doc('b').update({ data: { balance: t._.inc(50) } });
      throw new Error('boom');
    }),
  );
  expect(err.message).toBe('boom');
  expect([await balance('a'), await balance('b')]).toEqual([100, 100]);
});

it('transaction.rollback(reason) discards the writes and runTransaction rejects with the reason', async () => {
  const reason = await rejection(
    t.db.runTransaction(async (tx: any) => {
      await tx.collection('acc').doc('a').update({ data: { balance: 0 } });
      await tx.rollback({ why: 'not enough' });
    }),
  );
  expect(reason).toEqual({ why: 'not enough' });
  expect(await balance('a')).toBe(100);
});

it('conflicting concurrent transfers: the SDK retries and the result is serializable', async () => {
  let attempts = 0;
  let firstRound = 0;
  let release!: () => void;
  const bothRead = new Promise<void>((r) => (release = r));
  const transfer = (from: string, to: string, amount: number) =>
    t.db.runTransaction(async (tx: any) => {
      attempts++;
      const src = (await tx.collection('acc').doc(from).get()).data;
      const dst = (await tx.collection('acc').doc(to).get()).data;
      if (++firstRound <= 2) {
        if (firstRound === 2) release();
        await bothRead; // both first attempts read before either writes: they must conflict
      }
      // read-modify-write: lost updates would show if isolation were missing
      await tx.collection('acc').doc(from).update({ data: { balance: src.balance - amount } });
      await tx.collection('acc').doc(to).update({ data: { balance: dst.balance + amount } });
      return amount;
    });
  const results = await Promise.all([transfer('a', 'b', 30), transfer('b', 'a', 20)]);
  expect(results).toEqual([30, 20]);
  expect(attempts).toBeGreaterThan(2);
  expect([await balance('a'), await balance('b')]).toEqual([90, 110]);
});

it('a transaction whose read was changed by a plain write fails with DATABASE_TRANSACTION_CONFLICT', async () => {
  const tx = await t.db.startTransaction();
  const seen = (await tx.collection('acc').doc('a').get()).data.balance;
  await t.db.collection('acc').doc('a').update({ data: { balance: t._.inc(1) } });
  await tx.collection('acc').doc('a').update({ data: { balance: seen - 10 } });
  const err = await rejection(tx.commit());
  expect(err.code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect(await balance('a')).toBe(101);
});

it('a query inside a transaction conflicts with a later insert that it would have matched (no phantoms)', async () => {
  const tx = await t.db.startTransaction();
  const rich = await tx.collection('acc').where({ balance: t._.gte(100) }).get();
  expect(rich.data).toHaveLength(2);
  await t.db.collection('acc').add({ data: { _id: 'z', balance: 500 } });
  await tx.collection('acc').doc('a').update({ data: { rich: rich.data.length } });
  expect((await rejection(tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
  expect((await t.db.collection('acc').doc('a').get()).data.rich).toBeUndefined();
});

it('unique indexes hold inside transactions, and across concurrent ones', async () => {
  await t.db.collection('orders').add({ data: { no: 'N1' } });
  const tx = await t.db.startTransaction();
  const dup = await rejection(tx.collection('orders').add({ data: { no: 'N1' } }));
  expect(dup.errMsg).toMatch(/no_unique/);
  await tx.rollback();

  const t1 = await t.db.startTransaction();
  const t2 = await t.db.startTransaction();
  await t1.collection('orders').add({ data: { no: 'N2' } });
  await t2.collection('orders').add({ data: { no: 'N2' } });
  await t1.commit();
  expect((await rejection(t2.commit())).message).toMatch(/no_unique/);
  expect((await t.db.collection('orders').where({ no: 'N2' }).count()).total).toBe(1);
});

it('a transaction left open expires on the emulator clock', async () => {
  const tx = await t.db.startTransaction();
  await tx.collection('acc').doc('a').update({ data: { balance: 1 } });
  await t.emu.clock.advance(31_000);
  const err = await rejection(tx.commit());
  expect(err.code).toBe('DATABASE_TRANSACTION_FAIL');
  expect(err.message).toMatch(/expired/);
  expect(await balance('a')).toBe(100);
});
