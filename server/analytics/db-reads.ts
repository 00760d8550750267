/**
 * Batched reads for the analytics functions: documents by id (`_id in [...]`, at most READ_BATCH per request) and
 * every document matching a query in `_id` order (a cursor on `_id`, READ_BATCH per request, no skip). A missing
 * collection reads as empty.
 */
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';

/** Documents per read request (the SDK's cap). */
export const READ_BATCH = 1000;

type Query = Record<string, unknown>;
const projectionOf = (fields?: readonly string[]) => (fields ? Object.fromEntries(['_id', ...fields].map((f) => [f, true])) : undefined);

async function get<T>(q: { get(): unknown }): Promise<T[]> {
  try {
    return ((await q.get()) as { data: T[] }).data;
  } catch (e) {
    if (isCollectionMissing(e)) return [];
    throw e;
  }
}

/** The documents with these ids (any order; missing ones are absent). ⌈ids / READ_BATCH⌉ requests. */
export async function readByIds<T extends { _id: string }>(db: Database, collection: string, ids: readonly string[], fields?: readonly string[]): Promise<T[]> {
  const _ = db.command;
  const unique = [...new Set(ids)];
  const out: T[] = [];
  for (let i = 0; i < unique.length; i += READ_BATCH) {
    const batch = unique.slice(i, i + READ_BATCH);
    let q = db.collection(collection).where({ _id: _.in(batch) }).limit(READ_BATCH);
    const projection = projectionOf(fields);
    if (projection) q = q.field(projection);
    out.push(...(await get<T>(q)));
  }
  return out;
}

/** One page of the documents matching `where` with `_id` > `after`, in `_id` order. */
export async function readPage<T extends { _id: string }>(
  db: Database,
  collection: string,
  where: Query,
  opts: { after?: string; limit?: number; fields?: readonly string[] } = {},
): Promise<T[]> {
  const _ = db.command;
  const after = opts.after === undefined ? undefined : { _id: _.gt(opts.after) };
  const cond = !after ? where : '_id' in where ? _.and([where, after]) : { ...where, ...after };
  let q = db.collection(collection).where(cond as Record<string, unknown>).orderBy('_id', 'asc').limit(Math.min(opts.limit ?? READ_BATCH, READ_BATCH));
  const projection = projectionOf(opts.fields);
  if (projection) q = q.field(projection);
  return get<T>(q);
}

/** Every document matching `where`, READ_BATCH per request. */
export async function readEvery<T extends { _id: string }>(db: Database, collection: string, where: Query, fields?: readonly string[], batch = READ_BATCH): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await readPage<T>(db, collection, where, { after, limit: batch, fields });
    out.push(...page);
    if (page.length < batch) return out;
    after = page[page.length - 1]._id;
  }
}

/** Runs `task` over the items with at most `parallel` in flight. */
export async function eachLimited<T>(items: readonly T[], parallel: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
}
