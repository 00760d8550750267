/**
 * The database errors, with the codes the real CloudBase service answers (HTTP 200, top-level `code` + `message`).
 * wx-server-sdk maps the code to an errCode through its TCB_ERR_CODE table; codes missing from that table
 * (DUPLICATE_WRITE, TRANSACTION_*, COLLECTION_ALREADY_EXIST) surface as errCode -501001 with the message kept,
 * as on the real cloud. Note the real code for a bad operator is spelled `DATABASE_INVALID_OPERRATOR` (sic): that
 * spelling is what maps to errCode -502002.
 */
import { TcbError } from '../core/errors';

export const DbCodes = {
  COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  INVALID_OPERATOR: 'DATABASE_INVALID_OPERRATOR',
  REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  INVALID_PARAM: 'INVALID_PARAM',
} as const;

export function collectionNotExist(name: string): TcbError {
  return new TcbError(
    DbCodes.COLLECTION_NOT_EXIST,
    `[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us. (collection "${name}" does not exist; create it first with db.createCollection or declare it in database.indexes.json)`,
  );
}

export function collectionExists(name: string): TcbError {
  return new TcbError(DbCodes.COLLECTION_ALREADY_EXIST, `[ResourceInUse] Table exist. (collection "${name}" already exists)`);
}

export function invalidOperator(message: string): TcbError {
  return new TcbError(DbCodes.INVALID_OPERATOR, `[InvalidParameter] invalid operator: ${message}`);
}

export function invalidParam(message: string): TcbError {
  return new TcbError(DbCodes.INVALID_PARAM, message);
}

export function requestFailed(message: string): TcbError {
  return new TcbError(DbCodes.REQUEST_FAILED, message);
}

export function duplicateKey(collection: string, index: string, key: string): TcbError {
  return new TcbError(
    DbCodes.DUPLICATE_WRITE,
    `[FailedOperation] E11000 duplicate key error collection: ${collection} index: ${index} dup key: ${key}`,
  );
}

export function transactionConflict(detail: string): TcbError {
  return new TcbError(DbCodes.TRANSACTION_CONFLICT, `[ResourceUnavailable.TransactionConflict] Transaction conflict: ${detail}`);
}

export function transactionNotExist(id: string, why = 'it does not exist'): TcbError {
  return new TcbError(
    DbCodes.TRANSACTION_FAIL,
    `[ResourceUnavailable.TransactionNotExist] Transaction ${id} cannot be used: ${why}.`,
  );
}
