/**
 * The committed data, in memory: collections of documents keyed by `_id`, each with a version (bumped by every
 * write, used by transactions to detect conflicts) and an insertion sequence (natural order). Writes arrive as
 * batches of operations that are checked first (collections exist, unique indexes hold) and then applied all at
 * once, so a batch is atomic.
 */
import { collectionNotExist } from './errors';
import { CollectionIndexes, idConstraint, type DocChange, type IndexSpec } from './indexes';
import type { CompiledFilter } from './query';
import { idKey, type Doc } from './values';

export interface Entry {
  key: string;
  doc: Doc;
  version: number;
  seq: number;
}

export type WriteOp =
  | { op: 'create'; c: string }
  | { op: 'drop'; c: string }
  | { op: 'put'; c: string; doc: Doc }
  | { op: 'del'; c: string; key: string };

export class CollectionData {
  readonly entries = new Map<string, Entry>();
  readonly indexes: CollectionIndexes;

  constructor(readonly name: string, specs: IndexSpec[]) {
    this.indexes = new CollectionIndexes(name, specs);
  }

  /** Entries that may match, in natural (insertion) order: an `_id` or index lookup when possible, else all. */
  candidates(filter: Record<string, unknown>): Entry[] {
    const ids = idConstraint(filter);
    if (ids) {
      const out: Entry[] = [];
      const seen = new Set<string>();
      for (const id of ids) {
        const k = idKey(id);
        const e = this.entries.get(k);
        if (e && !seen.has(k)) {
          seen.add(k);
          out.push(e);
        }
      }
      return out.sort((a, b) => a.seq - b.seq);
    }
    const planned = this.indexes.plan(filter);
    if (planned) {
      const out: Entry[] = [];
      for (const k of planned) {
        const e = this.entries.get(k);
        if (e) out.push(e);
      }
      return out.sort((a, b) => a.seq - b.seq);
    }
    return [...this.entries.values()];
  }

  match(q: CompiledFilter): Entry[] {
    return this.candidates(q.filter).filter((e) => q.test(e.doc));
  }
}

/** Reads a transaction or a plain request can make. */
export interface ReadView {
  hasCollection(c: string): boolean;
  /** The document under `key`, or undefined. */
  byKey(c: string, key: string): Doc | undefined;
  /** The matching documents in natural order (the objects must not be mutated). */
  match(c: string, q: CompiledFilter): Doc[];
}

export class Store implements ReadView {
  private readonly cols = new Map<string, CollectionData>();
  private versionSeq = 0;
  private insertSeq = 0;

  constructor(private indexSpecs: (c: string) => IndexSpec[]) {}

  setIndexSpecs(f: (c: string) => IndexSpec[]): void {
    this.indexSpecs = f;
  }

  hasCollection(c: string): boolean {
    return this.cols.has(c);
  }

  collection(c: string): CollectionData {
    const col = this.cols.get(c);
    if (!col) throw collectionNotExist(c);
    return col;
  }

  collections(): CollectionData[] {
    return [...this.cols.values()];
  }

  byKey(c: string, key: string): Doc | undefined {
    return this.cols.get(c)?.entries.get(key)?.doc;
  }

  /** 0 when absent: versions are global and never reused, so "absent then re-created" still differs. */
  version(c: string, key: string): number {
    return this.cols.get(c)?.entries.get(key)?.version ?? 0;
  }

  seqOf(c: string, key: string): number | undefined {
    return this.cols.get(c)?.entries.get(key)?.seq;
  }

  match(c: string, q: CompiledFilter): Doc[] {
    return this.collection(c)
      .match(q)
      .map((e) => e.doc);
  }

  matchEntries(c: string, q: CompiledFilter): Entry[] {
    return this.collection(c).match(q);
  }

  /** Throws (changing nothing) if the batch cannot be applied: missing collection or unique index broken. */
  validate(ops: WriteOp[]): void {
    const exists = new Map<string, boolean>();
    const has = (c: string) => exists.get(c) ?? this.cols.has(c);
    const changes = new Map<string, Map<string, DocChange>>();
    for (const op of ops) {
      if (op.op === 'create') exists.set(op.c, true);
      else if (op.op === 'drop') {
        exists.set(op.c, false);
        changes.delete(op.c);
      } else {
        if (!has(op.c)) throw collectionNotExist(op.c);
        let m = changes.get(op.c);
        if (!m) changes.set(op.c, (m = new Map()));
        const key = op.op === 'put' ? idKey(op.doc._id) : op.key;
        const prev = m.get(key);
        const before = prev ? prev.before : this.byKey(op.c, key);
        m.set(key, { key, before, after: op.op === 'put' ? op.doc : undefined });
      }
    }
    for (const [c, m] of changes) {
      const col = this.cols.get(c);
      if (col) col.indexes.checkUnique([...m.values()]);
    }
  }

  /** Applies a batch (validate first; loading from disk applies without validating). */
  apply(ops: WriteOp[]): void {
    for (const op of ops) {
      switch (op.op) {
        case 'create':
          if (!this.cols.has(op.c)) this.cols.set(op.c, new CollectionData(op.c, this.indexSpecs(op.c)));
          break;
        case 'drop':
          this.cols.delete(op.c);
          break;
        case 'put': {
          const col = this.collection(op.c);
          const key = idKey(op.doc._id);
          const prev = col.entries.get(key);
          const entry: Entry = { key, doc: op.doc, version: ++this.versionSeq, seq: prev ? prev.seq : ++this.insertSeq };
          col.entries.set(key, entry);
          col.indexes.onPut(key, prev?.doc, op.doc);
          break;
        }
        case 'del': {
          const col = this.collection(op.c);
          const prev = col.entries.get(op.key);
          if (prev) {
            col.entries.delete(op.key);
            col.indexes.onDelete(op.key, prev.doc);
          }
          break;
        }
      }
    }
  }

  clear(): void {
    this.cols.clear();
  }

  /** A new insertion sequence number beyond every stored one (for documents a transaction adds). */
  peekSeq(): number {
    return this.insertSeq;
  }
}
