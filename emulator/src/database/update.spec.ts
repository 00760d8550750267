/**
 * Update operators through the real wx-server-sdk; expectations follow the MongoDB manual.
 */
import { rejection, startDbEmulator, type DbTestContext } from './spec-helpers';

const START = Date.UTC(2025, 5, 1);
let t: DbTestContext;

beforeAll(async () => {
  t = await startDbEmulator({
    manualClockStart: START,
    indexes: { collections: { u: [], orders: [{ name: 'outTradeNo_unique', keys: { outTradeNo: 1 }, unique: true }] } },
  });
});

afterAll(async () => {
  await t?.stop();
});

/** Creates a document, applies `data` as doc(id).update, returns the stored document. */
async function afterUpdate(doc: Record<string, unknown>, data: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { _id } = await t.db.collection('u').add({ data: doc });
  await t.db.collection('u').doc(_id).update({ data });
  const { data: out } = await t.db.collection('u').doc(_id).get();
  delete out._id;
  return out;
}

describe('field operators', () => {
  it('plain nested objects update only the named sub-fields ($set on dotted paths)', async () => {
    expect(await afterUpdate({ meta: { a: 1, b: 2 } }, { meta: { a: 5 }, c: 3 })).toEqual({ meta: { a: 5, b: 2 }, c: 3 });
  });

  it('_.set replaces a whole sub-document', async () => {
    expect(await afterUpdate({ meta: { a: 1, b: 2 } }, { meta: t._.set({ z: 1 }) })).toEqual({ meta: { z: 1 } });
  });

  it('_.remove ($unset)', async () => {
    expect(await afterUpdate({ a: 1, b: 2 }, { a: t._.remove() })).toEqual({ b: 2 });
  });

  it('inc / mul (a missing field starts at 0)', async () => {
    expect(await afterUpdate({ n: 5, m: 3 }, { n: t._.inc(-2), m: t._.mul(4), fresh: t._.inc(7), zero: t._.mul(3) })).toEqual({
      n: 3,
      m: 12,
      fresh: 7,
      zero: 0,
    });
  });

  it('min / max, with numbers and dates', async () => {
    const d1 = new Date('2024-01-01T00:00:00Z');
    const d2 = new Date('2024-06-01T00:00:00Z');
    const out = await afterUpdate({ lo: 5, hi: 5, at: d1 }, { lo: t._.min(3), hi: t._.max(4), at: t._.max(d2) });
    expect(out).toEqual({ lo: 3, hi: 5, at: d2 });
    expect(out.at).toBeInstanceOf(Date);
  });

  it('rename', async () => {
    expect(await afterUpdate({ old: 1, keep: 2 }, { old: t._.rename('renamed') })).toEqual({ keep: 2, renamed: 1 });
  });

  it('serverDate in an update is the emulator clock', async () => {
    expect(await afterUpdate({ a: 1 }, { updatedAt: t.db.serverDate() })).toEqual({ a: 1, updatedAt: new Date(START) });
  });
});

describe('array operators', () => {
  it('push with each / position / sort / slice (insert, then sort, then slice)', async () => {
    const _ = t._;
    expect(await afterUpdate({ a: [3, 4] }, { a: _.push({ each: [5, 1], position: 0, sort: 1, slice: 3 }) })).toEqual({ a: [1, 3, 4] });
    expect(await afterUpdate({ a: [1, 3, 4] }, { a: _.push({ each: [9], position: 1 }) })).toEqual({ a: [1, 9, 3, 4] });
    expect(await afterUpdate({ a: [1, 9, 3, 4] }, { a: _.push({ each: [7], slice: -2 }) })).toEqual({ a: [4, 7] });
    expect(await afterUpdate({ a: ['x'] }, { a: _.push(['y', 'z']), b: _.push(['new']) })).toEqual({ a: ['x', 'y', 'z'], b: ['new'] });
    expect(await afterUpdate({ a: [1, 2] }, { a: _.unshift([-1, 0]) })).toEqual({ a: [-1, 0, 1, 2] });
  });

  it('pull (value, condition, sub-document match) and pullAll', async () => {
    const _ = t._;
    expect(await afterUpdate({ a: [1, 6, 3, 8, 6] }, { a: _.pull(6) })).toEqual({ a: [1, 3, 8] });
    expect(await afterUpdate({ a: [1, 6, 3, 8] }, { a: _.pull(_.gt(5)) })).toEqual({ a: [1, 3] });
    expect(await afterUpdate({ s: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }] }, { s: _.pull({ k: 'a' }) })).toEqual({ s: [{ k: 'b', v: 2 }] });
    expect(await afterUpdate({ a: [1, 2, 1, 3] }, { a: _.pullAll([1, 3]) })).toEqual({ a: [2] });
  });

  it('addToSet adds only missing values (also with each)', async () => {
    const _ = t._;
    expect(await afterUpdate({ a: ['x'] }, { a: _.addToSet('y') })).toEqual({ a: ['x', 'y'] });
    expect(await afterUpdate({ a: ['x'] }, { a: _.addToSet({ each: ['x', 'y', 'z'] }) })).toEqual({ a: ['x', 'y', 'z'] });
    const { _id } = await t.db.collection('u').add({ data: { a: ['x'] } });
    const res = await t.db.collection('u').doc(_id).update({ data: { a: _.addToSet('x') } });
    expect(res.stats.updated).toBe(0); // nothing changed
  });

  it('positional $ (first element the query matched) and $[] (every element)', async () => {
    await t.db.createCollection('pos');
    await t.db.collection('pos').add({ data: { _id: 'x', s: [{ k: 'a', v: 1 }, { k: 'b', v: 2 }], n: [1, 2, 3] } });
    await t.db.collection('pos').where({ 's.k': 'b' }).update({ data: { 's.$.v': 20 } });
    await t.db.collection('pos').doc('x').update({ data: { 'n.$[]': t._.inc(10) } });
    expect((await t.db.collection('pos').doc('x').get()).data).toEqual({ _id: 'x', s: [{ k: 'a', v: 1 }, { k: 'b', v: 20 }], n: [11, 12, 13] });
  });

  it('pop removes the last element, shift the first', async () => {
    expect(await afterUpdate({ a: [1, 2, 3], b: [1, 2, 3] }, { a: t._.pop(), b: t._.shift() })).toEqual({ a: [1, 2], b: [2, 3] });
  });
});

describe('refused updates change nothing', () => {
  it('$inc on a string fails with a clear error and leaves the document as it was', async () => {
    const { _id } = await t.db.collection('u').add({ data: { name: 'x', n: 1 } });
    const err = await rejection(t.db.collection('u').doc(_id).update({ data: { name: t._.inc(1), n: t._.inc(1) } }));
    expect(err.errCode).toBe(-502001);
    expect(err.errMsg).toMatch(/Cannot apply \$inc to a value of non-numeric type.*'name'.*string/);
    const { data } = await t.db.collection('u').doc(_id).get();
    expect(data).toEqual({ _id, name: 'x', n: 1 });
  });

  it('a multi-document update that fails on one document changes none', async () => {
    await t.db.createCollection('multi');
    await t.db.collection('multi').add({ data: [{ _id: 'm1', n: 1 }, { _id: 'm2', n: 'two' }, { _id: 'm3', n: 3 }] });
    await rejection(t.db.collection('multi').where({}).update({ data: { n: t._.inc(10) } }));
    const { data } = await t.db.collection('multi').orderBy('_id', 'asc').get();
    expect(data.map((d: { n: unknown }) => d.n)).toEqual([1, 'two', 3]);
  });

  it('push onto a non-array is refused', async () => {
    const { _id } = await t.db.collection('u').add({ data: { a: 'str' } });
    const err = await rejection(t.db.collection('u').doc(_id).update({ data: { a: t._.push(['x']) } }));
    expect(err.errMsg).toMatch(/must be an array/);
  });
});

describe('where().update, doc.set and removal', () => {
  it('where().update reports how many documents changed', async () => {
    await t.db.createCollection('w');
    await t.db.collection('w').add({ data: [{ g: 1, v: 0 }, { g: 1, v: 0 }, { g: 2, v: 0 }] });
    const res = await t.db.collection('w').where({ g: 1 }).update({ data: { v: t._.inc(1) } });
    expect(res.stats.updated).toBe(2);
    const same = await t.db.collection('w').where({ g: 2 }).update({ data: { v: 0 } });
    expect(same.stats.updated).toBe(0);
    expect((await t.db.collection('w').where({ v: 1 }).count()).total).toBe(2);
  });

  it('doc.set replaces the whole document, or creates it', async () => {
    const created = await t.db.collection('u').doc('set-me').set({ data: { a: 1, b: 2 } });
    expect(created.stats).toEqual({ updated: 0, created: 1 });
    const replaced = await t.db.collection('u').doc('set-me').set({ data: { c: 3 } });
    expect(replaced.stats).toEqual({ updated: 1, created: 0 });
    expect((await t.db.collection('u').doc('set-me').get()).data).toEqual({ _id: 'set-me', c: 3 });
  });

  it('remove: doc and where', async () => {
    await t.db.createCollection('r');
    await t.db.collection('r').add({ data: [{ _id: 'r1', k: 1 }, { _id: 'r2', k: 2 }, { _id: 'r3', k: 2 }] });
    expect((await t.db.collection('r').doc('r1').remove()).stats.removed).toBe(1);
    expect((await t.db.collection('r').where({ k: 2 }).remove()).stats.removed).toBe(2);
    expect((await t.db.collection('r').count()).total).toBe(0);
  });
});

describe('keys', () => {
  it('a duplicate _id is refused', async () => {
    await t.db.collection('u').add({ data: { _id: 'dup', a: 1 } });
    const err = await rejection(t.db.collection('u').add({ data: { _id: 'dup', a: 2 } }));
    expect(err.errMsg).toMatch(/duplicate key.*_id/);
    expect((await t.db.collection('u').doc('dup').get()).data.a).toBe(1);
  });

  it('a unique index refuses a second document with the same key, on insert, update and set', async () => {
    const orders = t.db.collection('orders');
    await orders.add({ data: { _id: 'o1', outTradeNo: 'T1' } });
    await orders.add({ data: { _id: 'o2', outTradeNo: 'T2' } });
    const onInsert = await rejection(orders.add({ data: { outTradeNo: 'T1' } }));
    expect(onInsert.errMsg).toMatch(/duplicate key.*outTradeNo_unique.*T1/);
    const onUpdate = await rejection(orders.doc('o2').update({ data: { outTradeNo: 'T1' } }));
    expect(onUpdate.errMsg).toMatch(/outTradeNo_unique/);
    const onSet = await rejection(orders.doc('o3').set({ data: { outTradeNo: 'T2' } }));
    expect(onSet.errMsg).toMatch(/outTradeNo_unique/);
    expect((await orders.count()).total).toBe(2);
    // once the holder is gone the key is free again
    await orders.doc('o1').remove();
    await orders.add({ data: { outTradeNo: 'T1' } });
    expect((await orders.where({ outTradeNo: 'T1' }).count()).total).toBe(1);
  });
});
