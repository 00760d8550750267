/**
 * Errors the emulator answers with, in the shape the real CloudBase service uses:
 * HTTP 200 with a top-level `code` string and a `message` (see shared notes, "Response parsing").
 * wx-server-sdk maps the code to an errCode through its TCB_ERR_CODE table.
 */
export const TcbCodes = {
  SYS_ERR: 'SYS_ERR',
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ACTION: 'INVALID_ACTION',
  DATABASE_PERMISSION_DENIED: 'DATABASE_PERMISSION_DENIED',
  DATABASE_COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  DATABASE_COLLECTION_ALREADY_EXIST: 'DATABASE_COLLECTION_ALREADY_EXIST',
  DATABASE_DUPLICATE_WRITE: 'DATABASE_DUPLICATE_WRITE',
  DATABASE_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  DATABASE_INVALID_OPERATOR: 'DATABASE_INVALID_OPERATOR',
  DATABASE_TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  DATABASE_TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  STORAGE_FILE_NONEXIST: 'STORAGE_FILE_NONEXIST',
  STORAGE_REQUEST_FAIL: 'STORAGE_REQUEST_FAIL',
  FUNCTIONS_EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
  FUNCTIONS_TIME_LIMIT_EXCEEDED: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  FUNCTION_NOT_FOUND: 'FUNCTION_NOT_FOUND',
  OPENAPI_ERR: 'OPENAPI_ERR',
} as const;

export type TcbCode = (typeof TcbCodes)[keyof typeof TcbCodes] | string;

export class TcbError extends Error {
  constructor(
    readonly code: TcbCode,
    message: string,
    /** HTTP status; the SDK treats anything but 200 as a transport failure. Keep 200 for service errors. */
    readonly httpStatus = 200,
  ) {
    super(message);
    this.name = 'TcbError';
  }
}

export function isTcbError(e: unknown): e is TcbError {
  return e instanceof TcbError;
}
