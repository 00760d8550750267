/**
 * Input and output of the pricing engine (server/domain/pricing). The stacking rules (which discounts combine, in
 * which order, the floors) are documented in server/domain/pricing/stacking.ts.
 */
import type { EpochMs, Fen, OpenId } from '../shop/common';
import type { OwnedCoupon } from './coupon';
import type { MemberTier, MemberTierDef, PaidTier } from './member';
import type { PointsRules } from './points';
import type { Promotion } from './promotion';

/** The kinds of discount, in stacking order. */
export type DiscountKind = 'new_user_price' | 'member_price' | 'full_reduction' | 'coupon' | 'points';

/** One cart line as the engine sees it (prices from the server's documents). */
export interface PricingLine {
  skuId: string;
  goodsId: string;
  categoryId: string;
  unitPriceFen: Fen;
  /** Integer ≥ 1. */
  quantity: number;
  /** The lowest unit price this SKU may reach after every discount (e.g. its cost); absent = 0. */
  floorUnitFen?: Fen;
  /** Member-only goods: only customers of this tier or higher may buy it. */
  minTier?: PaidTier;
  /** The member price does not apply to this goods. */
  noMemberDiscount?: boolean;
}

export interface PricingCustomer {
  openid: OpenId;
  tier: MemberTier;
  /** Has no paid order (may use the new-user zone). */
  isNew: boolean;
  /** Current points balance. */
  pointsBalance: number;
  /** The coupons the customer holds (any status; others' coupons are refused with NOT_OWNER). */
  coupons: readonly OwnedCoupon[];
}

/** The shop's pricing settings. */
export interface ShopPricingRules {
  /** Tier definitions (a tier missing here gives no member price and ×1 points). */
  tiers: readonly MemberTierDef[];
  points: PointsRules;
  /** Every line keeps at least this percent (0–100) of its list amount after every discount. */
  lineFloorPercent: number;
}

/** The customer's coupon pick: let the engine choose, none, or one owned coupon. */
export type CouponChoice = 'best' | 'none' | { couponId: string };

/** Points: let the engine choose, don't use points, or use as many as allowed. */
export type PointsChoice = 'best' | 'none' | 'max';

export interface PricingChoice {
  coupon: CouponChoice;
  points: PointsChoice;
}

export interface PricingInput {
  lines: readonly PricingLine[];
  customer: PricingCustomer;
  /** Promotions the shop runs (the engine checks enabled / dates / tier itself). */
  promotions: readonly Promotion[];
  rules: ShopPricingRules;
  choice: PricingChoice;
  now: EpochMs;
}

/** One legal way of stacking discounts on a cart. */
export interface Combination {
  /** The line (index into input.lines) one unit of which gets the new-user price, and the offer giving it. */
  newUser: { lineIndex: number; offerId: string } | null;
  /** The member price is applied. */
  memberPrice: boolean;
  /** The 满减 promotion applied (at most one per order). */
  fullReductionId: string | null;
  /** The coupon applied (at most one per order). */
  couponId: string | null;
  /** Points are used as a deduction (as many as allowed). */
  usePoints: boolean;
}

/** A discount the engine applied. */
export interface AppliedDiscount {
  kind: DiscountKind;
  /** Offer / promotion / coupon id; `tier-N` for the member price; `points` for the deduction. */
  sourceId: string;
  /** Stacking step (1 price, 2 满减, 3 coupon, 4 points). */
  step: number;
  /** Text shown at checkout, e.g. `满300减30`. */
  reason: string;
  amountFen: Fen;
  /** One share per input line; sums to amountFen exactly. */
  lineShares: Fen[];
}

export interface PricedLineResult {
  skuId: string;
  goodsId: string;
  unitPriceFen: Fen;
  quantity: number;
  /** unitPriceFen × quantity */
  lineTotalFen: Fen;
  /** The least this line may cost after discounts (see the stacking table). */
  floorFen: Fen;
  discountFen: Fen;
  /** lineTotalFen − discountFen ≥ floorFen */
  payFen: Fen;
  /** This line's share of each applied discount (non-zero shares only). */
  shares: { kind: DiscountKind; sourceId: string; amountFen: Fen }[];
}

/** Why a promotion, coupon, the member price or points did not apply. */
export type NotAppliedCode =
  | 'DISABLED'
  | 'NOT_STARTED'
  | 'EXPIRED'
  | 'NOT_OWNER'
  | 'LOCKED'
  | 'USED'
  | 'WRONG_SCOPE'
  | 'BELOW_THRESHOLD'
  | 'NOT_NEW_USER'
  | 'TIER_TOO_LOW'
  | 'NO_BENEFIT'
  | 'ONE_PER_CUSTOMER'
  | 'ONE_PER_ORDER'
  | 'FLOOR_REACHED'
  | 'NO_POINTS'
  | 'NOT_SELECTED'
  | 'NOT_BEST';

export interface NotApplied {
  kind: DiscountKind;
  sourceId: string;
  title: string;
  code: NotAppliedCode;
  message: string;
  /** BELOW_THRESHOLD: how much more in-scope goods would reach the (lowest) threshold. */
  missingFen?: Fen;
  /** TIER_TOO_LOW: the tier needed. */
  requiredTier?: PaidTier;
}

/** One owned coupon as the checkout coupon picker shows it. */
export interface CouponOption {
  couponId: string;
  title: string;
  validUntil: EpochMs;
  /** Some legal combination uses it (with the customer's points choice). */
  usable: boolean;
  /** Unusable: why. */
  code?: NotAppliedCode;
  message?: string;
  missingFen?: Fen;
  /** This coupon's own discount in the best combination that uses it (0 when unusable). */
  valueFen: Fen;
  /** Goods amount to pay in that combination (null when unusable). */
  payFen: Fen | null;
  /** The engine's recommendation. */
  recommended: boolean;
  /** In the priced combination. */
  selected: boolean;
}

/** A line the customer may not buy. */
export interface LineBlock {
  lineIndex: number;
  skuId: string;
  goodsId: string;
  code: 'MEMBER_ONLY';
  requiredTier: PaidTier;
}

/** The customer's explicit coupon pick could not be honoured (the quote is priced without it). */
export interface ChoiceProblem {
  couponId: string;
  code: NotAppliedCode;
  message: string;
}

export interface PointsOutcome {
  balance: number;
  /** Points spent by the deduction. */
  used: number;
  deductFen: Fen;
  /** Points this order would earn when it completes (tier multiplier included). */
  earned: number;
}

/** The engine's answer. Goods only: shipping is added by the quote (server/domain/quote.ts). */
export interface PricedQuote {
  lines: PricedLineResult[];
  /** Σ lineTotalFen */
  goodsFen: Fen;
  /** Σ discounts (= goodsFen − payFen) */
  discountFen: Fen;
  /** What the customer pays for goods: never negative, ≥ 1 when goodsFen ≥ 1, each line ≥ its floor. */
  payFen: Fen;
  /** In stacking order. Discounts that came to 0 are left out. */
  discounts: AppliedDiscount[];
  /** The priced combination (the customer's choice, the rest chosen by the engine). */
  combination: Combination;
  /** The engine's best combination over every legal choice (what the picker marks as recommended). */
  recommended: { combination: Combination; payFen: Fen };
  points: PointsOutcome;
  notApplied: NotApplied[];
  couponOptions: CouponOption[];
  blocked: LineBlock[];
  choiceProblem: ChoiceProblem | null;
  /** No blocked line and no choice problem: an order may be placed from this quote. */
  ok: boolean;
  pricedAt: EpochMs;
}
