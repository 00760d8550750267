import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The openapi part of `<projectDir>/emulator.config.json`:
 *
 * ```json
 * {
 *   "subscribeTemplates": ["TPL_ID", { "id": "TPL_ID2", "title": "发货通知", "keys": ["thing1", "time2"] }],
 *   "msgSecCheck": { "words": ["赌博", { "word": "代开发票", "label": 20008 }] }
 * }
 * ```
 *
 * `subscribeTemplates` absent → any template id is accepted (nothing to check against); present → only those ids
 * exist and any other answers 40037 `invalid template_id`. `keys`, when given, are the data keys the template
 * needs (a missing one answers 47003).
 * `msgSecCheck.words` absent → the two official test strings of the security API are the only risky texts.
 */
export interface SubscribeTemplate {
  id: string;
  title?: string;
  keys?: string[];
}

export interface SecCheckWord {
  word: string;
  /** v2 label: 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, 20008 fraud, 20012 vulgar, 20013 copyright, 21000 other. */
  label: number;
}

export interface OpenApiConfig {
  /** null: any template id is accepted. */
  subscribeTemplates: Map<string, SubscribeTemplate> | null;
  secCheckWords: SecCheckWord[];
}

export const CONFIG_FILE = 'emulator.config.json';

/** The official test strings of security.msgSecCheck (the real API answers them with 87014 / risky). */
export const DEFAULT_SEC_CHECK_WORDS: SecCheckWord[] = [
  { word: '特3456书yuuo莞6543李zxcz蒜7782法fgnv级', label: 20001 },
  { word: '完2347全dfji试3726测asad感3847知qwez到', label: 20001 },
];

export function defaultOpenApiConfig(): OpenApiConfig {
  return { subscribeTemplates: null, secCheckWords: [...DEFAULT_SEC_CHECK_WORDS] };
}

export function readOpenApiConfig(projectDir: string): OpenApiConfig {
  const file = path.join(projectDir, CONFIG_FILE);
  if (!existsSync(file)) return defaultOpenApiConfig();
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseOpenApiConfig(raw, file);
}

export function parseOpenApiConfig(raw: Record<string, unknown>, source = CONFIG_FILE): OpenApiConfig {
  const cfg = defaultOpenApiConfig();
  const t = raw.subscribeTemplates;
  if (t !== undefined && t !== null) {
    cfg.subscribeTemplates = new Map();
    const add = (spec: SubscribeTemplate) => cfg.subscribeTemplates!.set(spec.id, spec);
    if (Array.isArray(t)) {
      for (const item of t) {
        if (typeof item === 'string') add({ id: item });
        else if (item && typeof item === 'object' && typeof (item as SubscribeTemplate).id === 'string') add(templateSpec(item as SubscribeTemplate));
        else throw new Error(`${source}: subscribeTemplates entries must be template ids or {id, title?, keys?}`);
      }
    } else if (typeof t === 'object') {
      for (const [id, spec] of Object.entries(t as Record<string, Partial<SubscribeTemplate>>)) add(templateSpec({ ...(spec ?? {}), id }));
    } else {
      throw new Error(`${source}: subscribeTemplates must be an array or an object`);
    }
  }
  const sec = raw.msgSecCheck as { words?: unknown } | undefined;
  if (sec && sec.words !== undefined) {
    if (!Array.isArray(sec.words)) throw new Error(`${source}: msgSecCheck.words must be an array`);
    cfg.secCheckWords = sec.words.map((w) => {
      if (typeof w === 'string') return { word: w, label: 20006 };
      if (w && typeof w === 'object' && typeof (w as SecCheckWord).word === 'string') {
        return { word: (w as SecCheckWord).word, label: Number((w as SecCheckWord).label) || 20006 };
      }
      throw new Error(`${source}: msgSecCheck.words entries must be strings or {word, label}`);
    });
  }
  return cfg;
}

function templateSpec(s: SubscribeTemplate): SubscribeTemplate {
  return {
    id: s.id,
    ...(typeof s.title === 'string' ? { title: s.title } : {}),
    ...(Array.isArray(s.keys) ? { keys: s.keys.map(String) } : {}),
  };
}
