import { createHash, randomBytes, randomInt } from 'node:crypto';
import { CHINA_OFFSET_MS } from '../timers/cron';

/**
 * The provider (服务商) that cloud payments go through: CloudBase places orders as a WeChat Pay service provider,
 * so replies and notifications carry its appid / mch_id, and the project's merchant as `sub_mch_id`. The values are
 * ones seen in public cloudPay replies; nothing checks them.
 */
export const SP_APPID = 'wxd2d16a504f24665e';
export const SP_MCH_ID = '1800008281';

function digits(n: number): string {
  let s = '';
  while (s.length < n) s += randomInt(0, 1_000_000_000).toString().padStart(9, '0');
  return s.slice(0, n);
}

/** `yyyyMMddHHmmss` in UTC+8 (v2 `time_end`). */
export function payTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

/** `yyyy-MM-dd HH:mm:ss` in UTC+8 (v2 refund `success_time`). */
export function refundTime(ms: number): string {
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** A prepay id shaped like the real ones: `wx` + time + random, 36 characters. */
export function newPrepayId(now: number): string {
  return `wx${payTime(now)}${randomBytes(10).toString('hex')}`;
}

/** A 28-digit transaction id (real ones start with 42000…). */
export function newTransactionId(now: number): string {
  return `4200${digits(6)}${payTime(now).slice(0, 8)}${digits(10)}`;
}

/** A 29-digit refund id (real ones start with 503…). */
export function newRefundId(): string {
  return `503${digits(26)}`;
}

export function nonce(): string {
  return randomBytes(16).toString('hex');
}

/** An MD5 "signature" in the real format; the emulator signs with a fixed local key, nothing verifies it. */
export function fakeSign(fields: Record<string, unknown>): string {
  const text = Object.keys(fields)
    .filter((k) => fields[k] !== undefined && fields[k] !== '' && typeof fields[k] !== 'object')
    .sort()
    .map((k) => `${k}=${String(fields[k])}`)
    .join('&');
  return createHash('md5').update(`${text}&key=local-cloud-emulator`).digest('hex').toUpperCase();
}

/** The payer's openid under the provider appid (`openid` in notifications; `sub_openid` is the mini-program one). */
export function providerOpenid(subOpenid: string): string {
  return `o${createHash('sha1').update(`sp:${subOpenid}`).digest('base64url').slice(0, 27)}`;
}
