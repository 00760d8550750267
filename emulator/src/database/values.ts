/**
 * Document values as the database keeps them in memory: plain objects and arrays holding numbers, strings,
 * booleans, null, Date, RegExp and (rarely) bson objects such as ObjectId / Decimal128 / Long, which are kept as-is.
 * Helpers to clone them, read dotted paths and build stable keys for equality.
 */

export type Doc = Record<string, unknown>;

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A deep copy; Date and RegExp are copied, bson objects (immutable in practice) are shared. */
export function cloneValue<T>(v: T): T {
  if (Array.isArray(v)) return v.map(cloneValue) as unknown as T;
  if (v instanceof Date) return new Date(v.getTime()) as unknown as T;
  if (v instanceof RegExp) return new RegExp(v.source, v.flags) as unknown as T;
  if (isPlainObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = cloneValue(x);
    return out as T;
  }
  return v;
}

export function cloneDoc(d: Doc): Doc {
  return cloneValue(d);
}

/** Marks a path that crosses an array before its end: Mongo matches through arrays there, so no single value. */
export const THROUGH_ARRAY = Symbol('through-array');

/** The value at a dotted path (`a.b.c`); undefined when missing; THROUGH_ARRAY when an array sits on the way. */
export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  const parts = path.split('.');
  for (let i = 0; i < parts.length; i++) {
    if (Array.isArray(cur)) return THROUGH_ARRAY;
    if (cur === null || typeof cur !== 'object' || cur instanceof Date || cur instanceof RegExp) return undefined;
    cur = (cur as Record<string, unknown>)[parts[i]];
  }
  return cur;
}

/** A Mongo-ish type name for error messages. */
export function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'missing';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (v instanceof RegExp) return 'regex';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'object') {
    const bt = (v as { _bsontype?: string })._bsontype;
    return bt ? bt.toLowerCase() : 'object';
  }
  return typeof v;
}

/**
 * A stable string for a value, equal for values Mongo considers equal (1 and 1.0 alike, object key order kept,
 * as in BSON). Used for hash/unique index keys and for "did this document change".
 */
export function canonicalKey(v: unknown): string {
  if (v === undefined) return 'u';
  if (v === null) return 'z';
  switch (typeof v) {
    case 'string':
      return `s${JSON.stringify(v)}`;
    case 'number':
      return `n${Object.is(v, -0) ? 0 : v}`;
    case 'boolean':
      return v ? 'bt' : 'bf';
    case 'bigint':
      return `n${v.toString()}`;
    default:
      break;
  }
  if (v instanceof Date) return `d${v.getTime()}`;
  if (v instanceof RegExp) return `r${JSON.stringify([v.source, v.flags])}`;
  if (Array.isArray(v)) return `[${v.map(canonicalKey).join(',')}]`;
  if (isPlainObject(v)) {
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}:${canonicalKey(x)}`)
      .join(',')}}`;
  }
  const bt = (v as { _bsontype?: string; toString(): string })._bsontype;
  if (bt === 'Long' || bt === 'Int32' || bt === 'Double') return `n${Number(v.toString())}`;
  return `o${bt ?? 'obj'}:${String((v as { toString(): string }).toString())}`;
}

/** The key a document's `_id` is stored under (string ids as themselves). */
export function idKey(id: unknown): string {
  return typeof id === 'string' ? id : `\u0000${canonicalKey(id)}`;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalKey(a) === canonicalKey(b);
}

/** Shows an `_id` the way Mongo error messages do: `{ _id: "x" }`. */
export function showId(id: unknown): string {
  return `{ _id: ${typeof id === 'string' ? JSON.stringify(id) : String(id)} }`;
}
