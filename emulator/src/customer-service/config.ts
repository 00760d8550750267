import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Which function receives customer-service pushes, from `<projectDir>/emulator.config.json`:
 *
 * ```json
 * {
 *   "customerService": {
 *     "function": "kefu",
 *     "callbacks": [{ "msgType": "event", "event": "user_enter_tempsession", "functionName": "kefuEnter" }]
 *   }
 * }
 * ```
 *
 * On the platform this is the console's 消息推送 setting: a list of `<msgType, event>` → function entries (event
 * empty for plain messages). `callbacks` mirrors that list; `function` is the shorthand "every type goes to this
 * function". A matching `callbacks` entry wins over `function`.
 */
export interface PushCallback {
  msgType: string;
  /** Empty for messages (text, image, miniprogrampage). */
  event: string;
  functionName: string;
}

export interface CustomerServiceConfig {
  function?: string;
  callbacks: PushCallback[];
}

export const CONFIG_FILE = 'emulator.config.json';

export function readCustomerServiceConfig(projectDir: string): CustomerServiceConfig {
  const file = path.join(projectDir, CONFIG_FILE);
  if (!existsSync(file)) return { callbacks: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseCustomerServiceConfig((raw as { customerService?: unknown })?.customerService, file);
}

export function parseCustomerServiceConfig(section: unknown, source = CONFIG_FILE): CustomerServiceConfig {
  const cfg: CustomerServiceConfig = { callbacks: [] };
  if (section === undefined || section === null) return cfg;
  if (typeof section !== 'object' || Array.isArray(section)) throw new Error(`${source}: customerService must be an object`);
  const s = section as { function?: unknown; callbacks?: unknown };
  if (s.function !== undefined) {
    if (typeof s.function !== 'string' || !s.function) throw new Error(`${source}: customerService.function must be a function name`);
    cfg.function = s.function;
  }
  if (s.callbacks !== undefined) {
    if (!Array.isArray(s.callbacks)) throw new Error(`${source}: customerService.callbacks must be an array`);
    for (const c of s.callbacks as Array<Record<string, unknown>>) {
      if (!c || typeof c.msgType !== 'string' || typeof c.functionName !== 'string' || (c.event !== undefined && typeof c.event !== 'string')) {
        throw new Error(`${source}: customerService.callbacks entries are {msgType, event?, functionName}`);
      }
      cfg.callbacks.push({ msgType: c.msgType, event: (c.event as string | undefined) ?? '', functionName: c.functionName });
    }
  }
  return cfg;
}

/** The function for a `<msgType, event>` pair, or undefined when none is configured. */
export function functionFor(cfg: CustomerServiceConfig, msgType: string, event = ''): string | undefined {
  return cfg.callbacks.find((c) => c.msgType === msgType && c.event === event)?.functionName ?? cfg.function;
}
