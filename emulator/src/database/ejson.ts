/**
 * EJSON in and out. The SDK sends canonical EJSON strings (numbers as `$numberInt`/`$numberDouble`, dates as
 * `$date`, regular expressions as `$regularExpression`, `db.serverDate()` as `$tcb_server_date`) and expects list
 * items back as canonical EJSON strings. Internally documents hold plain JS values (see values.ts).
 */
import { BSONRegExp, EJSON } from 'bson';
import { invalidParam } from './errors';
import { cloneValue, isPlainObject, type Doc } from './values';

/** Mongo regex options → JS RegExp flags (`x` and `l` have no JS equivalent and are dropped). */
function toRegExp(r: BSONRegExp): RegExp {
  const flags = [...new Set(r.options.split(''))].filter((c) => 'imsu'.includes(c)).join('');
  try {
    return new RegExp(r.pattern, flags);
  } catch (e) {
    throw invalidParam(`invalid regular expression /${r.pattern}/${r.options}: ${(e as Error).message}`);
  }
}

/** Converts what EJSON.parse produced into the in-memory form; `now` replaces `$tcb_server_date`. */
function internalize(v: unknown, now: number | null): unknown {
  if (Array.isArray(v)) return v.map((x) => internalize(x, now));
  if (v instanceof BSONRegExp || (v !== null && typeof v === 'object' && (v as { _bsontype?: string })._bsontype === 'BSONRegExp')) {
    return toRegExp(v as BSONRegExp);
  }
  if (isPlainObject(v)) {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === '$tcb_server_date') {
      if (now === null) throw invalidParam('$tcb_server_date is not allowed here');
      const spec = v.$tcb_server_date as { offset?: unknown } | null;
      const offset = spec && typeof spec.offset === 'number' && Number.isFinite(spec.offset) ? spec.offset : 0;
      return new Date(now + offset);
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) out[k] = internalize(v[k], now);
    return out;
  }
  return v;
}

/** Parses one EJSON string from the wire. */
export function decodeWire(text: unknown, now: number, what: string): unknown {
  let parsed: unknown;
  try {
    // the SDK sends strings; a hand-made request may send the object itself
    const str = typeof text === 'string' ? text : JSON.stringify(text);
    if (str === undefined) throw new Error('missing');
    parsed = EJSON.parse(str, { relaxed: true });
  } catch (e) {
    throw invalidParam(`${what} is not valid EJSON: ${(e as Error).message}`);
  }
  return internalize(parsed, now);
}

/** Parses an EJSON string that must hold an object (query, update, document, order, projection). */
export function decodeWireObject(text: unknown, now: number, what: string): Record<string, unknown> {
  const v = decodeWire(text, now, what);
  if (!isPlainObject(v)) throw invalidParam(`${what} must be an object`);
  return v;
}

/** Converts a value given in-process (seeding, tests) to the in-memory form. */
export function internalizeLocal(v: unknown, now: number): unknown {
  return cloneValue(internalize(v, now));
}

/** A document as the canonical EJSON string the SDK parses. */
export function encodeWire(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false });
}

/** A document as a JSON-safe object (canonical EJSON) for the data files. */
export function toStored(doc: Doc): Record<string, unknown> {
  return EJSON.serialize(doc, { relaxed: false }) as Record<string, unknown>;
}

/** Inverse of toStored. */
export function fromStored(obj: unknown): Doc {
  const v = internalize(EJSON.deserialize(obj as Record<string, unknown>, { relaxed: true }), null);
  if (!isPlainObject(v)) throw new Error('stored document is not an object');
  return v;
}

/** A value shown to people (status page): relaxed EJSON, dates as ISO strings. */
export function toDisplay(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: true });
}

/**
 * Refuses what MongoDB refuses to store: field names starting with `$` (operators where data is expected)
 * and `undefined`-only quirks are dropped by EJSON already.
 */
export function assertStorable(doc: unknown, path = ''): void {
  if (Array.isArray(doc)) {
    doc.forEach((x, i) => assertStorable(x, `${path}${path ? '.' : ''}${i}`));
    return;
  }
  if (!isPlainObject(doc)) return;
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('$')) {
      throw invalidParam(`the field name "${path ? `${path}.` : ''}${k}" is not valid for storage: field names must not start with "$"`);
    }
    assertStorable(v, `${path}${path ? '.' : ''}${k}`);
  }
}
