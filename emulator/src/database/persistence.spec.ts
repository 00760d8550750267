/**
 * Persistence: data survives stop/start, a kill -9 under write load loses no acknowledged write and corrupts
 * nothing, torn log tails are cut off, reset empties the data folder.
 */
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { EmulatorController } from '../controller';
import type { IndexConfig } from './indexes';
import { DatabaseService } from './service';
import { makeProjectDir, rejection, startDbEmulator } from './spec-helpers';

const INDEXES: IndexConfig = { collections: { keep: [{ name: 'code_unique', keys: { code: 1 }, unique: true }], declared: [] } };
let projectDir: string;
let dataDir: string;

beforeEach(() => {
  projectDir = makeProjectDir(INDEXES);
  dataDir = mkdtempSync(path.join(tmpdir(), 'db-data-'));
});

afterEach(() => {
  rmSync(projectDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

const walFile = () => path.join(dataDir, 'database', 'wal.jsonl');

it('data survives stop and start with the same dataDir (types, empty collections, indexes)', async () => {
  const first = await startDbEmulator({ projectDir, dataDir });
  await first.db.createCollection('empty');
  await first.db.collection('keep').add({ data: { _id: 'k1', code: 'A', at: new Date('2024-05-06T07:08:09Z'), nested: { list: [1, 2.5, 'x'] } } });
  await first.db.collection('keep').doc('k1').update({ data: { n: first._.inc(3) } });
  await first.db.collection('keep').add({ data: { _id: 'k2', code: 'B' } });
  await first.db.collection('keep').doc('k2').remove();
  await first.stop();

  const second = await startDbEmulator({ projectDir, dataDir });
  try {
    expect(second.service.listCollections()).toEqual(['declared', 'empty', 'keep']);
    const { data } = await second.db.collection('keep').doc('k1').get();
    expect(data).toEqual({ _id: 'k1', code: 'A', at: new Date('2024-05-06T07:08:09Z'), nested: { list: [1, 2.5, 'x'] }, n: 3 });
    expect(data.at).toBeInstanceOf(Date);
    expect((await second.db.collection('keep').count()).total).toBe(1);
    expect((await rejection(second.db.collection('keep').add({ data: { code: 'A' } }))).errMsg).toMatch(/code_unique/);
  } finally {
    await second.stop();
  }
});

it('kill -9 under write load: every acknowledged write is there after restart, nothing is corrupt', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'write-load.ts'), projectDir, dataDir], {
    cwd: path.resolve(__dirname, '../../..'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const acked: string[] = [];
  let maxCount = 0;
  let stderr = '';
  let buf = '';
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', () => reject(new Error(`writer exited early: ${stderr}`)));
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop()!;
      for (const line of lines) {
        if (line.startsWith('ack ')) acked.push(line.slice(4));
        else if (line.startsWith('cnt ')) maxCount = Math.max(maxCount, Number(line.slice(4)));
      }
      // enough writes, and at least one compaction happened under load
      if (acked.length >= 400 && existsSync(path.join(dataDir, 'database', 'snapshot.jsonl'))) {
        child.kill('SIGKILL');
        resolve();
      }
    });
  });
  expect(await exited).toBe('SIGKILL');

  const after = await startDbEmulator({ projectDir, dataDir });
  try {
    const load = after.service.collection('load');
    const present = new Set(load.find({}, { projection: { _id: 1 } }).map((d) => d._id));
    const missing = acked.filter((id) => !present.has(id));
    expect(missing).toEqual([]);
    expect(present.size).toBeGreaterThanOrEqual(acked.length);
    const docs = load.find({ pad: { $exists: true } });
    expect(docs.length).toBe(present.size);
    expect(docs.every((d) => d.at instanceof Date && typeof d.i === 'number')).toBe(true);
    expect((after.service.collection('counter').byId('c')?.n as number) >= maxCount).toBe(true);
    expect(maxCount).toBeGreaterThan(0);
    // and it keeps working on the recovered folder
    await after.db.collection('load').add({ data: { _id: 'after-crash' } });
    expect(load.byId('after-crash')).not.toBeNull();
  } finally {
    await after.stop();
  }
}, 60_000);

it('a torn last log line is ignored and cut off; complete lines before it are kept', async () => {
  const first = await startDbEmulator({ projectDir, dataDir });
  await first.db.collection('keep').add({ data: { _id: 'base', code: 'X' } });
  await first.stop(); // compacts: the log is now empty
  appendFileSync(walFile(), '{"seq":1000000,"ops":[{"op":"put","c":"keep","d":{"_id":"whole","code":"W"}}]}\n');
  appendFileSync(walFile(), '{"seq":1000001,"ops":[{"op":"put","c":"keep","d":{"_id":"ha');

  const second = await startDbEmulator({ projectDir, dataDir });
  try {
    const keep = second.service.collection('keep');
    expect(keep.find().map((d) => d._id)).toEqual(['base', 'whole']);
    expect(readFileSync(walFile(), 'utf8').endsWith('}]}\n')).toBe(true);
    await second.db.collection('keep').add({ data: { _id: 'next', code: 'N' } });
  } finally {
    await second.stop();
  }
  const third = await startDbEmulator({ projectDir, dataDir });
  try {
    expect(third.service.collection('keep').count()).toBe(3);
  } finally {
    await third.stop();
  }
});

it('a corrupt record in the middle of the log stops the start with a clear error', async () => {
  const first = await startDbEmulator({ projectDir, dataDir });
  await first.stop();
  appendFileSync(walFile(), 'garbage\n{"seq":1000000,"ops":[]}\n');
  const emu = new EmulatorController({ projectDir, dataDir, port: 0, quiet: true }, [(ctx) => new DatabaseService(ctx)]);
  try {
    await expect(emu.start()).rejects.toThrow(/corrupt record/);
  } finally {
    await emu.stop();
  }
});

it('reset drops everything, files included; declared collections come back empty', async () => {
  const first = await startDbEmulator({ projectDir, dataDir });
  await first.db.createCollection('extra');
  await first.db.collection('keep').add({ data: { code: 'A' } });
  await first.emu.reset();
  expect(first.service.listCollections()).toEqual(['declared', 'keep']);
  expect(first.service.collection('keep').count()).toBe(0);
  await first.stop();
  const second = await startDbEmulator({ projectDir, dataDir });
  try {
    expect(second.service.listCollections()).toEqual(['declared', 'keep']);
    expect(second.service.collection('keep').count()).toBe(0);
  } finally {
    await second.stop();
  }
});
