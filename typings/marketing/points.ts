/** Points (积分): rules, lots and the ledger. Points are non-negative integers. */
import type { EpochMs, OpenId } from '../shop/common';

/** Spending points as a deduction at checkout. */
export interface PointsDeductionRule {
  enabled: boolean;
  /** Points worth 1 yuan (100 fen), e.g. 100 → 1 point = 1 fen. Integer ≥ 1. */
  pointsPerYuan: number;
  /** At most this percent (0–100) of the goods amount (at the points step) may be paid with points. */
  maxPercentOfOrder: number;
}

/** Earning points when an order completes. */
export interface PointsEarningRule {
  /** Points per whole yuan of goods actually paid (after every discount, before shipping). Integer ≥ 0. */
  pointsPerYuan: number;
  /** Earned points expire this many days after being earned; null = never. */
  expiresAfterDays: number | null;
}

export interface PointsRules {
  deduction: PointsDeductionRule;
  earning: PointsEarningRule;
}

/**
 * Why the balance changed:
 * - `earn` (+): an order completed; creates a lot.
 * - `spend` (−): deduction at checkout or a gift exchange; consumes lots oldest first.
 * - `earn_reversal` (−): the order that earned points was refunded; takes back (at most) what that earn gave.
 * - `spend_refund` (+): an order that spent points was refunded / cancelled; returns points to the lots they came
 *   from (not to lots that have expired meanwhile).
 * - `expiry` (−): what is left of one lot when it expires.
 */
export type PointsEntryKind = 'earn' | 'spend' | 'earn_reversal' | 'spend_refund' | 'expiry';

/** How one entry moved the points of one lot (+ adds to it, − takes from it). */
export interface PointsLotMove {
  lotId: string;
  points: number;
}

/** One ledger line. The balance is always the sum of `points` over the ledger. */
export interface PointsEntry {
  /** Unique; also the idempotency key (applying an entry id twice changes nothing). */
  id: string;
  kind: PointsEntryKind;
  /** Signed change of the balance. */
  points: number;
  at: EpochMs;
  /** Human reason, e.g. `订单 2024… 完成`. */
  reason: string;
  orderNo?: string;
  /** earn_reversal / spend_refund: the entry it undoes. */
  refId?: string;
  /** earn_reversal: the points asked to be taken back (`-points` may be less when the balance was short). */
  requested?: number;
  /** earn: when the lot expires (null = never). */
  expiresAt?: EpochMs | null;
  /** Per-lot movements; they sum to `points`. An earn creates the lot `id` with one move. */
  moves: PointsLotMove[];
}

/** Points earned by one `earn` entry, with what is left of them. */
export interface PointsLot {
  /** The id of the earn entry. */
  id: string;
  earnedAt: EpochMs;
  expiresAt: EpochMs | null;
  /** Points of the earn. */
  points: number;
  /** Not yet spent, reversed or expired. */
  remaining: number;
  /** Taken back by earn_reversal entries so far. */
  reversed: number;
}

/** A customer's points, as rebuilt from the ledger. Invariant: balance = Σ entries.points = Σ lots.remaining. */
export interface PointsAccount {
  openid?: OpenId;
  balance: number;
  lots: PointsLot[];
  entries: PointsEntry[];
}

/** `points_gifts`: a gift customers exchange points for. */
export interface PointsGiftDoc {
  _id: string;
  title: string;
  /** Cloud file id or URL ('' = none). */
  image: string;
  description: string;
  /** Integer ≥ 1. */
  pointsCost: number;
  /** Units left (changed only inside the exchange transaction). */
  stock: number;
  enabled: boolean;
  /** Ascending display order. */
  sort: number;
}

/** `points_exchanges/<openid>:<requestId>`: one exchange (its id makes a retried request count once). */
export interface PointsExchangeDoc {
  _id: string;
  openid: OpenId;
  requestId: string;
  giftId: string;
  title: string;
  pointsCost: number;
  /** The ledger entry (`exchange:<requestId>`). */
  entryId: string;
  status: 'done';
  at: EpochMs;
}
