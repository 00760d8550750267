/**
 * The in-process API (seeding, tests, benchmarks) and the autoCreateCollections option.
 */
import { rejection, startDbEmulator, type DbTestContext } from './spec-helpers';

describe('in-process API', () => {
  let t: DbTestContext;
  beforeAll(async () => {
    t = await startDbEmulator();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('seeds data the SDK then reads, with the same rules', async () => {
    const goods = t.service.collection('goods');
    expect(goods.insertMany([{ _id: 'g1', n: 1, at: new Date(1) }, { _id: 'g2', n: 2 }])).toEqual(['g1', 'g2']);
    expect(() => goods.insertOne({ _id: 'g1' })).toThrow(/duplicate key/);
    expect((await t.db.collection('goods').doc('g1').get()).data.at).toEqual(new Date(1));
    expect(goods.updateMany({ n: { $gte: 2 } }, { $inc: { n: 10 } })).toBe(1);
    expect(goods.find({}, { order: { n: -1 }, projection: { n: 1 } })).toEqual([
      { _id: 'g2', n: 12 },
      { _id: 'g1', n: 1 },
    ]);
    const found = goods.findOne({ _id: 'g1' })!;
    found.n = 99; // a copy: the stored document is untouched
    expect(goods.byId('g1')?.n).toBe(1);
    expect(goods.removeMany({ n: 1 })).toBe(1);
    expect(goods.count()).toBe(1);
    goods.drop();
    expect(t.service.listCollections()).toEqual([]);
  });
});

describe('autoCreateCollections', () => {
  it('is off by default: a never-created collection is an error, as on the real cloud', async () => {
    const t = await startDbEmulator();
    try {
      expect((await rejection(t.db.collection('x').add({ data: { a: 1 } }))).errCode).toBe(-502005);
    } finally {
      await t.stop();
    }
  });

  it('when on, the first write creates the collection and reads of a missing one are empty', async () => {
    const t = await startDbEmulator({ db: { autoCreateCollections: true } });
    try {
      expect((await t.db.collection('y').get()).data).toEqual([]);
      await t.db.collection('y').add({ data: { a: 1 } });
      expect((await t.db.collection('y').count()).total).toBe(1);
      expect(t.service.listCollections()).toEqual(['y']);
    } finally {
      await t.stop();
    }
  });
});
