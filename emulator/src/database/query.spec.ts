/**
 * Query parity through the real wx-server-sdk. Expected results are worked out by hand from what the MongoDB
 * manual documents for each operator (not from running mingo).
 */
import { ids, postAction, rejection, startDbEmulator, type DbTestContext } from './spec-helpers';

const START = Date.UTC(2025, 0, 1);

const ITEMS = [
  { _id: 'i1', name: 'apple', price: 5, qty: 10, tags: ['fruit', 'red'], meta: { color: 'red', size: { w: 1 } }, at: new Date('2024-01-01T00:00:00Z'), scores: [{ s: 80, k: 'a' }, { s: 95, k: 'b' }] },
  { _id: 'i2', name: 'banana', price: 2, qty: 0, tags: ['fruit', 'yellow'], meta: { color: 'yellow', size: { w: 2 } }, at: new Date('2024-02-01T00:00:00Z'), scores: [{ s: 60, k: 'a' }], note: null },
  { _id: 'i3', name: 'carrot', price: 3, qty: 7, tags: ['vegetable'], meta: { color: 'orange' }, at: new Date('2024-03-01T00:00:00Z'), scores: [] },
  { _id: 'i4', name: 'Date', price: 12, qty: 3, tags: ['fruit', 'brown', 'sweet'], at: new Date('2024-04-01T00:00:00Z') },
  { _id: 'i5', name: 'eggplant', price: 5, qty: 1, tags: ['red', 'fruit'], meta: { color: 'purple', size: { w: 3 } }, at: new Date('2024-05-01T00:00:00Z'), scores: [{ s: 90, k: 'c' }] },
];

let t: DbTestContext;

beforeAll(async () => {
  t = await startDbEmulator({ manualClockStart: START, indexes: { collections: { items: [{ name: 'by_price', keys: { price: 1 } }] } } });
  const res = await t.db.collection('items').add({ data: ITEMS });
  expect(res._ids).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
});

afterAll(async () => {
  await t?.stop();
});

const where = async (q: unknown) => ids(await t.db.collection('items').where(q).get());

describe('comparison operators', () => {
  it('eq / neq', async () => {
    const _ = t._;
    expect(await where({ price: 5 })).toEqual(['i1', 'i5']);
    expect(await where({ price: _.eq(5) })).toEqual(['i1', 'i5']);
    expect(await where({ price: _.neq(5) })).toEqual(['i2', 'i3', 'i4']);
    // $ne: null selects documents whose field exists and is not null; a missing field counts as null
    expect(await where({ note: _.neq(null) })).toEqual([]);
  });

  it('lt / lte / gt / gte', async () => {
    const _ = t._;
    expect(await where({ price: _.lt(3) })).toEqual(['i2']);
    expect(await where({ price: _.lte(3) })).toEqual(['i2', 'i3']);
    expect(await where({ price: _.gt(5) })).toEqual(['i4']);
    expect(await where({ price: _.gte(5) })).toEqual(['i1', 'i4', 'i5']);
  });

  it('in / nin (also against array fields)', async () => {
    const _ = t._;
    expect(await where({ price: _.in([2, 12]) })).toEqual(['i2', 'i4']);
    expect(await where({ price: _.nin([2, 12]) })).toEqual(['i1', 'i3', 'i5']);
    expect(await where({ tags: _.in(['vegetable', 'brown']) })).toEqual(['i3', 'i4']);
  });

  it('dates compare as dates and come back as Date objects', async () => {
    const _ = t._;
    expect(await where({ at: _.lt(new Date('2024-02-15T00:00:00Z')) })).toEqual(['i1', 'i2']);
    const { data } = await t.db.collection('items').doc('i4').get();
    expect(data.at).toBeInstanceOf(Date);
    expect(data.at.toISOString()).toBe('2024-04-01T00:00:00.000Z');
  });
});

describe('logical operators', () => {
  it('and / or / nor / not', async () => {
    const _ = t._;
    expect(await where(_.and([{ price: _.gte(3) }, { qty: _.gt(5) }]))).toEqual(['i1', 'i3']);
    expect(await where({ price: _.gt(2).and(_.lt(5)) })).toEqual(['i3']);
    expect(await where(_.or([{ price: _.lt(3) }, { qty: _.gte(10) }]))).toEqual(['i1', 'i2']);
    expect(await where({ price: _.lt(3).or(_.gt(10)) })).toEqual(['i2', 'i4']);
    expect(await where(_.nor([{ price: 5 }, { qty: 0 }]))).toEqual(['i3', 'i4']);
    expect(await where({ price: _.not(_.gt(4)) })).toEqual(['i2', 'i3']);
    // $not also selects documents that lack the field
    expect(await where({ 'meta.size.w': _.not(_.gt(1)) })).toEqual(['i1', 'i3', 'i4']);
  });
});

describe('element and evaluation operators', () => {
  it('exists, and null matching a missing field', async () => {
    const _ = t._;
    expect(await where({ meta: _.exists(false) })).toEqual(['i4']);
    expect(await where({ note: _.exists(true) })).toEqual(['i2']);
    expect(await where({ note: null })).toEqual(['i1', 'i2', 'i3', 'i4', 'i5']);
  });

  it('mod', async () => {
    expect(await where({ qty: t._.mod([2, 1]) })).toEqual(['i3', 'i4', 'i5']);
  });

  it('regular expressions: JS RegExp and db.RegExp', async () => {
    expect(await where({ name: /^[a-c]/ })).toEqual(['i1', 'i2', 'i3']);
    expect(await where({ name: t.db.RegExp({ regexp: '^d', options: 'i' }) })).toEqual(['i4']);
    expect(await where({ name: t.db.RegExp({ regexp: '^d' }) })).toEqual([]);
  });
});

describe('array operators and array equality', () => {
  it('a scalar matches arrays containing it; an array matches the exact array only', async () => {
    expect(await where({ tags: 'red' })).toEqual(['i1', 'i5']);
    expect(await where({ tags: ['fruit', 'red'] })).toEqual(['i1']);
  });

  it('size / all / elemMatch', async () => {
    const _ = t._;
    expect(await where({ tags: _.size(3) })).toEqual(['i4']);
    expect(await where({ scores: _.size(0) })).toEqual(['i3']);
    expect(await where({ tags: _.all(['red', 'fruit']) })).toEqual(['i1', 'i5']);
    expect(await where({ scores: _.elemMatch({ s: _.gte(85), k: 'b' }) })).toEqual(['i1']);
    // without $elemMatch each condition may be met by a different element
    expect(await where({ 'scores.s': _.gte(85), 'scores.k': 'a' })).toEqual(['i1']);
    expect(await where({ 'scores.k': 'c' })).toEqual(['i5']);
  });
});

describe('nested fields', () => {
  it('dotted paths and nested objects (the SDK flattens them to dotted paths)', async () => {
    const _ = t._;
    expect(await where({ 'meta.color': 'red' })).toEqual(['i1']);
    expect(await where({ meta: { color: 'yellow' } })).toEqual(['i2']);
    expect(await where({ 'meta.size.w': _.gte(2) })).toEqual(['i2', 'i5']);
  });
});

describe('order, skip, limit, projection', () => {
  it('orders by several fields in the order given', async () => {
    const res = await t.db.collection('items').orderBy('price', 'desc').orderBy('qty', 'asc').get();
    expect(ids(res)).toEqual(['i4', 'i5', 'i1', 'i3', 'i2']);
  });

  it('skip and limit apply after sorting', async () => {
    const res = await t.db.collection('items').orderBy('price', 'asc').orderBy('name', 'asc').skip(1).limit(2).get();
    expect(ids(res)).toEqual(['i3', 'i1']);
  });

  it('field() includes or excludes fields; _id stays unless excluded', async () => {
    const inc = await t.db.collection('items').where({ _id: 'i1' }).field({ name: true, price: true }).get();
    expect(inc.data).toEqual([{ _id: 'i1', name: 'apple', price: 5 }]);
    const exc = await t.db.collection('items').doc('i3').field({ tags: false, meta: false, scores: false, at: false }).get();
    expect(exc.data).toEqual({ _id: 'i3', name: 'carrot', price: 3, qty: 7 });
  });
});

describe('limits', () => {
  beforeAll(async () => {
    await t.db.createCollection('bulk');
    const docs = Array.from({ length: 1100 }, (_v, i) => ({ n: i }));
    await t.db.collection('bulk').add({ data: docs });
  });

  it('get() returns 100 by default and at most 1000', async () => {
    expect((await t.db.collection('bulk').get()).data).toHaveLength(100);
    expect((await t.db.collection('bulk').limit(1000).get()).data).toHaveLength(1000);
    expect((await t.db.collection('bulk').limit(5000).get()).data).toHaveLength(1000);
    expect((await t.db.collection('bulk').count()).total).toBe(1100);
  });

  it('the emulator itself applies the default and the cap (for other clients)', async () => {
    const none = await postAction(t.emu, { action: 'database.getDocument', collectionName: 'bulk', queryType: 'WHERE' });
    expect(none.data.list).toHaveLength(100);
    const many = await postAction(t.emu, { action: 'database.getDocument', collectionName: 'bulk', queryType: 'WHERE', limit: 5000 });
    expect(many.data.list).toHaveLength(1000);
    expect(typeof many.data.list[0]).toBe('string');
  });
});

describe('server date and errors', () => {
  it('db.serverDate() is the emulator clock (+offset), in writes and in queries', async () => {
    await t.db.createCollection('stamps');
    const { _id } = await t.db.collection('stamps').add({ data: { at: t.db.serverDate(), later: t.db.serverDate({ offset: 1000 }) } });
    const { data } = await t.db.collection('stamps').doc(_id).get();
    expect(data.at).toEqual(new Date(START));
    expect(data.later).toEqual(new Date(START + 1000));
    await t.emu.clock.advance(5000);
    const res = await t.db.collection('stamps').where({ at: t._.lt(t.db.serverDate()) }).count();
    expect(res.total).toBe(1);
  });

  it('doc.get of a missing document fails in the SDK (errCode -1)', async () => {
    const err = await rejection(t.db.collection('items').doc('nope').get());
    expect(err.errCode).toBe(-1);
    expect(err.errMsg).toMatch(/document with _id nope does not exist/);
  });

  it('a collection that was never created: DATABASE_COLLECTION_NOT_EXIST (-502005)', async () => {
    const err = await rejection(t.db.collection('ghosts').where({ a: 1 }).get());
    expect(err.errCode).toBe(-502005);
  });

  it('geo queries are refused with a clear error', async () => {
    const err = await rejection(t.db.collection('items').where({ loc: t._.geoNear({ geometry: new t.db.Geo.Point(113, 23), maxDistance: 10 }) }).get());
    expect(err.errCode).toBe(-502002);
    expect(err.errMsg).toMatch(/\$nearSphere is not supported .*geo/);
  });
});
