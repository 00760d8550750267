/**
 * The index module on its own: the file format, and hash lookups that must never lose a document a scan would
 * find (arrays, paths through arrays, mixed types).
 */
import { parseIndexConfig } from './indexes';
import { compileFilter } from './query';
import { Store } from './store';
import type { Doc } from './values';

const specs = parseIndexConfig({
  collections: {
    c: [
      { name: 'by_a', keys: { a: 1 } },
      { name: 'by_sku', keys: { 'items.sku': 1 } },
      { name: 'ab_unique', keys: { a: 1, b: -1 }, unique: true, sparse: true },
    ],
  },
}).collections.c;

function storeWith(docs: Doc[]): Store {
  const s = new Store(() => specs);
  s.apply([{ op: 'create', c: 'c' }, ...docs.map((doc) => ({ op: 'put' as const, c: 'c', doc }))]);
  return s;
}

const DOCS: Doc[] = [
  { _id: 1, a: 'x', b: 1, items: [{ sku: 'k1' }, { sku: 'k2' }] },
  { _id: 2, a: ['x', 'y'], b: 2 },
  { _id: 3, a: 'y', b: 1, items: { sku: 'k1' } },
  { _id: 4, a: 1, b: 1 },
  { _id: 5, a: new Date(7), b: 3 },
  { _id: 6 },
];

it('index lookups find exactly what a full scan finds', () => {
  const s = storeWith(DOCS);
  const cases: Array<Record<string, unknown>> = [
    { a: 'x' },
    { a: 'y' },
    { a: { $eq: 1 } },
    { a: new Date(7) },
    { a: 'x', b: 2 },
    { 'items.sku': 'k1' },
    { $and: [{ a: 'y' }, { b: 1 }] },
    { _id: { $in: [1, 4, 99] } },
  ];
  for (const filter of cases) {
    const q = compileFilter(filter);
    const scanned = DOCS.filter((d) => q.test(d)).map((d) => d._id);
    expect({ filter, ids: s.match('c', q).map((d) => d._id) }).toEqual({ filter, ids: scanned });
  }
});

it('an equality on an indexed field reads a bucket, not the whole collection', () => {
  const many: Doc[] = Array.from({ length: 1000 }, (_v, i) => ({ _id: i + 10, a: `v${i}` }));
  const s = storeWith(many);
  expect(s.collection('c').candidates({ a: 'v500' }).map((e) => e.doc._id)).toEqual([510]);
  expect(s.collection('c').candidates({ _id: 20 })).toHaveLength(1);
  expect(s.collection('c').candidates({ b: 1 })).toHaveLength(1000); // not indexed alone: scan
});

it('unique compound index: duplicates refused, sparse documents skipped, a swap inside one batch allowed', () => {
  const s = storeWith([
    { _id: 'p', a: 'x', b: 1 },
    { _id: 'q', a: 'x', b: 2 },
  ]);
  expect(() => s.validate([{ op: 'put', c: 'c', doc: { _id: 'r', a: 'x', b: 1 } }])).toThrow(/ab_unique/);
  expect(() => s.validate([{ op: 'put', c: 'c', doc: { _id: 'r' } }, { op: 'put', c: 'c', doc: { _id: 's' } }])).not.toThrow();
  // a missing b counts as null: two {a:'z'} documents collide
  expect(() => s.validate([{ op: 'put', c: 'c', doc: { _id: 'r', a: 'z' } }, { op: 'put', c: 'c', doc: { _id: 's', a: 'z' } }])).toThrow(/ab_unique/);
  expect(() =>
    s.validate([
      { op: 'put', c: 'c', doc: { _id: 'p', a: 'x', b: 2 } },
      { op: 'put', c: 'c', doc: { _id: 'q', a: 'x', b: 1 } },
    ]),
  ).not.toThrow();
});

it('the index file is checked with clear messages', () => {
  expect(() => parseIndexConfig({ orders: [] })).toThrow(/expected \{"collections"/);
  expect(() => parseIndexConfig({ collections: { o: [{ keys: {} }] } })).toThrow(/keys must be a non-empty object/);
  expect(() => parseIndexConfig({ collections: { o: [{ keys: { a: 2 } }] } })).toThrow(/must be 1 or -1/);
  expect(parseIndexConfig({ collections: { o: [{ keys: { a: 1, b: -1 } }] } }).collections.o[0].name).toBe('a_1_b_-1');
});
