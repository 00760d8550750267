/** Reading the database's answers: outcomes that are not failures, and typed query results. */

/** A write refused by a unique index (or an `_id` that exists): the emulator and the cloud say E11000 / DUPLICATE. */
export function isDuplicateKey(e: unknown): boolean {
  const err = (e ?? {}) as { errMsg?: string; message?: string; code?: string };
  const text = `${err.code ?? ''} ${err.errMsg ?? ''} ${err.message ?? ''}`;
  return /E11000|duplicate key|DUPLICATE_WRITE|DUPLICATE/i.test(text);
}

/** `{stats: {updated}}` of an update result (0 when absent). */
export function updatedCount(res: unknown): number {
  const n = (res as { stats?: { updated?: unknown } } | undefined)?.stats?.updated;
  return typeof n === 'number' ? n : 0;
}

/** The documents of a query (`(await q.get()).data`), typed. */
export async function docsOf<T>(query: { get(): unknown }): Promise<T[]> {
  const res = (await query.get()) as { data?: unknown };
  return Array.isArray(res?.data) ? (res.data as T[]) : [];
}
