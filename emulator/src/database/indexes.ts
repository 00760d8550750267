/**
 * Indexes declared in `<projectDir>/database.indexes.json`:
 *
 *   { "collections": { "orders": [ { "name": "outTradeNo_unique", "keys": { "outTradeNo": 1 }, "unique": true },
 *                                  { "name": "by_user", "keys": { "_openid": 1, "status": 1 } } ],
 *                      "logs": [] } }
 *
 * Every collection listed exists from the start (an empty list declares a collection without indexes).
 * `unique` indexes refuse a second document with the same key values (a missing field counts as null, as in
 * MongoDB; `sparse: true` skips documents that lack every key field). Every index (and `_id`) also serves
 * equality lookups: a query with plain equality on all of an index's fields reads a hash bucket instead of
 * scanning. Simplification: an array value is one key as a whole (MongoDB would index each element).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { duplicateKey } from './errors';
import { THROUGH_ARRAY, canonicalKey, getPath, isPlainObject, type Doc } from './values';

export const INDEX_FILE = 'database.indexes.json';

export interface IndexSpec {
  name: string;
  keys: Record<string, 1 | -1>;
  unique?: boolean;
  sparse?: boolean;
}

export interface IndexConfig {
  collections: Record<string, IndexSpec[]>;
}

/** Reads and checks the index file; no file means no declared collections. */
export function loadIndexConfig(projectDir: string): IndexConfig {
  const file = path.join(projectDir, INDEX_FILE);
  if (!existsSync(file)) return { collections: {} };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message})`);
  }
  return parseIndexConfig(raw, file);
}

export function parseIndexConfig(raw: unknown, where = INDEX_FILE): IndexConfig {
  if (!isPlainObject(raw) || !isPlainObject(raw.collections)) {
    throw new Error(`${where}: expected {"collections": {"<name>": [ {"name", "keys", "unique"?}, … ]}}`);
  }
  const collections: Record<string, IndexSpec[]> = {};
  for (const [coll, list] of Object.entries(raw.collections)) {
    if (!Array.isArray(list)) throw new Error(`${where}: collections.${coll} must be an array of indexes`);
    const names = new Set<string>();
    collections[coll] = list.map((s, i) => {
      const at = `${where}: collections.${coll}[${i}]`;
      if (!isPlainObject(s)) throw new Error(`${at} must be an object`);
      if (!isPlainObject(s.keys) || !Object.keys(s.keys).length) throw new Error(`${at}.keys must be a non-empty object like {"field": 1}`);
      for (const [k, dir] of Object.entries(s.keys)) {
        if (dir !== 1 && dir !== -1) throw new Error(`${at}.keys.${k} must be 1 or -1`);
        if (k.startsWith('$') || !k) throw new Error(`${at}.keys: invalid field "${k}"`);
      }
      const keys = s.keys as Record<string, 1 | -1>;
      const name = typeof s.name === 'string' && s.name ? s.name : Object.entries(keys).map(([k, d]) => `${k}_${d}`).join('_');
      if (names.has(name) || name === '_id_') throw new Error(`${at}: duplicate index name "${name}"`);
      names.add(name);
      return { name, keys, unique: s.unique === true, sparse: s.sparse === true };
    });
  }
  return { collections };
}

/** The key of a scalar usable for hash lookups, or null (arrays, sub-documents, null, missing…). */
function lookupKey(v: unknown): string | null {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return canonicalKey(v);
  return null;
}

class HashIndex {
  readonly fields: string[];
  private readonly buckets = new Map<string, Set<string>>();
  /** Documents whose key crosses an array: they may match any equality, so every lookup includes them. */
  private readonly multi = new Set<string>();
  private readonly uniqueOwner = new Map<string, string>();
  /** Duplicates found while loading data (a unique index declared after the data was written). */
  readonly loadViolations: string[] = [];

  constructor(readonly collection: string, readonly spec: IndexSpec) {
    this.fields = Object.keys(spec.keys);
  }

  private bucketKey(doc: Doc): string | null {
    const parts: string[] = [];
    for (const f of this.fields) {
      const v = getPath(doc, f);
      if (v === THROUGH_ARRAY || Array.isArray(v)) return null;
      parts.push(canonicalKey(v));
    }
    return parts.join('\u0001');
  }

  /** The unique key, or undefined when the document is not indexed (sparse and lacks every field). */
  uniqueKey(doc: Doc): string | undefined {
    const vals = this.fields.map((f) => {
      const v = getPath(doc, f);
      return v === THROUGH_ARRAY ? undefined : v;
    });
    if (this.spec.sparse && vals.every((v) => v === undefined)) return undefined;
    return vals.map((v) => canonicalKey(v === undefined ? null : v)).join('\u0001');
  }

  describeKey(doc: Doc): string {
    const parts = this.fields.map((f) => {
      const v = getPath(doc, f);
      return `${f}: ${v === undefined || v === THROUGH_ARRAY ? 'null' : v instanceof Date ? `new Date(${v.getTime()})` : JSON.stringify(v)}`;
    });
    return `{ ${parts.join(', ')} }`;
  }

  add(key: string, doc: Doc): void {
    const b = this.bucketKey(doc);
    if (b === null) this.multi.add(key);
    else {
      let set = this.buckets.get(b);
      if (!set) this.buckets.set(b, (set = new Set()));
      set.add(key);
    }
    if (this.spec.unique) {
      const u = this.uniqueKey(doc);
      if (u !== undefined) {
        const owner = this.uniqueOwner.get(u);
        if (owner !== undefined && owner !== key) this.loadViolations.push(this.describeKey(doc));
        else this.uniqueOwner.set(u, key);
      }
    }
  }

  remove(key: string, doc: Doc): void {
    const b = this.bucketKey(doc);
    if (b === null) this.multi.delete(key);
    else {
      const set = this.buckets.get(b);
      if (set) {
        set.delete(key);
        if (!set.size) this.buckets.delete(b);
      }
    }
    if (this.spec.unique) {
      const u = this.uniqueKey(doc);
      if (u !== undefined && this.uniqueOwner.get(u) === key) this.uniqueOwner.delete(u);
    }
  }

  uniqueOwnerOf(u: string): string | undefined {
    return this.uniqueOwner.get(u);
  }

  /** Candidate document keys for equality on every field, or null if the constraints don't cover this index. */
  lookup(eq: Map<string, string>): Set<string> | null {
    const parts: string[] = [];
    for (const f of this.fields) {
      const k = eq.get(f);
      if (k === undefined) return null;
      parts.push(k);
    }
    const hit = this.buckets.get(parts.join('\u0001'));
    if (!this.multi.size) return hit ?? new Set();
    const out = new Set(this.multi);
    for (const k of hit ?? []) out.add(k);
    return out;
  }
}

/** A document change inside one write batch (before/after as they will be once the batch is applied). */
export interface DocChange {
  key: string;
  before?: Doc;
  after?: Doc;
}

/** The declared indexes of one collection. */
export class CollectionIndexes {
  private readonly indexes: HashIndex[];

  constructor(readonly collection: string, specs: IndexSpec[]) {
    this.indexes = specs.map((s) => new HashIndex(collection, s));
  }

  specs(): IndexSpec[] {
    return this.indexes.map((i) => i.spec);
  }

  onPut(key: string, before: Doc | undefined, after: Doc): void {
    for (const ix of this.indexes) {
      if (before) ix.remove(key, before);
      ix.add(key, after);
    }
  }

  onDelete(key: string, before: Doc): void {
    for (const ix of this.indexes) ix.remove(key, before);
  }

  loadViolations(): string[] {
    return this.indexes.flatMap((ix) => ix.loadViolations.map((k) => `${this.collection}.${ix.spec.name} ${k}`));
  }

  /** Throws a duplicate-key error if applying the changes would break a unique index. */
  checkUnique(changes: DocChange[]): void {
    for (const ix of this.indexes) {
      if (!ix.spec.unique) continue;
      const touched = new Set(changes.map((c) => c.key));
      const seen = new Map<string, string>();
      for (const c of changes) {
        if (!c.after) continue;
        const u = ix.uniqueKey(c.after);
        if (u === undefined) continue;
        const other = seen.get(u);
        const owner = ix.uniqueOwnerOf(u);
        if ((other !== undefined && other !== c.key) || (owner !== undefined && owner !== c.key && !touched.has(owner))) {
          throw duplicateKey(this.collection, ix.spec.name, ix.describeKey(c.after));
        }
        seen.set(u, c.key);
      }
    }
  }

  /**
   * Candidate keys for a filter from the smallest usable index bucket; null means "scan everything".
   * Only plain top-level equalities (also inside a top-level $and) on strings, numbers, booleans and dates count.
   */
  plan(filter: Record<string, unknown>): Set<string> | null {
    if (!this.indexes.length) return null;
    const eq = equalityConstraints(filter);
    if (!eq.size) return null;
    let best: Set<string> | null = null;
    for (const ix of this.indexes) {
      const c = ix.lookup(eq);
      if (c && (!best || c.size < best.size)) best = c;
    }
    return best;
  }
}

/** field → lookup key, for the top-level equalities of a filter. */
export function equalityConstraints(filter: Record<string, unknown>, out = new Map<string, string>()): Map<string, string> {
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v)) {
      for (const sub of v) if (isPlainObject(sub)) equalityConstraints(sub, out);
      continue;
    }
    if (k.startsWith('$')) continue;
    let target: unknown = v;
    if (isPlainObject(v)) {
      const keys = Object.keys(v);
      if (keys.length === 1 && keys[0] === '$eq') target = v.$eq;
      else continue;
    }
    const lk = lookupKey(target);
    if (lk !== null) out.set(k, lk);
  }
  return out;
}

/** The `_id` values a filter pins down (`{_id: x}`, `{_id: {$eq: x}}`, `{_id: {$in: [...]}}`), or null. */
export function idConstraint(filter: Record<string, unknown>): unknown[] | null {
  let found: unknown[] | null = null;
  const visit = (f: Record<string, unknown>) => {
    for (const [k, v] of Object.entries(f)) {
      if (k === '$and' && Array.isArray(v)) {
        for (const sub of v) if (isPlainObject(sub)) visit(sub);
        continue;
      }
      if (k !== '_id') continue;
      let ids: unknown[] | null = null;
      if (isPlainObject(v)) {
        const keys = Object.keys(v);
        if (keys.length === 1 && keys[0] === '$eq' && lookupKey(v.$eq) !== null) ids = [v.$eq];
        else if (keys.length === 1 && keys[0] === '$in' && Array.isArray(v.$in) && v.$in.every((x) => lookupKey(x) !== null)) ids = v.$in;
      } else if (lookupKey(v) !== null) ids = [v];
      if (ids && (!found || ids.length < found.length)) found = ids;
    }
  };
  visit(filter);
  return found;
}
