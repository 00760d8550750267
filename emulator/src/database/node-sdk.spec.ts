/**
 * The same calls through @cloudbase/node-sdk (tcb.init with the same environment variables) answer the same as
 * through wx-server-sdk: each SDK writes its own copy of the data, then both are read back and compared.
 */
import { rejection, startDbEmulator, type DbTestContext, type WxDb } from './spec-helpers';

let t: DbTestContext;
let ns: WxDb;

const DOCS = [
  { _id: 'p1', name: 'pen', price: 3, tags: ['office'], at: new Date('2024-01-01T00:00:00Z') },
  { _id: 'p2', name: 'pad', price: 5, tags: ['office', 'paper'], at: new Date('2024-02-01T00:00:00Z') },
  { _id: 'p3', name: 'ink', price: 8, tags: [], at: new Date('2024-03-01T00:00:00Z'), label: 'x' },
];

beforeAll(async () => {
  t = await startDbEmulator({ indexes: { collections: { wx: [], ns: [] } } });
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const tcb = require('@cloudbase/node-sdk');
  ns = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV }).database();
  expect((await t.db.collection('wx').add({ data: DOCS }))._ids).toEqual(['p1', 'p2', 'p3']);
  expect((await ns.collection('ns').add(DOCS)).ids).toEqual(['p1', 'p2', 'p3']);
});

afterAll(async () => {
  await t?.stop();
});

it('queries with operators, order and projection give the same documents', async () => {
  const wxRes = await t.db.collection('wx').where({ price: t._.gte(4).or(t._.lt(3.5)), tags: 'office' }).orderBy('price', 'desc').field({ name: true, at: true }).get();
  const _ = ns.command;
  const nsRes = await ns.collection('ns').where({ price: _.gte(4).or(_.lt(3.5)), tags: 'office' }).orderBy('price', 'desc').field({ name: true, at: true }).get();
  expect(wxRes.data).toEqual([
    { _id: 'p2', name: 'pad', at: new Date('2024-02-01T00:00:00Z') },
    { _id: 'p1', name: 'pen', at: new Date('2024-01-01T00:00:00Z') },
  ]);
  expect(nsRes.data).toEqual(wxRes.data);
  expect(nsRes.data[0].at).toBeInstanceOf(Date);
});

it('doc get, count and aggregate agree', async () => {
  const wxDoc = await t.db.collection('wx').doc('p3').get();
  const nsDoc = await ns.collection('ns').doc('p3').get();
  expect(nsDoc.data).toEqual([wxDoc.data]); // node-sdk returns a list
  expect((await ns.collection('ns').count()).total).toBe((await t.db.collection('wx').count()).total);
  const wxAgg = await t.db.collection('wx').aggregate().group({ _id: null, sum: t._.aggregate.sum('$price') }).end();
  const nsAgg = await ns.collection('ns').aggregate().group({ _id: null, sum: ns.command.aggregate.sum('$price') }).end();
  expect(wxAgg.list).toEqual([{ _id: null, sum: 16 }]);
  expect(nsAgg.data).toEqual(wxAgg.list);
});

it('updates and removals report the same counts and leave the same data', async () => {
  const wxUp = await t.db.collection('wx').where({ price: t._.lt(6) }).update({ data: { price: t._.mul(2), tags: t._.push(['sale']) } });
  const nsUp = await ns.collection('ns').where({ price: ns.command.lt(6) }).update({ price: ns.command.mul(2), tags: ns.command.push(['sale']) });
  expect(wxUp.stats.updated).toBe(2);
  expect(nsUp.updated).toBe(2);
  const wxRm = await t.db.collection('wx').where({ label: 'x' }).remove();
  const nsRm = await ns.collection('ns').where({ label: 'x' }).remove();
  expect([wxRm.stats.removed, nsRm.deleted]).toEqual([1, 1]);
  expect((await ns.collection('ns').get()).data).toEqual((await t.db.collection('wx').get()).data);
});

it('errors carry the same codes', async () => {
  const wxMissing = await rejection(t.db.collection('none').get());
  const nsMissing = await rejection(ns.collection('none').get());
  expect(wxMissing.errCode).toBe(-502005);
  expect(nsMissing.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  await t.db.collection('wx').doc('p1').update({ data: { name: t._.set('pen') } });
  const wxInc = await rejection(t.db.collection('wx').doc('p1').update({ data: { name: t._.inc(1) } }));
  const nsInc = await rejection(ns.collection('ns').doc('p1').update({ name: ns.command.inc(1) }));
  expect(wxInc.errCode).toBe(-502001);
  expect(nsInc.code).toBe('DATABASE_REQUEST_FAILED');
  expect(nsInc.message).toMatch(/non-numeric/);
});

it('transactions work through node-sdk too', async () => {
  const res = await ns.runTransaction(async (tx: WxDb) => {
    const d = (await tx.collection('ns').doc('p2').get()).data;
    await tx.collection('ns').doc('p2').update({ price: d.price + 1 });
    return d.price;
  });
  expect(res).toBe(10);
  expect((await t.db.collection('ns').doc('p2').get()).data.price).toBe(11);
});
