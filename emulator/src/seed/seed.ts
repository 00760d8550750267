import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { EJSON } from 'bson';
import type { EmulatorController } from '../controller';
import { AdminCallError, adminCall } from './admin-client';
import type { Dataset } from './dataset';

export interface SeedReport {
  /** Documents inserted per collection. */
  collections: Record<string, number>;
  /** cloudPath → fileID. */
  files: Record<string, string>;
}

/** Documents per insertDocument request. */
const BATCH = 100;

type StorageLike = { putFile(cloudPath: string, bytes: Buffer | string): Promise<string> };

/**
 * Puts a dataset into a running emulator: creates each collection, inserts its documents (through the `/admin`
 * wire protocol, as `db.collection(n).add()` would: EJSON-typed, so Dates stay Dates), and uploads the files
 * through the storage service. A collection that already exists is reused; a document whose `_id` exists fails.
 */
export async function seedDataset(emu: EmulatorController, dataset: Dataset): Promise<SeedReport> {
  const report: SeedReport = { collections: {}, files: {} };
  const adminUrl = emu.ctx.adminUrl();
  const envId = emu.ctx.options.envId;
  for (const [name, docs] of Object.entries(dataset.collections ?? {})) {
    if (!Array.isArray(docs)) throw new Error(`seed: collections.${name} must be an array of documents`);
    try {
      await adminCall(adminUrl, envId, 'database.addCollection', { collectionName: name });
    } catch (e) {
      if (!(e instanceof AdminCallError && e.code === 'DATABASE_COLLECTION_ALREADY_EXIST')) throw seedError(`creating collection ${name}`, e);
    }
    for (let i = 0; i < docs.length; i += BATCH) {
      const data = docs.slice(i, i + BATCH).map((d) => EJSON.stringify(d, { relaxed: false }));
      try {
        await adminCall(adminUrl, envId, 'database.insertDocument', { collectionName: name, data });
      } catch (e) {
        throw seedError(`inserting into ${name} (documents ${i}–${i + data.length - 1})`, e);
      }
    }
    report.collections[name] = docs.length;
  }
  const files = Object.entries(dataset.files ?? {});
  if (files.length) {
    let storage: StorageLike;
    try {
      storage = emu.service<StorageLike>('storage');
    } catch {
      throw new Error('seed: the dataset has files but the storage service is not running');
    }
    for (const [cloudPath, content] of files) {
      const bytes = typeof content === 'string' ? readFileSync(content) : content;
      report.files[cloudPath] = await storage.putFile(cloudPath, bytes);
    }
  }
  return report;
}

function seedError(what: string, e: unknown): Error {
  const err = e as Error & { code?: string };
  const hint = err.code === 'INVALID_ACTION' ? ' (is the database service running?)' : '';
  return new Error(`seed: ${what} failed: ${err.message}${hint}`);
}

/** The marker file in the data folder that remembers which datasets were seeded. */
export const META_FILE = '_emulator_meta.json';

interface Meta {
  seeds?: Record<string, { at: string; report: SeedReport }>;
  [k: string]: unknown;
}

const inMemorySeeds = new WeakMap<EmulatorController, Set<string>>();

export interface SeedOnceResult {
  /** False when the dataset had been seeded before (nothing was done). */
  seeded: boolean;
  report?: SeedReport;
}

/**
 * Seeds `dataset` unless this emulator's data folder says it was seeded already (`_emulator_meta.json`), so
 * `npm start` seeds on the first start only. `key` names the dataset (several can be tracked). With no data
 * folder (in memory) the marker lives as long as the emulator. `dataset` may be a function, called only when
 * seeding happens.
 */
export async function seedOnce(emu: EmulatorController, dataset: Dataset | (() => Dataset | Promise<Dataset>), opts: { key?: string } = {}): Promise<SeedOnceResult> {
  const key = opts.key ?? 'default';
  const dir = emu.ctx.options.dataDir;
  if (wasSeeded(emu, key)) return { seeded: false };
  const report = await seedDataset(emu, typeof dataset === 'function' ? await dataset() : dataset);
  if (dir) {
    const meta = readMeta(dir);
    meta.seeds = { ...(meta.seeds ?? {}), [key]: { at: new Date(emu.clock.now()).toISOString(), report } };
    writeMeta(dir, meta);
  } else {
    let set = inMemorySeeds.get(emu);
    if (!set) inMemorySeeds.set(emu, (set = new Set()));
    set.add(key);
  }
  return { seeded: true, report };
}

/** Whether `seedOnce` has seeded `key` into this emulator (its data folder). */
export function wasSeeded(emu: EmulatorController, key = 'default'): boolean {
  const dir = emu.ctx.options.dataDir;
  if (!dir) return inMemorySeeds.get(emu)?.has(key) ?? false;
  return !!readMeta(dir).seeds?.[key];
}

/** Forgets the marker (e.g. after wiping the data), so the next `seedOnce` seeds again. */
export function forgetSeed(emu: EmulatorController, key = 'default'): void {
  const dir = emu.ctx.options.dataDir;
  if (!dir) {
    inMemorySeeds.get(emu)?.delete(key);
    return;
  }
  const meta = readMeta(dir);
  if (meta.seeds?.[key]) {
    delete meta.seeds[key];
    writeMeta(dir, meta);
  }
}

function readMeta(dir: string): Meta {
  const file = path.join(dir, META_FILE);
  if (!existsSync(file)) return {};
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Meta) : {};
  } catch {
    return {};
  }
}

function writeMeta(dir: string, meta: Meta): void {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, META_FILE);
  writeFileSync(`${file}.tmp`, JSON.stringify(meta, null, 2));
  renameSync(`${file}.tmp`, file);
}
