/**
 * Order numbers, refund numbers and pickup codes. Time and randomness are injected, so these are deterministic in
 * tests; in a handler pass `Date.now()` and `crypto.randomInt`.
 */
import type { EpochMs } from '../../typings/shop/common';

/** Returns a uniformly random integer in [0, maxExclusive). `crypto.randomInt` fits. */
export type RandomInt = (maxExclusive: number) => number;

/** Characters of the random part of an order number: digits and upper-case letters without I and O. */
export const ORDER_NO_ALPHABET = '0123456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const ORDER_NO_RANDOM_LENGTH = 8;
/** yyyyMMddHHmmss (Asia/Shanghai) + 8 random characters = 22 characters. */
export const ORDER_NO_PATTERN = /^\d{14}[0-9A-HJ-NP-Z]{8}$/;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000; // UTC+8, no daylight saving time

function pick(random: RandomInt, maxExclusive: number): number {
  const n = random(maxExclusive);
  if (!Number.isSafeInteger(n) || n < 0 || n >= maxExclusive) {
    throw new RangeError(`random source returned ${n}, expected an integer in [0, ${maxExclusive})`);
  }
  return n;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** `yyyyMMddHHmmss` of `now` in Asia/Shanghai (UTC+8). */
export function shanghaiTimestamp(now: EpochMs): string {
  const d = new Date(now + SHANGHAI_OFFSET_MS);
  if (Number.isNaN(d.getTime())) throw new RangeError(`invalid time ${now}`);
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2)
  );
}

/**
 * A new order number, e.g. `20240601123045K7Q2M9XA`: sortable by time, 22 characters of [0-9A-Z], so it is a valid
 * WeChat Pay out_trade_no (6–32 characters of letters, digits, `_-|*`). 34⁸ ≈ 1.8·10¹² numbers per second; the
 * handler still inserts with the number as a unique key and retries on a clash.
 */
export function makeOrderNo(now: EpochMs, random: RandomInt): string {
  let tail = '';
  for (let i = 0; i < ORDER_NO_RANDOM_LENGTH; i++) tail += ORDER_NO_ALPHABET[pick(random, ORDER_NO_ALPHABET.length)];
  return shanghaiTimestamp(now) + tail;
}

/** WeChat Pay v2/v3 out_trade_no rule: 6–32 characters, letters, digits, `_`, `-`, `|`, `*`. */
export function isValidOutTradeNo(value: string): boolean {
  return /^[0-9A-Za-z_\-|*]{6,32}$/.test(value);
}

/**
 * Refund number (WeChat Pay out_refund_no, ≤ 64 characters of letters, digits, `_-|*@`): the order number, `R`, and
 * the 1-based sequence of the refund within the order, e.g. `20240601123045K7Q2M9XAR1`. Deterministic, so a retried
 * refund reuses the same number (WeChat Pay treats it as the same refund).
 */
export function makeRefundNo(orderNo: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 1) throw new RangeError('refund sequence must be an integer ≥ 1');
  const refundNo = `${orderNo}R${sequence}`;
  if (!/^[0-9A-Za-z_\-|*@]{1,64}$/.test(refundNo)) throw new RangeError(`invalid refund number ${refundNo}`);
  return refundNo;
}

/** A 6-digit pickup code (leading zeros kept), e.g. `048213`. */
export function makePickupCode(random: RandomInt): string {
  let code = '';
  for (let i = 0; i < 6; i++) code += String(pick(random, 10));
  return code;
}
