/**
 * The jest environment of page tests: jsdom (miniprogram-simulate renders into a DOM) plus the Node globals that
 * jsdom's window lacks, because the same test process also runs the emulator and the real wx-server-sdk.
 * Timers are Node's (the emulator calls `.unref()` on them; jsdom's return plain numbers).
 */

/** jest-environment-jsdom, typed by hand: its typings would pull the DOM lib into every Node file's type check. */
type EnvironmentClass = new (config: unknown, context: unknown) => { global: unknown };
// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSDOMEnvironment = (require('jest-environment-jsdom') as { default: EnvironmentClass }).default;

const NODE_TIMERS = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] as const;

const NODE_GLOBALS = [
  'setImmediate',
  'clearImmediate',
  'TextEncoder',
  'TextDecoder',
  'structuredClone',
  'fetch',
  'Request',
  'Response',
  'Headers',
  'FormData',
  'Blob',
  'AbortController',
  'AbortSignal',
  'ReadableStream',
  'WritableStream',
  'TransformStream',
  'MessageChannel',
  'BroadcastChannel',
  'queueMicrotask',
  'crypto',
] as const;

export default class PageTestEnvironment extends JSDOMEnvironment {
  constructor(config: unknown, context: unknown) {
    super(config, context);
    const target = this.global as unknown as Record<string, unknown>;
    const source = globalThis as unknown as Record<string, unknown>;
    for (const key of NODE_TIMERS) target[key] = source[key];
    for (const key of NODE_GLOBALS) {
      if (target[key] === undefined && source[key] !== undefined) target[key] = source[key];
    }
  }
}
