/** Member tiers (会员等级). */
import type { Fen } from '../shop/common';

/** A member's level: 0 = not a member, 1–3 = member tiers (3 highest). */
export type MemberTier = 0 | 1 | 2 | 3;

/** A tier a member can reach. */
export type PaidTier = 1 | 2 | 3;

/** What one tier gives and how it is reached (reached when EITHER threshold is met). */
export interface MemberTierDef {
  tier: PaidTier;
  /** Display name, e.g. 银卡. */
  name: string;
  /** Member price: percent taken off every eligible goods line, 0–99 (5 = 95折). */
  percentOff: number;
  /** Points earned are multiplied by this percent (100 = ×1, 150 = ×1.5). Integer ≥ 0. */
  pointsMultiplierPercent: number;
  /** Reached when lifetime earned points reach this (absent = not by points). */
  reachPoints?: number;
  /** Reached when lifetime paid goods amount reaches this (absent = not by spend). */
  reachSpendFen?: Fen;
}
