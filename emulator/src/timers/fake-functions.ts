/**
 * A stand-in for the `functions` service in unit tests of services that invoke functions (timers, pay callbacks,
 * customer-service push): handlers are plain JS callbacks, every call is logged. Not used at run time.
 */
import type { EmulatorContext } from '../core/context';
import type { CallerIdentity, FunctionConfig, FunctionsInvoker, InvocationInfo, InvocationLookup, InvokeResult } from '../core/contracts';
import type { EmulatorService } from '../core/service';

export type FakeHandler = (event: unknown, identity: CallerIdentity) => unknown;

export interface FakeCall {
  name: string;
  event: unknown;
  identity: CallerIdentity;
  /** Emulator clock time of the call. */
  at: number;
}

export class FakeFunctions implements EmulatorService, FunctionsInvoker, InvocationLookup {
  readonly name = 'functions';
  readonly calls: FakeCall[] = [];
  private seq = 0;
  /** Tokens a test hands out to pretend an SDK call comes from inside an invocation. */
  readonly tokens = new Map<string, InvocationInfo>();

  constructor(
    private readonly ctx: EmulatorContext,
    readonly handlers: Record<string, FakeHandler> = {},
    readonly configs: Record<string, FunctionConfig> = {},
  ) {}

  list(): string[] {
    return [...new Set([...Object.keys(this.handlers), ...Object.keys(this.configs)])].sort();
  }

  config(name: string): FunctionConfig | undefined {
    return name in this.handlers || name in this.configs ? (this.configs[name] ?? {}) : undefined;
  }

  async invoke(name: string, event: unknown, identity: CallerIdentity): Promise<InvokeResult> {
    const requestId = `fake-${++this.seq}`;
    this.calls.push({ name, event: JSON.parse(JSON.stringify(event ?? null)), identity: { ...identity }, at: this.ctx.clock.now() });
    const h = this.handlers[name];
    if (!h) return { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: 'FunctionName parameter could not be found.', requestId, durationMs: 0 };
    try {
      const result = await h(event, identity);
      return { ok: true, result: result === undefined ? null : JSON.parse(JSON.stringify(result)), requestId, durationMs: 0 };
    } catch (e) {
      return { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: (e as Error).message, requestId, durationMs: 0 };
    }
  }

  byToken(token: string | undefined): InvocationInfo | undefined {
    return token ? this.tokens.get(token) : undefined;
  }

  callsTo(name: string): FakeCall[] {
    return this.calls.filter((c) => c.name === name);
  }
}

/** A factory for `startTestEmulator({services: [...]})`; the instance is reachable as `emu.service('functions')`. */
export function fakeFunctionsService(handlers: Record<string, FakeHandler> = {}, configs: Record<string, FunctionConfig> = {}) {
  return (ctx: EmulatorContext): FakeFunctions => new FakeFunctions(ctx, handlers, configs);
}
