import type { ErrorCode } from '@typings/envelope';

/**
 * An expected refusal: throw it from an action handler and the caller receives `{ok:false, code, message}`.
 * The message is shown to users (in Chinese, the shop's language): keep it short, human and free of internals.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
