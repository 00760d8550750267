/**
 * Recognises the database's answer to an insert whose `_id` (or unique index key) already exists: the code
 * DATABASE_DUPLICATE_WRITE, which wx-server-sdk surfaces as errCode -501001 with the E11000 message kept.
 * Used for "create if absent" writes (`add({data: {_id, ...}})`) where losing a race is an expected outcome.
 */
interface SdkError {
  errCode?: number;
  errMsg?: string;
  code?: string;
  message?: string;
}

export function isDuplicateKey(e: unknown): boolean {
  const err = (e ?? {}) as SdkError;
  const text = `${err.code ?? ''} ${err.errMsg ?? ''} ${err.message ?? ''}`;
  return /DUPLICATE_WRITE|E11000|duplicate key/i.test(text);
}
