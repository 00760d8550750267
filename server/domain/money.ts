/**
 * Money helpers. Every amount is an integer number of fen (see typings/shop/common.ts).
 * The only division in the shop is `allocate`, whose rounding rule is documented below.
 */
import type { Fen } from '../../typings/shop/common';

/** True when `value` is a safe integer (a valid fen amount, possibly negative). */
export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws a TypeError unless `value` is a safe integer. */
export function assertFen(value: unknown, label = 'amount'): asserts value is Fen {
  if (!isFen(value)) throw new TypeError(`${label} must be an integer number of fen, got ${String(value)}`);
}

/** Throws unless `value` is a safe integer ≥ 0. */
export function assertNonNegativeFen(value: unknown, label = 'amount'): asserts value is Fen {
  assertFen(value, label);
  if (value < 0) throw new RangeError(`${label} must not be negative, got ${value}`);
}

/** Sum of fen amounts; throws if any is not an integer or the sum leaves the safe-integer range. */
export function sumFen(values: readonly Fen[]): Fen {
  let total = 0;
  values.forEach((v, i) => {
    assertFen(v, `amount[${i}]`);
    total += v;
  });
  assertFen(total, 'sum');
  return total;
}

/** `1230 → '¥12.30'`, `5 → '¥0.05'`, `-1230 → '-¥12.30'`. */
export function formatFen(fen: Fen): string {
  assertFen(fen);
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100);
  const cents = abs % 100;
  return `${fen < 0 ? '-' : ''}¥${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * Parses a yuan amount typed by a merchant into fen: `'12.3' → 1230`, `'0.05' → 5`, `'12' → 1200`.
 * Accepts an optional leading `¥`, digits, and at most two decimals; anything else throws (no rounding happens).
 */
export function parseYuan(text: string): Fen {
  const m = /^\s*¥?\s*(\d{1,13})(?:\.(\d{0,2}))?\s*$/.exec(text);
  if (!m) throw new RangeError(`not a yuan amount with at most 2 decimals: ${JSON.stringify(text)}`);
  const cents = (m[2] ?? '').padEnd(2, '0');
  return Number(m[1]) * 100 + Number(cents);
}

/**
 * Splits `totalFen` (integer ≥ 0) into parts proportional to `weights` (integers ≥ 0) that sum to exactly `totalFen`.
 *
 * Rounding rule (largest remainder / Hamilton): part i first gets floor(total × wᵢ / W) where W = Σw; the fen left
 * over (fewer than the number of parts) go one each to the parts with the largest remainders (total × wᵢ mod W),
 * ties going to the lower index. Arithmetic is exact (BigInt), so the result does not depend on float rounding.
 * A zero weight gets 0, except when every weight is 0: then the total is split as if all weights were 1.
 * Throws on an empty weight list with a non-zero total.
 */
export function allocate(totalFen: Fen, weights: readonly number[]): Fen[] {
  assertNonNegativeFen(totalFen, 'totalFen');
  weights.forEach((w, i) => assertNonNegativeFen(w, `weights[${i}]`));
  if (weights.length === 0) {
    if (totalFen === 0) return [];
    throw new RangeError('cannot allocate a non-zero amount over no weights');
  }
  const ws = weights.every((w) => w === 0) ? weights.map(() => 1) : weights;
  const total = BigInt(totalFen);
  const sumW = ws.reduce((acc, w) => acc + BigInt(w), 0n);
  const parts = ws.map((w) => (total * BigInt(w)) / sumW);
  const remainders = ws.map((w) => (total * BigInt(w)) % sumW);
  let left = Number(total - parts.reduce((a, b) => a + b, 0n));
  const order = ws
    .map((_, i) => i)
    .sort((a, b) => (remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : a - b));
  for (const i of order) {
    if (left === 0) break;
    parts[i] += 1n;
    left -= 1;
  }
  return parts.map((p) => Number(p));
}

/**
 * Fen of the units [fromUnit, fromUnit + count) when `totalFen` is spread over `units` equal units with `allocate`
 * (the first totalFen mod units units carry one extra fen). Used for per-unit refunds: refunding every unit, in any
 * number of steps, returns exactly `totalFen`.
 */
export function unitRangeFen(totalFen: Fen, units: number, fromUnit: number, count: number): Fen {
  assertNonNegativeFen(totalFen, 'totalFen');
  for (const [label, v] of [['units', units], ['fromUnit', fromUnit], ['count', count]] as const) {
    if (!Number.isSafeInteger(v) || v < 0) throw new RangeError(`${label} must be an integer ≥ 0`);
  }
  if (fromUnit + count > units) throw new RangeError('unit range exceeds the number of units');
  if (units === 0) return 0;
  const cumulative = (n: number): number => {
    const base = Math.floor(totalFen / units);
    const extra = totalFen % units;
    return n * base + Math.min(n, extra);
  };
  return cumulative(fromUnit + count) - cumulative(fromUnit);
}
