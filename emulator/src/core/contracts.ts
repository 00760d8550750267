/**
 * The few interfaces services use to reach each other. The controller wires the real implementations;
 * a service depends on these, never on another service's internals.
 */

/** Who calls a function: the WX context the platform injects into each invocation. */
export interface CallerIdentity {
  openid?: string;
  appid?: string;
  unionid?: string;
  /** TCB_SOURCE, e.g. `wx_client`, `wx_devtools`, `scf` (function-to-function), `timer`. */
  source?: string;
}

export interface InvocationInfo {
  id: string;
  functionName: string;
  identity: CallerIdentity;
  startedAt: number;
}

export type InvokeResult =
  | { ok: true; result: unknown; requestId: string; durationMs: number }
  | { ok: false; code: string; message: string; requestId: string; durationMs: number };

export interface FunctionsInvoker {
  /** Runs a function as the platform would (own context, pooled warm instance, timeout from config.json). */
  invoke(name: string, event: unknown, identity: CallerIdentity): Promise<InvokeResult>;
  /** The names of the functions found in the project. */
  list(): string[];
  /** The parsed `config.json` of a function (triggers, timeout, permissions), or undefined. */
  config(name: string): FunctionConfig | undefined;
}

export interface FunctionConfig {
  timeout?: number;
  triggers?: Array<{ name: string; type: string; config: string }>;
  permissions?: { openapi?: string[] };
  [k: string]: unknown;
}

export interface InvocationLookup {
  /** The invocation a `wxCloudApiToken` belongs to, while it runs (and shortly after). */
  byToken(token: string | undefined): InvocationInfo | undefined;
}
