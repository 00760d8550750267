/**
 * Shared shapes of the marketing contract: which goods a promotion or coupon covers, and validity windows.
 * Money is integer fen, time is epoch milliseconds (see typings/shop/common.ts).
 */
import type { EpochMs } from '../shop/common';

/** Which cart lines a promotion or coupon applies to. */
export type Scope =
  /** Every goods of the shop. */
  | { type: 'shop' }
  /** Goods whose `categoryId` is listed. */
  | { type: 'categories'; categoryIds: string[] }
  /** The listed goods (a "goods set"). */
  | { type: 'goods'; goodsIds: string[] };

/** Half-open time window [startsAt, endsAt). */
export interface TimeWindow {
  startsAt: EpochMs;
  endsAt: EpochMs;
}
