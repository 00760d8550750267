/**
 * How the real platform words function failures.
 *
 * Over the TCB wire (`functions.invokeFunction`, what wx-server-sdk sees) an error is `{code, message}`; CloudBase's
 * basic error codes for functions are FUNCTIONS_EXECUTE_FAIL (wx-server-sdk maps it to −504002),
 * FUNCTIONS_TIME_LIMIT_EXCEEDED and FUNCTION_NOT_FOUND (docs.cloudbase.net/error-code/basic/*).
 *
 * In the mini-program `wx.cloud.callFunction` rejects with `{errCode, errMsg}`, where errMsg reads, as reported by
 * developers:
 *   cloud.callFunction:fail Error: errCode: -504002 functions execute fail | errMsg: Error: boom ...
 *   cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds
 *   cloud.callFunction:fail Error: errCode: -501000  | errMsg: FunctionName parameter could not be found.
 */
export const FunctionErrorCodes = {
  EXECUTE_FAIL: 'FUNCTIONS_EXECUTE_FAIL',
  TIME_LIMIT_EXCEEDED: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
  NOT_FOUND: 'FUNCTION_NOT_FOUND',
} as const;

export function timeoutMessage(timeoutMs: number): string {
  const seconds = Number.isInteger(timeoutMs / 1000) ? String(timeoutMs / 1000) : (timeoutMs / 1000).toFixed(3);
  return `Invoking task timed out after ${seconds} seconds`;
}

export const NOT_FOUND_MESSAGE = 'FunctionName parameter could not be found.';

const CLIENT_CODES: Record<string, { errCode: number; text: string }> = {
  [FunctionErrorCodes.EXECUTE_FAIL]: { errCode: -504002, text: 'functions execute fail' },
  [FunctionErrorCodes.TIME_LIMIT_EXCEEDED]: { errCode: -504003, text: '' },
  [FunctionErrorCodes.NOT_FOUND]: { errCode: -501000, text: '' },
};

/** The `{errCode, errMsg}` that `wx.cloud.callFunction` rejects with in the mini-program for this failure. */
export function clientError(code: string, message: string): { errCode: number; errMsg: string } {
  const known = CLIENT_CODES[code] ?? { errCode: -501001, text: 'resource system error' };
  return {
    errCode: known.errCode,
    errMsg: `cloud.callFunction:fail Error: errCode: ${known.errCode} ${known.text} | errMsg: ${message}`,
  };
}

/**
 * The message of a thrown error as the platform reports it (`Error: boom` and the user's stack frames),
 * without the emulator's own frames.
 */
export function userErrorMessage(raw: string, bootstrapFile: string): string {
  const lines = raw.split('\n');
  const kept = lines.filter((l, i) => i === 0 || !(/^\s+at /.test(l) && (l.includes(bootstrapFile) || l.includes('node:internal'))));
  return kept.join('\n');
}
