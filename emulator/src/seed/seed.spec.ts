import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EJSON } from 'bson';
import type { EmulatorContext } from '../core/context';
import { TcbError } from '../core/errors';
import type { EmulatorService } from '../core/service';
import { storageService, type StorageService } from '../storage';
import { startTestEmulator } from '../testing';
import { forgetSeed, loadDataset, META_FILE, seedDataset, seedOnce, wasSeeded } from './index';

/** Stands in for the database service: keeps what the wire actions insert (decoded from EJSON). */
class FakeDatabase implements EmulatorService {
  readonly name = 'database';
  readonly collections = new Map<string, Array<Record<string, unknown>>>();
  requests = 0;
  actions() {
    return {
      'database.addCollection': (req: { body: Record<string, unknown> }) => {
        this.requests++;
        const name = String(req.body.collectionName);
        if (this.collections.has(name)) throw new TcbError('DATABASE_COLLECTION_ALREADY_EXIST', `collection ${name} exists`);
        this.collections.set(name, []);
        return { json: {} };
      },
      'database.insertDocument': (req: { body: Record<string, unknown> }) => {
        this.requests++;
        const name = String(req.body.collectionName);
        const coll = this.collections.get(name);
        if (!coll) throw new TcbError('DATABASE_COLLECTION_NOT_EXIST', `no collection ${name}`);
        const docs = (req.body.data as string[]).map((s) => EJSON.parse(s, { relaxed: true }) as Record<string, unknown>);
        for (const d of docs) d._id ??= `id${coll.length}`;
        coll.push(...docs);
        return { json: { data: { insertedIds: docs.map((d) => d._id) } } };
      },
    };
  }
}

const fakeDatabase = (_ctx: EmulatorContext) => new FakeDatabase();

describe('seeding', () => {
  let tmp: string;

  beforeAll(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'emu-seed-'));
  });

  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
  });

  it('creates collections, inserts typed documents in batches, and uploads files', async () => {
    const emu = await startTestEmulator({ services: [fakeDatabase, storageService] });
    try {
      const goods = Array.from({ length: 250 }, (_, i) => ({ _id: `g${i}`, name: `商品${i}`, price: 100 + i, createdAt: new Date(Date.UTC(2024, 0, 1)) }));
      const report = await seedDataset(emu, {
        collections: { goods, config: [{ _id: 'shop', open: true }] },
        files: { 'goods/1.txt': Buffer.from('hello') },
      });
      expect(report.collections).toEqual({ goods: 250, config: 1 });
      expect(report.files['goods/1.txt']).toMatch(/^cloud:\/\/.+goods\/1\.txt$/);
      const db = emu.service<FakeDatabase>('database');
      const stored = db.collections.get('goods')!;
      expect(stored).toHaveLength(250);
      expect(stored[7]).toEqual({ _id: 'g7', name: '商品7', price: 107, createdAt: new Date(Date.UTC(2024, 0, 1)) });
      expect(stored[7].createdAt).toBeInstanceOf(Date);
      // 2 collections + 3 batches for 250 goods + 1 batch for config.
      expect(db.requests).toBe(6);
      const bytes = await emu.service<StorageService>('storage').getFile('goods/1.txt');
      expect(bytes?.toString()).toBe('hello');

      // Seeding again reuses the collections; a duplicate _id is the database's error to report.
      await seedDataset(emu, { collections: { config: [{ _id: 'other' }] } });
      expect(db.collections.get('config')).toHaveLength(2);
    } finally {
      await emu.stop();
    }
  });

  it('explains a missing database service', async () => {
    const emu = await startTestEmulator({ services: [storageService] });
    try {
      await expect(seedDataset(emu, { collections: { a: [{ x: 1 }] } })).rejects.toThrow(/database service running/);
    } finally {
      await emu.stop();
    }
  });

  it('seeds once per data folder: a restart does not seed again', async () => {
    const dataDir = path.join(tmp, 'data');
    const dataset = { collections: { goods: [{ _id: 'g1', name: 'A' }] } };

    const first = await startTestEmulator({ dataDir, services: [fakeDatabase, storageService] });
    try {
      expect(wasSeeded(first)).toBe(false);
      const r = await seedOnce(first, dataset);
      expect(r).toMatchObject({ seeded: true, report: { collections: { goods: 1 } } });
      expect((await seedOnce(first, dataset)).seeded).toBe(false);
    } finally {
      await first.stop();
    }
    const meta = JSON.parse(readFileSync(path.join(dataDir, META_FILE), 'utf8')) as { seeds: Record<string, unknown> };
    expect(Object.keys(meta.seeds)).toEqual(['default']);

    const second = await startTestEmulator({ dataDir, services: [fakeDatabase, storageService] });
    try {
      let loaded = 0;
      const r = await seedOnce(second, () => {
        loaded++;
        return dataset;
      });
      expect(r.seeded).toBe(false);
      expect(loaded).toBe(0);
      expect(second.service<FakeDatabase>('database').collections.size).toBe(0);
      // Another dataset key is tracked on its own; forgetting a key seeds it again.
      expect((await seedOnce(second, { collections: { extra: [{}] } }, { key: 'extra' })).seeded).toBe(true);
      forgetSeed(second);
      expect((await seedOnce(second, dataset)).seeded).toBe(true);
    } finally {
      await second.stop();
    }
  });

  it('seeds once per emulator when in memory', async () => {
    const emu = await startTestEmulator({ services: [fakeDatabase] });
    try {
      expect((await seedOnce(emu, { collections: { a: [{}] } })).seeded).toBe(true);
      expect((await seedOnce(emu, { collections: { a: [{}] } })).seeded).toBe(false);
      expect(emu.service<FakeDatabase>('database').collections.get('a')).toHaveLength(1);
    } finally {
      await emu.stop();
    }
  });

  it('loads a dataset folder (JSON, JSON lines with Extended JSON, files)', () => {
    const dir = path.join(tmp, 'dataset');
    mkdirSync(path.join(dir, 'collections'), { recursive: true });
    mkdirSync(path.join(dir, 'files', 'goods'), { recursive: true });
    writeFileSync(path.join(dir, 'collections', 'goods.json'), JSON.stringify([{ _id: 'g1', at: { $date: '2024-01-01T00:00:00Z' }, price: 990 }]));
    writeFileSync(path.join(dir, 'collections', 'orders.jsonl'), '{"_id":"o1","total":100}\n\n{"_id":"o2","total":200}\n');
    writeFileSync(path.join(dir, 'files', 'goods', '1.jpg'), 'jpg');
    const ds = loadDataset(dir);
    expect(ds.collections).toEqual({
      goods: [{ _id: 'g1', at: new Date('2024-01-01T00:00:00Z'), price: 990 }],
      orders: [
        { _id: 'o1', total: 100 },
        { _id: 'o2', total: 200 },
      ],
    });
    expect(ds.files).toEqual({ 'goods/1.jpg': path.join(dir, 'files', 'goods', '1.jpg') });
    writeFileSync(path.join(dir, 'collections', 'bad.json'), '{"not":"an array"}');
    expect(() => loadDataset(dir)).toThrow(/bad\.json must hold a JSON array/);
  });
});
