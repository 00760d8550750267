/** Member tiers (会员等级). */
import type { Fen } from '../shop/common';
import type { PointsEntry, PointsLot } from './points';

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

/**
 * Spend that counts toward the tier: + when an order completes (goods actually paid, net of earlier refunds),
 * − when a completed order is refunded afterwards. The id is the idempotency key (`complete:<orderNo>`,
 * `refund:<orderNo>:<refundNo>`).
 */
export interface SpendFact {
  id: string;
  orderNo: string;
  fen: Fen;
  at: number;
}

/**
 * `members/<openid>`: a customer's member account. The points ledger lives in it (entries + lots), so one
 * transaction changes balance, ledger and totals together; every derived field is recomputed from the arrays on
 * each write (server/domain/member/member-account.ts):
 *   balance = Σ entries.points = Σ lots.remaining ≥ 0;  lifetimePoints = Σ earn + Σ earn_reversal;
 *   lifetimeSpendFen = Σ spendFacts.fen;  tier = the highest tier those totals reach (computed on the server only).
 */
export interface MemberDoc {
  _id: string;
  tier: MemberTier;
  lifetimePoints: number;
  lifetimeSpendFen: Fen;
  balance: number;
  lots: PointsLot[];
  entries: PointsEntry[];
  spendFacts: SpendFact[];
  /** Soonest expiry of a lot that still holds points (null = none): the expiry timer's index. */
  nextExpiryAt: number | null;
  createdAt: number;
  updatedAt: number;
}
