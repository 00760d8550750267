/** Coupon templates (what a merchant issues) and owned coupons (what a customer holds). */
import type { EpochMs, Fen, OpenId } from '../shop/common';
import type { Scope } from './scope';

/** What a coupon takes off, measured on the in-scope lines. */
export type CouponBenefit =
  /** 无门槛券: takes amountFen off (up to what the lines may lose, see the stacking table). */
  | { kind: 'fixed'; amountFen: Fen }
  /**
   * 折扣券: takes percentOff % (1–99) of the in-scope amount, at most capFen (absent = no cap), usable when the
   * in-scope amount reaches minSpendFen (absent = 0).
   */
  | { kind: 'percentage'; percentOff: number; capFen?: Fen; minSpendFen?: Fen }
  /** 满减券: 满 thresholdFen 减 amountFen. */
  | { kind: 'threshold'; thresholdFen: Fen; amountFen: Fen };

/** How long a claimed coupon is valid. */
export type CouponValidity =
  /** The same dates for everyone: [startsAt, endsAt). */
  | { type: 'dates'; startsAt: EpochMs; endsAt: EpochMs }
  /** From the claim for `days` × 24 h: [claimedAt, claimedAt + days·86 400 000). */
  | { type: 'days_after_claim'; days: number };

/** `coupon_templates` collection. */
export interface CouponTemplate {
  _id: string;
  title: string;
  benefit: CouponBenefit;
  scope: Scope;
  validity: CouponValidity;
  /** Coupons that may ever be issued (claimed or granted); null = unlimited. */
  totalQuantity: number | null;
  /** Issued so far (maintained by conditional updates in the claim handler). */
  issuedCount: number;
  /** Most coupons of this template one customer may hold over time (≥ 1). */
  perUserLimit: number;
  /** 社群专享: claimable only from a link shared into a WeChat group (checked with the group's open id). */
  communityOnly: boolean;
  /** Community coupons: most claims per group (absent = unlimited). */
  perGroupLimit?: number;
  /** Shown in the claim centre and claimable during [claimStartsAt, claimEndsAt). */
  claimStartsAt: EpochMs;
  claimEndsAt: EpochMs;
  enabled: boolean;
  createdAt: EpochMs;
}

/**
 * Life of an owned coupon: `available` → `locked` (an unpaid order holds it) → `used` (the order was paid), or
 * `locked` → `available` (the unpaid order was cancelled); `available` → `expired` (validity ended, set by a timer;
 * the engine also treats an available coupon past validUntil as expired).
 */
export type OwnedCouponStatus = 'available' | 'locked' | 'used' | 'expired';

/** How a customer came to hold a coupon. */
export type CouponSource = 'claim' | 'grant' | 'community' | 'invite';

/** `user_coupons` collection. The template's benefit and scope are copied at issue time (later edits don't apply). */
export interface OwnedCoupon {
  _id: string;
  templateId: string;
  openid: OpenId;
  title: string;
  benefit: CouponBenefit;
  scope: Scope;
  /** Usable during [validFrom, validUntil). */
  validFrom: EpochMs;
  validUntil: EpochMs;
  status: OwnedCouponStatus;
  source: CouponSource;
  issuedAt: EpochMs;
  /** Community coupons: the group's open id it was claimed from. */
  groupId?: string;
  /** Set while locked / once used: the order holding it. */
  orderNo?: string;
  usedAt?: EpochMs;
  /** Set by the expiry timer when it marked the coupon expired. */
  expiredAt?: EpochMs;
  /** The expiring-soon reminder (set once, by a conditional update: a coupon is reminded at most once). */
  expiryReminder?: { status: 'pending' | 'sent' | 'skipped' | 'failed'; reason: string; at: EpochMs };
}
