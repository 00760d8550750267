/**
 * A small in-process API over the same data (for tests, seeding and benchmarks): no HTTP, no quota counting,
 * same checks (unique indexes, `_id` duplicates, update operator rules) and same persistence.
 * Writes create the collection if needed; reads of a missing collection return nothing.
 *
 *   const users = emu.service<DatabaseService>('database').collection('users');
 *   users.insertMany([{ _id: 'u1', name: 'A' }]);
 *   users.find({ name: 'A' }, { order: { createdAt: -1 }, limit: 10 });
 */
import { newId } from '../core/ids';
import { assertStorable, internalizeLocal } from './ejson';
import { duplicateKey, invalidParam } from './errors';
import type { DbRuntime } from './handlers';
import { checkId } from './handlers';
import { compileFilter, shapeResults, type SortSpec } from './query';
import { applyUpdate, parseUpdate } from './update';
import { cloneDoc, idKey, isPlainObject, sameValue, showId, type Doc } from './values';

export interface LocalFindOptions {
  order?: SortSpec;
  offset?: number;
  /** No limit unless given. */
  limit?: number;
  projection?: Record<string, 0 | 1 | boolean | unknown>;
}

export class LocalCollection {
  constructor(
    private readonly rt: DbRuntime,
    readonly name: string,
  ) {}

  exists(): boolean {
    return this.rt.store.hasCollection(this.name);
  }

  private ensure(): void {
    if (!this.exists()) this.rt.engine.commit([{ op: 'create', c: this.name }]);
  }

  private input(v: unknown): Doc {
    const d = internalizeLocal(v, this.rt.now());
    if (!isPlainObject(d)) throw invalidParam('a document must be a plain object');
    return d;
  }

  insertOne(doc: Doc): unknown {
    return this.insertMany([doc])[0];
  }

  /** Inserts all documents or none; returns their `_id`s. */
  insertMany(docs: Doc[]): unknown[] {
    this.ensure();
    const keys = new Set<string>();
    const ops = docs.map((raw) => {
      const d = this.input(raw);
      assertStorable(d);
      const doc: Doc = d._id === undefined ? { _id: newId(), ...d } : d;
      checkId(doc._id);
      const key = idKey(doc._id);
      if (keys.has(key) || this.rt.store.byKey(this.name, key)) throw duplicateKey(this.name, '_id_', showId(doc._id));
      keys.add(key);
      return { op: 'put' as const, c: this.name, doc };
    });
    this.rt.engine.commit(ops);
    return ops.map((o) => o.doc._id);
  }

  find(filter: Record<string, unknown> = {}, opts: LocalFindOptions = {}): Doc[] {
    if (!this.exists()) return [];
    const q = compileFilter(this.input(filter));
    const docs = shapeResults(this.rt.store.match(this.name, q), {
      order: opts.order,
      offset: opts.offset,
      limit: opts.limit,
      projection: opts.projection as Record<string, unknown> | undefined,
    });
    return docs.map(cloneDoc);
  }

  findOne(filter: Record<string, unknown> = {}): Doc | null {
    return this.find(filter, { limit: 1 })[0] ?? null;
  }

  byId(id: unknown): Doc | null {
    const d = this.rt.store.byKey(this.name, idKey(id));
    return d ? cloneDoc(d) : null;
  }

  count(filter: Record<string, unknown> = {}): number {
    if (!this.exists()) return 0;
    return this.rt.store.match(this.name, compileFilter(this.input(filter))).length;
  }

  /** `update` is an operator document (`{$inc: {n: 1}}`) or plain fields (taken as `$set`). Returns how many changed. */
  updateMany(filter: Record<string, unknown>, update: Record<string, unknown>): number {
    if (!this.exists()) return 0;
    const f = this.input(filter);
    const spec = parseUpdate(this.input(update), true);
    const ops = [];
    for (const d of this.rt.store.match(this.name, compileFilter(f))) {
      const next = applyUpdate(d, spec, f);
      if (!sameValue(d, next)) ops.push({ op: 'put' as const, c: this.name, doc: next });
    }
    this.rt.engine.commit(ops);
    return ops.length;
  }

  removeMany(filter: Record<string, unknown> = {}): number {
    if (!this.exists()) return 0;
    const ops = this.rt.store
      .match(this.name, compileFilter(this.input(filter)))
      .map((d) => ({ op: 'del' as const, c: this.name, key: idKey(d._id) }));
    this.rt.engine.commit(ops);
    return ops.length;
  }

  drop(): void {
    if (this.exists()) this.rt.engine.commit([{ op: 'drop', c: this.name }]);
  }
}
