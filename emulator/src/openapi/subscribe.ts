import { WxApiError, isObject, requireOpenid, type OpenApiCall, type OpenApiResult } from './api';
import type { SubscribeTemplate } from './config';

/**
 * One-time subscription authorisations: each time a user accepts a template in wx.requestSubscribeMessage,
 * the app may send that user one message of that template. Accepting again adds one more.
 */
export class SubscribeAuthorisations {
  private counts = new Map<string, number>();

  private static key(openid: string, templateId: string): string {
    return `${openid}\u0000${templateId}`;
  }

  grant(openid: string, templateId: string, n = 1): number {
    const k = SubscribeAuthorisations.key(openid, templateId);
    const c = (this.counts.get(k) ?? 0) + n;
    this.counts.set(k, c);
    return c;
  }

  count(openid: string, templateId: string): number {
    return this.counts.get(SubscribeAuthorisations.key(openid, templateId)) ?? 0;
  }

  /** Uses one authorisation; false when there is none. */
  spend(openid: string, templateId: string): boolean {
    const k = SubscribeAuthorisations.key(openid, templateId);
    const c = this.counts.get(k) ?? 0;
    if (c <= 0) return false;
    if (c === 1) this.counts.delete(k);
    else this.counts.set(k, c - 1);
    return true;
  }

  list(openid?: string): Array<{ openid: string; templateId: string; count: number }> {
    const out = [];
    for (const [k, count] of this.counts) {
      const [o, templateId] = k.split('\u0000');
      if (openid === undefined || o === openid) out.push({ openid: o, templateId, count });
    }
    return out;
  }

  toJSON(): Array<[string, string, number]> {
    return this.list().map((e) => [e.openid, e.templateId, e.count]);
  }

  load(rows: Array<[string, string, number]>): void {
    this.counts.clear();
    for (const [o, t, c] of rows) if (c > 0) this.counts.set(SubscribeAuthorisations.key(o, t), c);
  }

  clear(): void {
    this.counts.clear();
  }
}

/**
 * Length limits of subscribe-message data values by key kind (`thing1` → `thing`), from the official
 * subscribe-message parameter table. Formats of time/date/amount are not checked.
 */
const VALUE_LIMITS: Record<string, { max: number; pattern?: RegExp }> = {
  thing: { max: 20 },
  number: { max: 32, pattern: /^[0-9.]+$/ },
  letter: { max: 32, pattern: /^[A-Za-z]+$/ },
  symbol: { max: 5 },
  character_string: { max: 32 },
  phone_number: { max: 17 },
  car_number: { max: 8 },
  name: { max: 20 },
  phrase: { max: 5 },
};

function checkValue(key: string, value: string): string | null {
  const kind = key.replace(/\d+$/, '');
  const limit = VALUE_LIMITS[kind];
  if (!limit) return null;
  if ([...value].length > limit.max) return `data.${key}.value exceeds ${limit.max} characters`;
  if (limit.pattern && !limit.pattern.test(value)) return `data.${key}.value has characters a ${kind} field does not allow`;
  return null;
}

export interface SubscribeSendDeps {
  authorisations: SubscribeAuthorisations;
  /** null: any template id is accepted. */
  templates: () => Map<string, SubscribeTemplate> | null;
}

export const MINIPROGRAM_STATES = ['developer', 'trial', 'formal'];

/** `subscribeMessage.send`: checks the request like the real API, then spends one authorisation. */
export function subscribeMessageSend(deps: SubscribeSendDeps, call: OpenApiCall): OpenApiResult {
  const d = call.data;
  const touser = requireOpenid(d.touser);
  const templateId = d.template_id;
  const templates = deps.templates();
  if (typeof templateId !== 'string' || !templateId || (templates && !templates.has(templateId))) {
    throw new WxApiError(40037, 'invalid template_id');
  }
  if (!isObject(d.data)) throw new WxApiError(47003, 'argument invalid! data is empty');
  const keys = templates?.get(templateId)?.keys ?? Object.keys(d.data);
  for (const key of keys) {
    const entry = d.data[key];
    const value = isObject(entry) ? entry.value : undefined;
    if (value === undefined || value === null || String(value) === '') throw new WxApiError(47003, `argument invalid! data.${key}.value is empty`);
    const problem = checkValue(key, String(value));
    if (problem) throw new WxApiError(47003, `argument invalid! ${problem}`);
  }
  if (d.page !== undefined && typeof d.page !== 'string') throw new WxApiError(47001, 'data format error: page must be a string');
  if (d.miniprogram_state !== undefined && !MINIPROGRAM_STATES.includes(String(d.miniprogram_state))) {
    throw new WxApiError(47001, 'data format error: miniprogram_state must be developer, trial or formal');
  }
  if (!deps.authorisations.spend(touser, templateId)) throw new WxApiError(43101, 'user refuse to accept the msg');
  return { json: {}, openid: touser };
}
