/**
 * `allocate` from money.ts (largest remainder, ties to the lower index, all-zero weights split evenly) computed with
 * plain numbers when every product total × weight is a safe integer — then the arithmetic is exact and the result
 * identical — and with money.allocate (BigInt) otherwise. The engine spreads amounts many times per quote.
 */
import type { Fen } from '../../../typings/shop/common';
import { allocate } from '../money';

export function spread(totalFen: Fen, weights: readonly number[]): Fen[] {
  let sumW = 0;
  let maxW = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) return allocate(totalFen, weights); // let allocate throw
    sumW += w;
    if (w > maxW) maxW = w;
  }
  if (!Number.isSafeInteger(totalFen) || totalFen < 0 || weights.length === 0 || sumW === 0) return allocate(totalFen, weights);
  if (totalFen * maxW > Number.MAX_SAFE_INTEGER || !Number.isSafeInteger(sumW)) return allocate(totalFen, weights);
  const parts = new Array<number>(weights.length);
  const rems = new Array<number>(weights.length);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const product = totalFen * weights[i];
    rems[i] = product % sumW;
    parts[i] = (product - rems[i]) / sumW;
    given += parts[i];
  }
  let left = totalFen - given;
  if (left > 0) {
    const order = weights.map((_, i) => i).sort((a, b) => rems[b] - rems[a] || a - b);
    for (const i of order) {
      if (left === 0) break;
      parts[i] += 1;
      left -= 1;
    }
  }
  return parts;
}
