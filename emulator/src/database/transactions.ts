/**
 * Transactions with optimistic concurrency control.
 *
 * A transaction buffers its writes privately; its reads see the committed data plus its own writes, and it
 * records the version of every document it read (or wrote: every write reads first) and the committed result of
 * every query it ran. Commit re-checks all of that against the committed data: if anything changed in between
 * (another transaction's commit or a plain write), it fails with DATABASE_TRANSACTION_CONFLICT, which makes the
 * SDK's runTransaction retry; otherwise its writes are applied as one batch (one log record). Abort, a thrown
 * error in runTransaction (the SDK then aborts) or expiry discards the buffer. Outside readers never see it.
 */
import { transactionConflict, transactionNotExist } from './errors';
import type { CompiledFilter } from './query';
import type { ReadView, Store, WriteOp } from './store';
import { newId } from '../core/ids';
import type { Doc } from './values';

export const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000;

interface ReadRecord {
  c: string;
  key: string;
  version: number;
}

interface ScanRecord {
  c: string;
  q: CompiledFilter;
  seen: Map<string, number>;
}

export class Transaction {
  /** collection → document key → new document, or null for "removed". */
  readonly writes = new Map<string, Map<string, Doc | null>>();
  /** Order of documents this transaction created (after all committed ones). */
  readonly createdOrder = new Map<string, number>();
  readonly reads = new Map<string, ReadRecord>();
  readonly scans: ScanRecord[] = [];

  constructor(
    readonly id: string,
    readonly startedAt: number,
    readonly expiresAt: number,
  ) {}

  writeCount(): number {
    let n = 0;
    for (const m of this.writes.values()) n += m.size;
    return n;
  }
}

const AFTER_COMMITTED = Number.MAX_SAFE_INTEGER / 2;

class TransactionView implements ReadView {
  constructor(
    private readonly store: Store,
    private readonly tx: Transaction,
  ) {}

  hasCollection(c: string): boolean {
    return this.store.hasCollection(c);
  }

  byKey(c: string, key: string): Doc | undefined {
    const own = this.tx.writes.get(c);
    if (own?.has(key)) return own.get(key) ?? undefined;
    const version = this.store.version(c, key);
    const id = `${c}\u0000${key}`;
    const prev = this.tx.reads.get(id);
    if (prev && prev.version !== version) {
      throw transactionConflict(`document ${key} in ${c} was changed by another write during this transaction`);
    }
    if (!prev) this.tx.reads.set(id, { c, key, version });
    return this.store.byKey(c, key);
  }

  match(c: string, q: CompiledFilter): Doc[] {
    const committed = this.store.matchEntries(c, q);
    this.tx.scans.push({ c, q, seen: new Map(committed.map((e) => [e.key, e.version])) });
    const own = this.tx.writes.get(c);
    if (!own || !own.size) return committed.map((e) => e.doc);
    const out: Array<{ seq: number; doc: Doc }> = [];
    for (const e of committed) if (!own.has(e.key)) out.push({ seq: e.seq, doc: e.doc });
    for (const [key, doc] of own) {
      if (!doc || !q.test(doc)) continue;
      out.push({ seq: this.store.seqOf(c, key) ?? AFTER_COMMITTED + (this.tx.createdOrder.get(key) ?? 0), doc });
    }
    return out.sort((a, b) => a.seq - b.seq).map((x) => x.doc);
  }
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  /** Recently ended transactions, for a precise error message. */
  private readonly ended = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number,
    readonly timeoutMs: number = DEFAULT_TRANSACTION_TIMEOUT_MS,
  ) {}

  begin(): Transaction {
    this.sweep();
    const t = this.now();
    const tx = new Transaction(newId(), t, t + this.timeoutMs);
    this.open.set(tx.id, tx);
    return tx;
  }

  get(id: unknown): Transaction {
    this.sweep();
    const key = String(id ?? '');
    const tx = this.open.get(key);
    if (!tx) throw transactionNotExist(key, this.ended.get(key) ?? 'it does not exist');
    return tx;
  }

  view(tx: Transaction): ReadView {
    return new TransactionView(this.store, tx);
  }

  /** Buffers a write (the caller has read the document through the view first). */
  stage(tx: Transaction, c: string, key: string, doc: Doc | null): void {
    let m = tx.writes.get(c);
    if (!m) tx.writes.set(c, (m = new Map()));
    if (doc && !m.has(key) && this.store.version(c, key) === 0 && !tx.createdOrder.has(key)) tx.createdOrder.set(key, tx.createdOrder.size + 1);
    m.set(key, doc);
  }

  /**
   * Ends the transaction and returns the batch to apply, or throws DATABASE_TRANSACTION_CONFLICT if data it
   * depended on changed since it read it.
   */
  finish(tx: Transaction): WriteOp[] {
    this.close(tx, 'it was already committed');
    for (const r of tx.reads.values()) {
      if (this.store.version(r.c, r.key) !== r.version) {
        throw transactionConflict(`document ${r.key} in ${r.c} was changed by another write during this transaction`);
      }
    }
    for (const s of tx.scans) {
      if (!this.store.hasCollection(s.c)) throw transactionConflict(`collection ${s.c} was dropped during this transaction`);
      const now = this.store.matchEntries(s.c, s.q);
      const same = now.length === s.seen.size && now.every((e) => s.seen.get(e.key) === e.version);
      if (!same) throw transactionConflict(`the result of a query on ${s.c} changed during this transaction`);
    }
    const ops: WriteOp[] = [];
    for (const [c, m] of tx.writes) {
      for (const [key, doc] of m) {
        if (doc) ops.push({ op: 'put', c, doc });
        else if (this.store.byKey(c, key)) ops.push({ op: 'del', c, key });
      }
    }
    return ops;
  }

  abort(tx: Transaction): void {
    this.close(tx, 'it was rolled back');
  }

  private close(tx: Transaction, why: string): void {
    this.open.delete(tx.id);
    this.ended.set(tx.id, why);
    if (this.ended.size > 1000) {
      const oldest = this.ended.keys().next().value;
      if (oldest !== undefined) this.ended.delete(oldest);
    }
  }

  /** Discards transactions past their deadline. */
  sweep(): void {
    const t = this.now();
    for (const tx of [...this.open.values()]) {
      if (t > tx.expiresAt) this.close(tx, `it expired (open longer than ${this.timeoutMs} ms)`);
    }
  }

  openCount(): number {
    this.sweep();
    return this.open.size;
  }

  clear(): void {
    for (const tx of [...this.open.values()]) this.close(tx, 'the database was reset');
  }
}
