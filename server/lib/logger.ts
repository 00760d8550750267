/**
 * A small structured logger: one JSON line per entry on stdout/stderr, which CloudBase's log panel (and the
 * emulator's console) show per invocation. Fields are merged into the line.
 */
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger adding `fields` to every line. */
  child(fields: LogFields): Logger;
}

type Sink = (level: 'info' | 'warn' | 'error', line: string) => void;

const consoleSink: Sink = (level, line) => {
  if (level === 'error') console.error(line);
  else if (level === 'warn') console.warn(line);
  else console.log(line);
};

export function createLogger(base: LogFields = {}, sink: Sink = consoleSink): Logger {
  const write = (level: 'info' | 'warn' | 'error', message: string, fields?: LogFields) =>
    sink(level, JSON.stringify({ level, msg: message, ...base, ...fields }, errorReplacer));
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
    child: (fields) => createLogger({ ...base, ...fields }, sink),
  };
}

/** Errors serialise as {name, message, stack} instead of `{}`. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  return value;
}
