/**
 * Queries with mingo: filter compilation (unknown operators named in the error), then order / offset / limit /
 * projection the way the real service applies them. `limit` defaults to 100 and is capped at 1000, as the SDK
 * does client-side (the emulator enforces it too so other clients see the same).
 */
import { Query } from 'mingo';
import { invalidOperator, invalidParam } from './errors';
import { isPlainObject, type Doc } from './values';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export const MINGO_OPTIONS: NonNullable<ConstructorParameters<typeof Query>[1]> = { idKey: '_id', scriptEnabled: false };

const GEO_OPERATORS = new Set(['$geoNear', '$geoWithin', '$geoIntersects', '$near', '$nearSphere', '$geometry']);
const SCRIPT_OPERATORS = new Set(['$where', '$function', '$accumulator']);

export interface CompiledFilter {
  readonly filter: Record<string, unknown>;
  test(doc: Doc): boolean;
}

/** Turns a mingo error into the service's error: unknown operators → DATABASE_INVALID_OPERRATOR. */
export function mapMingoError(e: unknown, what: string): Error {
  const msg = (e as Error)?.message ?? String(e);
  if (/operator|not registered|unregistered|\$\w+/.test(msg)) return invalidOperator(`${what}: ${msg}`);
  return invalidParam(`${what}: ${msg}`);
}

/** Rejects operators the emulator deliberately does not run (geo, server-side JavaScript). */
export function assertSupportedOperators(v: unknown, what: string): void {
  if (Array.isArray(v)) {
    for (const x of v) assertSupportedOperators(x, what);
    return;
  }
  if (!isPlainObject(v)) return;
  for (const [k, x] of Object.entries(v)) {
    if (GEO_OPERATORS.has(k)) throw invalidOperator(`${what}: ${k} is not supported by the local emulator (geo queries are not emulated)`);
    if (SCRIPT_OPERATORS.has(k)) throw invalidOperator(`${what}: ${k} is not supported (CloudBase does not run JavaScript in queries)`);
    assertSupportedOperators(x, what);
  }
}

export function compileFilter(filter: Record<string, unknown>): CompiledFilter {
  assertSupportedOperators(filter, 'query');
  let q: Query;
  try {
    q = new Query(filter, MINGO_OPTIONS);
  } catch (e) {
    throw mapMingoError(e, 'query');
  }
  return {
    filter,
    test(doc: Doc): boolean {
      try {
        return q.test(doc);
      } catch (e) {
        throw mapMingoError(e, 'query');
      }
    },
  };
}

export function normalizeLimit(limit: unknown): number {
  if (limit === undefined || limit === null || limit === 0) return DEFAULT_LIMIT;
  const n = Number(limit);
  if (!Number.isInteger(n) || n < 0) throw invalidParam(`limit must be a non-negative integer, got ${String(limit)}`);
  return Math.min(n, MAX_LIMIT);
}

export function normalizeOffset(offset: unknown): number {
  if (offset === undefined || offset === null) return 0;
  const n = Number(offset);
  if (!Number.isInteger(n) || n < 0) throw invalidParam(`offset must be a non-negative integer, got ${String(offset)}`);
  return n;
}

export type SortSpec = Record<string, 1 | -1>;

export function normalizeOrder(order: Record<string, unknown> | undefined): SortSpec | undefined {
  if (!order || !Object.keys(order).length) return undefined;
  const out: SortSpec = {};
  for (const [k, v] of Object.entries(order)) {
    if (v === 1 || v === 'asc') out[k] = 1;
    else if (v === -1 || v === 'desc') out[k] = -1;
    else throw invalidParam(`order for "${k}" must be 1 or -1`);
  }
  return out;
}

export interface ShapeOptions {
  order?: SortSpec;
  offset?: number;
  /** undefined = no limit (in-process API); the wire handlers pass normalizeLimit(). */
  limit?: number;
  projection?: Record<string, unknown>;
}

/** Sorts, skips, limits and projects documents already filtered (in natural order). Never mutates them. */
export function shapeResults(docs: Doc[], opts: ShapeOptions): Doc[] {
  const projection = opts.projection && Object.keys(opts.projection).length ? opts.projection : undefined;
  if (projection) assertSupportedOperators(projection, 'projection');
  if (!opts.order && !projection) {
    const start = opts.offset ?? 0;
    return docs.slice(start, opts.limit === undefined ? undefined : start + opts.limit);
  }
  try {
    let cursor = new Query({}, MINGO_OPTIONS).find<Doc>(docs, projection);
    if (opts.order) cursor = cursor.sort(opts.order);
    if (opts.offset) cursor = cursor.skip(opts.offset);
    if (opts.limit !== undefined) cursor = cursor.limit(opts.limit);
    return cursor.all();
  } catch (e) {
    throw mapMingoError(e, projection ? 'projection/order' : 'order');
  }
}
