/**
 * Aggregation through the real wx-server-sdk; expected results follow the MongoDB manual for each stage.
 */
import { postAction, rejection, startDbEmulator, type DbTestContext } from './spec-helpers';

let t: DbTestContext;

beforeAll(async () => {
  t = await startDbEmulator({ indexes: { collections: { orders: [], users: [] } } });
  await t.db.collection('orders').add({
    data: [
      { _id: 'o1', user: 'u1', amount: 100, status: 'paid', items: [{ sku: 'a', n: 1 }, { sku: 'b', n: 2 }] },
      { _id: 'o2', user: 'u2', amount: 50, status: 'paid', items: [{ sku: 'a', n: 3 }] },
      { _id: 'o3', user: 'u1', amount: 30, status: 'cancelled', items: [] },
    ],
  });
  await t.db.collection('users').add({ data: [{ _id: 'u1', name: 'Ann' }, { _id: 'u2', name: 'Bob' }] });
});

afterAll(async () => {
  await t?.stop();
});

const agg = () => t.db.collection('orders').aggregate();

it('match + group + sort', async () => {
  const $ = t._.aggregate;
  const { list } = await agg().match({ status: 'paid' }).group({ _id: '$user', total: $.sum('$amount'), n: $.sum(1) }).sort({ total: -1 }).end();
  expect(list).toEqual([
    { _id: 'u1', total: 100, n: 1 },
    { _id: 'u2', total: 50, n: 1 },
  ]);
});

it('group with _id null and accumulators (avg, max, push, addToSet)', async () => {
  const $ = t._.aggregate;
  const { list } = await agg()
    .group({ _id: null, avg: $.avg('$amount'), max: $.max('$amount'), users: $.addToSet('$user'), all: $.push('$_id') })
    .end();
  expect(list).toHaveLength(1);
  expect(list[0]).toMatchObject({ _id: null, avg: 60, max: 100, all: ['o1', 'o2', 'o3'] });
  expect([...list[0].users].sort()).toEqual(['u1', 'u2']);
});

it('unwind drops empty arrays unless preserveNullAndEmptyArrays', async () => {
  const $ = t._.aggregate;
  const bySku = await agg().unwind('$items').group({ _id: '$items.sku', n: $.sum('$items.n') }).sort({ _id: 1 }).end();
  expect(bySku.list).toEqual([
    { _id: 'a', n: 4 },
    { _id: 'b', n: 2 },
  ]);
  const kept = await agg().unwind({ path: '$items', preserveNullAndEmptyArrays: true }).project({ _id: 1 }).end();
  expect(kept.list.map((d: { _id: string }) => d._id)).toEqual(['o1', 'o1', 'o2', 'o3']);
});

it('lookup joins another collection (localField/foreignField and let/pipeline)', async () => {
  const { list } = await agg().lookup({ from: 'users', localField: 'user', foreignField: '_id', as: 'u' }).project({ u: 1 }).end();
  expect(list).toEqual([
    { _id: 'o1', u: [{ _id: 'u1', name: 'Ann' }] },
    { _id: 'o2', u: [{ _id: 'u2', name: 'Bob' }] },
    { _id: 'o3', u: [{ _id: 'u1', name: 'Ann' }] },
  ]);
  const _ = t._;
  const $ = _.aggregate;
  const withPipeline = await t.db
    .collection('users')
    .aggregate()
    .lookup({
      from: 'orders',
      let: { uid: '$_id' },
      pipeline: $.pipeline().match(_.expr($.and([$.eq(['$user', '$$uid']), $.eq(['$status', 'paid'])]))).project({ _id: 1 }).done(),
      as: 'paid',
    })
    .end();
  expect(withPipeline.list).toEqual([
    { _id: 'u1', name: 'Ann', paid: [{ _id: 'o1' }] },
    { _id: 'u2', name: 'Bob', paid: [{ _id: 'o2' }] },
  ]);
});

it('project / addFields with expressions, skip, limit, count', async () => {
  const $ = t._.aggregate;
  const added = await agg().addFields({ double: $.multiply(['$amount', 2]) }).project({ double: 1 }).sort({ double: 1 }).skip(1).limit(1).end();
  expect(added.list).toEqual([{ _id: 'o2', double: 100 }]);
  const counted = await agg().match({ status: 'paid' }).count('n').end();
  expect(counted.list).toEqual([{ n: 2 }]);
});

it('bucket, sortByCount, sample', async () => {
  // buckets are [lower, upper): 30 → 0, 50 → 50, 100 → 100
  const bucket = await agg().bucket({ groupBy: '$amount', boundaries: [0, 50, 100, 200] }).end();
  expect(bucket.list).toEqual([
    { _id: 0, count: 1 },
    { _id: 50, count: 1 },
    { _id: 100, count: 1 },
  ]);
  // only non-empty buckets are output; the default bucket comes last; output replaces count
  const $ = t._.aggregate;
  const withDefault = await agg().bucket({ groupBy: '$amount', boundaries: [0, 40, 60, 80], default: 'big', output: { ids: $.push('$_id') } }).end();
  expect(withDefault.list).toEqual([
    { _id: 0, ids: ['o3'] },
    { _id: 40, ids: ['o2'] },
    { _id: 'big', ids: ['o1'] },
  ]);
  const byStatus = await agg().sortByCount('$status').end();
  expect(byStatus.list).toEqual([
    { _id: 'paid', count: 2 },
    { _id: 'cancelled', count: 1 },
  ]);
  const sample = await agg().sample({ size: 2 }).end();
  expect(sample.list).toHaveLength(2);
  expect(new Set(sample.list.map((d: { _id: string }) => d._id)).size).toBe(2);
  // distinct documents, never more than there are
  const all = await agg().sample({ size: 10 }).end();
  expect(all.list.map((d: { _id: string }) => d._id).sort()).toEqual(['o1', 'o2', 'o3']);
});

it('an unknown stage is named in the error; $geoNear is refused as unsupported', async () => {
  const unknown = await postAction(t.emu, {
    action: 'database.aggregateDocuments',
    collectionName: 'orders',
    stages: [{ stageKey: '$frobnicate', stageValue: '{}' }],
  });
  expect(unknown.code).toBe('DATABASE_INVALID_OPERRATOR');
  expect(unknown.message).toMatch(/\$frobnicate/);
  const err = await rejection(agg().geoNear({ near: new t.db.Geo.Point(113, 23), spherical: true, distanceField: 'd' }).end());
  expect(err.errMsg).toMatch(/\$geoNear is not supported/);
});

it('a missing collection fails as on the real cloud', async () => {
  const err = await rejection(t.db.collection('nothing').aggregate().match({}).end());
  // wx-server-sdk reports aggregate errors with errCode -1 and keeps the service's code
  expect(err.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
});
