import type { FunctionsInvoker } from '../core/contracts';
import { CronSchedule } from './cron';

/** One `{name, type: 'timer', config}` entry of a function's config.json `triggers`. */
export interface TimerTrigger {
  functionName: string;
  name: string;
  /** The cron text as written. */
  config: string;
  /** Undefined when the trigger is invalid (see `error`). */
  schedule?: CronSchedule;
  error?: string;
}

/** Documented rule: up to 60 characters of a-z A-Z 0-9 - _, starting with a letter. */
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

/**
 * The timer triggers the project declares, read from each function's config.json through the functions service
 * (which re-reads a changed config.json, so edited triggers are picked up). Invalid ones are returned with an
 * `error` so the status page can show why they never fire. Non-timer trigger types are ignored.
 */
export function readTimerTriggers(functions: FunctionsInvoker, cache: Map<string, CronSchedule | Error>): TimerTrigger[] {
  const out: TimerTrigger[] = [];
  for (const functionName of functions.list()) {
    const triggers = functions.config(functionName)?.triggers;
    if (!Array.isArray(triggers)) continue;
    const seen = new Set<string>();
    for (const raw of triggers as unknown[]) {
      if (!raw || typeof raw !== 'object') continue;
      const t = raw as { name?: unknown; type?: unknown; config?: unknown };
      if (t.type !== 'timer') continue;
      const name = typeof t.name === 'string' ? t.name : '';
      const config = typeof t.config === 'string' ? t.config : '';
      const trigger: TimerTrigger = { functionName, name, config };
      if (!TRIGGER_NAME.test(name)) {
        trigger.error = `invalid trigger name "${name}": up to 60 of a-z A-Z 0-9 - _, starting with a letter`;
      } else if (seen.has(name)) {
        trigger.error = `a second trigger named "${name}" on the same function`;
      } else {
        const parsed = parseCached(config, cache);
        if (parsed instanceof Error) trigger.error = parsed.message;
        else trigger.schedule = parsed;
      }
      seen.add(name);
      out.push(trigger);
    }
  }
  return out;
}

function parseCached(config: string, cache: Map<string, CronSchedule | Error>): CronSchedule | Error {
  let hit = cache.get(config);
  if (!hit) {
    try {
      hit = CronSchedule.parse(config);
    } catch (e) {
      hit = e instanceof Error ? e : new Error(String(e));
    }
    cache.set(config, hit);
  }
  return hit;
}
