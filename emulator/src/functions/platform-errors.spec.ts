import { clientError, timeoutMessage, userErrorMessage } from './platform-errors';

describe('clientError (what wx.cloud.callFunction rejects with)', () => {
  it('words an execution failure with -504002', () => {
    expect(clientError('FUNCTIONS_EXECUTE_FAIL', 'Error: boom')).toEqual({
      errCode: -504002,
      errMsg: 'cloud.callFunction:fail Error: errCode: -504002 functions execute fail | errMsg: Error: boom',
    });
  });

  it('words a timeout with -504003 and a missing function with -501000', () => {
    expect(clientError('FUNCTIONS_TIME_LIMIT_EXCEEDED', timeoutMessage(3000)).errMsg).toBe(
      'cloud.callFunction:fail Error: errCode: -504003  | errMsg: Invoking task timed out after 3 seconds',
    );
    expect(clientError('FUNCTION_NOT_FOUND', 'x').errCode).toBe(-501000);
  });

  it('falls back to -501001 for anything else', () => {
    expect(clientError('SYS_ERR', 'oops')).toEqual({
      errCode: -501001,
      errMsg: 'cloud.callFunction:fail Error: errCode: -501001 resource system error | errMsg: oops',
    });
  });
});

describe('timeoutMessage', () => {
  it('states whole and fractional seconds', () => {
    expect(timeoutMessage(20000)).toBe('Invoking task timed out after 20 seconds');
    expect(timeoutMessage(1500)).toBe('Invoking task timed out after 1.500 seconds');
  });
});

describe('userErrorMessage', () => {
  it('keeps the error line and user frames, drops the emulator and node internals', () => {
    const raw = [
      'Error: boom',
      '    at exports.main (/p/fn/index.js:3:9)',
      '    at runMain (/emu/worker-bootstrap.js:40:13)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
    ].join('\n');
    expect(userErrorMessage(raw, '/emu/worker-bootstrap.js')).toBe('Error: boom\n    at exports.main (/p/fn/index.js:3:9)');
  });
});
