import { randomBytes } from 'node:crypto';

/**
 * What an emulated WeChat open API receives and answers. Handlers are plain functions over parsed data; the
 * service does the protobuf framing, metering and outbox recording.
 */

/** A WeChat API error: the `errcode` / `errmsg` pair the real HTTPS API answers. */
export class WxApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
    this.name = 'WxApiError';
  }
}

export interface OpenApiCaller {
  /** The user of the invocation that made the call, when the call came from a known invocation. */
  openid?: string;
  invocationId?: string;
  functionName?: string;
}

export interface OpenApiCall {
  /** e.g. `subscribeMessage.send`. */
  api: string;
  /** The request fields, snake_case as the SDK sends them; media fields arrive as {contentType, value: Buffer}. */
  data: Record<string, unknown>;
  caller: OpenApiCaller;
  appid: string;
  /** Emulator clock (ms). */
  now: number;
}

/** A JSON answer (errcode 0 is added) or a binary one (the SDK hands back {contentType, buffer}). */
export type OpenApiResult =
  | { json: Record<string, unknown>; openid?: string }
  | { binary: Buffer; contentType: string; openid?: string };

export type OpenApiHandler = (call: OpenApiCall) => OpenApiResult | Promise<OpenApiResult>;

/** The `rid` the real API appends to error messages. */
export function newRid(now: number): string {
  return `${Math.floor(now / 1000).toString(16).padStart(8, '0')}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

/**
 * Whether a string can be an openid. The emulator cannot know real users, so it only refuses what no openid can
 * be: empty, over 64 characters, or characters other than letters, digits, `-` and `_`.
 */
export function isValidOpenid(v: unknown): v is string {
  return typeof v === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(v);
}

export function requireOpenid(v: unknown, errmsg = 'invalid openid'): string {
  if (!isValidOpenid(v)) throw new WxApiError(40003, errmsg);
  return v;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v);
}
