import type { EmulatorClock } from './clock';
import type { FunctionsInvoker, InvocationLookup } from './contracts';
import type { QuotaMeters } from '../quota/meters';

export interface EmulatorOptions {
  /** The WeChat project folder (holds `cloudfunctions/` and optional `database.indexes.json`). */
  projectDir: string;
  /** Where state persists; `null` keeps everything in memory (tests). */
  dataDir: string | null;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Start the clock frozen at this time (ms since epoch); tests move it with `clock.advance`. */
  manualClockStart?: number;
  /** Folder holding the function folders, relative to projectDir (default: `cloudfunctionRoot` of project.config.json, else `cloudfunctions`). */
  functionsRoot?: string;
  /** Concurrent instances per function (CloudBase base plan: 20). */
  maxInstancesPerFunction?: number;
  /** Run timer triggers on the clock automatically (npm start) or only on demand (tests). */
  autoTimers?: boolean;
  /** The env id functions see as TCB_ENV. */
  envId?: string;
  appId?: string;
  quiet?: boolean;
}

/** What every service gets: options, the shared clock and meters, and late-bound access to peers. */
export interface EmulatorContext {
  readonly options: Required<Omit<EmulatorOptions, 'manualClockStart' | 'functionsRoot'>> &
    Pick<EmulatorOptions, 'manualClockStart'> & { functionsRoot: string };
  readonly clock: EmulatorClock;
  readonly quota: QuotaMeters;
  /** http://host:port once listening. */
  baseUrl(): string;
  /** The URL the SDK posts to (TCB_CONTEXT_CNFG.URL). */
  adminUrl(): string;
  functions(): FunctionsInvoker;
  invocations(): InvocationLookup;
  /** Look up another service by name (e.g. pay → outbox). */
  service<T>(name: string): T;
  log(message: string): void;
}
