import { WxApiError, isObject, requireOpenid, type OpenApiCall, type OpenApiResult } from './api';

/**
 * The customer-service reply window. A user's action opens (or widens) a window in which the app may send a
 * limited number of customer-service messages (official rule: a user message allows 5 messages within 48 hours;
 * entering the customer-service session allows 2 within 1 minute). Windows do not add up: a new action raises
 * the count and the end time to the larger of the old and new ones.
 */
export type CustomerAction = 'message' | 'enterSession';

export const CUSTOMER_WINDOW: Record<CustomerAction, { count: number; ms: number }> = {
  message: { count: 5, ms: 48 * 3600 * 1000 },
  enterSession: { count: 2, ms: 60 * 1000 },
};

export interface CustomerWindow {
  openid: string;
  /** When the user last acted (ms, emulator clock). */
  lastActionAt: number;
  /** End of the window (ms). */
  until: number;
  /** Messages the app may still send in the window. */
  remaining: number;
}

export class CustomerWindows {
  private windows = new Map<string, CustomerWindow>();

  note(openid: string, at: number, action: CustomerAction = 'message'): CustomerWindow {
    const rule = CUSTOMER_WINDOW[action];
    const cur = this.windows.get(openid);
    const open = cur && cur.until > at && cur.remaining > 0;
    const w: CustomerWindow = {
      openid,
      lastActionAt: Math.max(at, cur?.lastActionAt ?? 0),
      until: open ? Math.max(cur.until, at + rule.ms) : at + rule.ms,
      remaining: open ? Math.max(cur.remaining, rule.count) : rule.count,
    };
    this.windows.set(openid, w);
    return w;
  }

  get(openid: string): CustomerWindow | undefined {
    return this.windows.get(openid);
  }

  /** Uses one message of the window, or throws the error the real API answers. */
  spend(openid: string, now: number): void {
    const w = this.windows.get(openid);
    if (!w || w.until <= now) throw new WxApiError(45015, 'response out of time limit or subscription is canceled');
    if (w.remaining <= 0) throw new WxApiError(45047, 'out of response count limit');
    w.remaining -= 1;
  }

  /** Checks the window without using it (setTyping). */
  check(openid: string, now: number): void {
    const w = this.windows.get(openid);
    if (!w || w.until <= now) throw new WxApiError(45015, 'response out of time limit or subscription is canceled');
  }

  list(): CustomerWindow[] {
    return [...this.windows.values()].map((w) => ({ ...w }));
  }

  load(rows: CustomerWindow[]): void {
    this.windows = new Map(rows.map((w) => [w.openid, { ...w }]));
  }

  clear(): void {
    this.windows.clear();
  }
}

const REQUIRED_FIELDS: Record<string, string[]> = {
  text: ['content'],
  image: ['media_id'],
  link: ['title', 'description', 'url', 'thumb_url'],
  miniprogrampage: ['title', 'pagepath', 'thumb_media_id'],
};

/** `customerServiceMessage.send` (text, image, link, miniprogrampage). */
export function customerServiceSend(windows: CustomerWindows, call: OpenApiCall): OpenApiResult {
  const d = call.data;
  const touser = requireOpenid(d.touser);
  const msgtype = String(d.msgtype ?? '');
  const required = REQUIRED_FIELDS[msgtype];
  if (!required) throw new WxApiError(40008, 'invalid message type');
  const body = d[msgtype];
  if (!isObject(body)) throw new WxApiError(44002, `empty post data: ${msgtype} is missing`);
  for (const f of required) {
    if (body[f] === undefined || body[f] === null || String(body[f]) === '') throw new WxApiError(47001, `data format error: ${msgtype}.${f} is missing`);
  }
  windows.spend(touser, call.now);
  return { json: {}, openid: touser };
}

/** `customerServiceMessage.setTyping`. */
export function customerServiceSetTyping(windows: CustomerWindows, call: OpenApiCall): OpenApiResult {
  const touser = requireOpenid(call.data.touser);
  if (call.data.command !== 'Typing' && call.data.command !== 'CancelTyping') throw new WxApiError(47001, 'data format error: command must be Typing or CancelTyping');
  windows.check(touser, call.now);
  return { json: {}, openid: touser };
}
