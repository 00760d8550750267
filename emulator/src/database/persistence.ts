/**
 * Durable storage for the database under `<dataDir>/database/`:
 *   wal.jsonl       append-only log, one JSON line per committed write batch (a request, or a whole transaction),
 *                   written with fs.writeSync BEFORE the reply is sent;
 *   snapshot.jsonl  the full data as of log sequence N, rewritten by compaction into a temp file that is then
 *                   atomically renamed over the old one; the log is truncated afterwards.
 *
 * Guarantees: a process crash (kill -9, exception, Ctrl-C) at any moment loses nothing that was acknowledged and
 * never leaves a corrupt state: a torn last log line is discarded (and cut off) at load, and a compaction crash
 * leaves either the old or the new snapshot, with log records already in the snapshot skipped by sequence number.
 * Power loss / OS crash: only with `fsync: true` (env CLOUD_EMULATOR_DB_FSYNC=1), which fsyncs every log append
 * and the snapshot before its rename; without it the OS may lose the last writes it had not flushed yet.
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { fromStored, toStored } from './ejson';
import type { WriteOp } from './store';
import type { Doc } from './values';

export interface PersistenceOptions {
  fsync: boolean;
  /** Compact once the log grows past this many bytes. */
  compactAfterBytes: number;
}

type StoredOp =
  | { op: 'create'; c: string }
  | { op: 'drop'; c: string }
  | { op: 'put'; c: string; d: Record<string, unknown> }
  | { op: 'del'; c: string; k: string };

interface WalRecord {
  seq: number;
  ops: StoredOp[];
}

const SNAPSHOT_FORMAT = 'cloud-emulator-db-snapshot';

export interface LoadReport {
  snapshotDocs: number;
  walRecords: number;
  /** Bytes of a torn final log line that were discarded. */
  tornBytes: number;
}

export interface SnapshotSource {
  name: string;
  docs: Iterable<Doc>;
}

function writeAll(fd: number, data: Buffer): void {
  let off = 0;
  while (off < data.length) off += writeSync(fd, data, off, data.length - off);
}

export class Persistence {
  readonly dir: string;
  private readonly walPath: string;
  private readonly snapPath: string;
  private readonly lockPath: string;
  private fd: number | null = null;
  private seq = 0;
  private walBytes = 0;

  constructor(dataDir: string, private readonly opts: PersistenceOptions) {
    this.dir = path.join(dataDir, 'database');
    this.walPath = path.join(this.dir, 'wal.jsonl');
    this.snapPath = path.join(this.dir, 'snapshot.jsonl');
    this.lockPath = path.join(this.dir, 'LOCK');
  }

  /** Takes the folder (refusing one another live process holds), loads it, and opens the log for appending. */
  open(apply: (ops: WriteOp[]) => void): LoadReport {
    mkdirSync(this.dir, { recursive: true });
    this.lock();
    const report: LoadReport = { snapshotDocs: 0, walRecords: 0, tornBytes: 0 };
    const snapSeq = this.loadSnapshot(apply, report);
    this.seq = snapSeq;
    this.loadWal(apply, snapSeq, report);
    this.fd = openSync(this.walPath, 'a');
    return report;
  }

  private lock(): void {
    if (existsSync(this.lockPath)) {
      const pid = Number(readFileSync(this.lockPath, 'utf8').trim());
      if (pid && pid !== process.pid && isAlive(pid)) {
        throw new Error(`database folder ${this.dir} is in use by another emulator (pid ${pid})`);
      }
    }
    writeFileSync(this.lockPath, String(process.pid));
  }

  private loadSnapshot(apply: (ops: WriteOp[]) => void, report: LoadReport): number {
    if (!existsSync(this.snapPath)) return 0;
    const lines = readFileSync(this.snapPath, 'utf8').split('\n');
    const header = JSON.parse(lines[0] || '{}') as { format?: string; seq?: number };
    if (header.format !== SNAPSHOT_FORMAT) throw new Error(`${this.snapPath}: not a database snapshot`);
    let ended = false;
    for (let i = 1; i < lines.length; i++) {
      if (!lines[i]) continue;
      const rec = JSON.parse(lines[i]) as { c?: string; d?: unknown; end?: boolean };
      if (rec.end) {
        ended = true;
        break;
      }
      if (typeof rec.c !== 'string') throw new Error(`${this.snapPath}:${i + 1}: bad record`);
      if (rec.d === undefined) apply([{ op: 'create', c: rec.c }]);
      else {
        apply([{ op: 'put', c: rec.c, doc: fromStored(rec.d) }]);
        report.snapshotDocs++;
      }
    }
    if (!ended) throw new Error(`${this.snapPath}: incomplete snapshot (no end marker)`);
    return header.seq ?? 0;
  }

  private loadWal(apply: (ops: WriteOp[]) => void, snapSeq: number, report: LoadReport): void {
    if (!existsSync(this.walPath)) return;
    const buf = readFileSync(this.walPath);
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(0x0a, pos);
      const end = nl === -1 ? buf.length : nl;
      const text = buf.subarray(pos, end).toString('utf8');
      let rec: WalRecord | null = null;
      if (text.trim()) {
        try {
          rec = JSON.parse(text) as WalRecord;
          if (typeof rec.seq !== 'number' || !Array.isArray(rec.ops)) rec = null;
        } catch {
          rec = null;
        }
        if (!rec) {
          const rest = nl === -1 ? '' : buf.subarray(nl + 1).toString('utf8');
          if (rest.trim()) throw new Error(`${this.walPath}: corrupt record at byte ${pos} followed by more records; refusing to guess`);
          // a torn final write (crash mid-append): cut it off so later appends start on a clean line
          report.tornBytes = buf.length - pos;
          ftruncate(this.walPath, pos);
          break;
        }
        if (rec.seq > snapSeq) {
          apply(rec.ops.map(fromStoredOp));
          report.walRecords++;
          this.seq = Math.max(this.seq, rec.seq);
        }
      }
      if (nl === -1) {
        // complete record without its newline: finish the line
        if (rec) writeFileSync(this.walPath, '\n', { flag: 'a' });
        break;
      }
      pos = nl + 1;
    }
    this.walBytes = existsSync(this.walPath) ? readFileSync(this.walPath).length : 0;
  }

  /** Appends one committed batch; returns once the bytes are written (and fsynced with the option). */
  append(ops: WriteOp[]): void {
    if (this.fd === null) throw new Error('database log is not open');
    const rec: WalRecord = { seq: this.seq + 1, ops: ops.map(toStoredOp) };
    const line = Buffer.from(`${JSON.stringify(rec)}\n`, 'utf8');
    writeAll(this.fd, line);
    if (this.opts.fsync) fsyncSync(this.fd);
    this.seq++;
    this.walBytes += line.length;
  }

  needsCompaction(): boolean {
    return this.walBytes > this.opts.compactAfterBytes;
  }

  hasLog(): boolean {
    return this.walBytes > 0;
  }

  /** Writes the full data to a new snapshot (temp file + atomic rename), then empties the log. */
  compact(collections: Iterable<SnapshotSource>): void {
    if (this.fd === null) throw new Error('database log is not open');
    const tmp = `${this.snapPath}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      let chunk: string[] = [JSON.stringify({ format: SNAPSHOT_FORMAT, version: 1, seq: this.seq })];
      let size = 0;
      const flush = () => {
        writeAll(fd, Buffer.from(`${chunk.join('\n')}\n`, 'utf8'));
        chunk = [];
        size = 0;
      };
      for (const col of collections) {
        chunk.push(JSON.stringify({ c: col.name }));
        for (const d of col.docs) {
          const line = JSON.stringify({ c: col.name, d: toStored(d) });
          chunk.push(line);
          size += line.length;
          if (size > 1 << 20) flush();
        }
      }
      chunk.push(JSON.stringify({ end: true }));
      flush();
      if (this.opts.fsync) fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.snapPath);
    if (this.opts.fsync) fsyncDir(this.dir);
    ftruncateSync(this.fd, 0);
    if (this.opts.fsync) fsyncSync(this.fd);
    this.walBytes = 0;
  }

  /** Drops every file; the log starts again empty. */
  reset(): void {
    if (this.fd !== null) closeSync(this.fd);
    rmSync(this.walPath, { force: true });
    rmSync(this.snapPath, { force: true });
    rmSync(`${this.snapPath}.tmp`, { force: true });
    this.seq = 0;
    this.walBytes = 0;
    this.fd = openSync(this.walPath, 'a');
  }

  close(): void {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    rmSync(this.lockPath, { force: true });
  }
}

function toStoredOp(op: WriteOp): StoredOp {
  switch (op.op) {
    case 'put':
      return { op: 'put', c: op.c, d: toStored(op.doc) };
    case 'del':
      return { op: 'del', c: op.c, k: op.key };
    default:
      return { op: op.op, c: op.c };
  }
}

function fromStoredOp(op: StoredOp): WriteOp {
  switch (op.op) {
    case 'put':
      return { op: 'put', c: op.c, doc: fromStored(op.d) };
    case 'del':
      return { op: 'del', c: op.c, key: op.k };
    default:
      return { op: op.op, c: op.c };
  }
}

function ftruncate(file: string, len: number): void {
  const fd = openSync(file, 'r+');
  try {
    ftruncateSync(fd, len);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    /* some platforms cannot fsync a directory */
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
