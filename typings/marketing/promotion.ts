/** Shop-wide promotions the pricing engine applies by itself (the customer does not pick them). */
import type { EpochMs, Fen } from '../shop/common';
import type { PaidTier } from './member';
import type { Scope } from './scope';

/** One step of a 满减: when the eligible amount reaches thresholdFen, reduceFen is taken off. */
export interface ThresholdTier {
  thresholdFen: Fen;
  reduceFen: Fen;
}

/**
 * 满减 (tiered threshold reduction), e.g. 满300减30 / 满500减60, on the whole order (scope shop), a goods set or
 * categories. The highest tier whose threshold the eligible amount reaches applies (tiers do not add up).
 */
export interface FullReductionPromotion {
  _id: string;
  kind: 'full_reduction';
  title: string;
  scope: Scope;
  /** At least one tier; any order (the engine sorts them). */
  tiers: ThresholdTier[];
  /** Active during [startsAt, endsAt). */
  startsAt: EpochMs;
  endsAt: EpochMs;
  /** Switched off by the merchant. */
  enabled: boolean;
  /** Only members of this tier or higher (absent = everyone). */
  minTier?: PaidTier;
}

/** One new-user-zone price: for a goods (every SKU) or one SKU of it (a SKU-level price wins). */
export interface NewUserPriceItem {
  goodsId: string;
  skuId?: string;
  /** Price of ONE unit for a new customer. */
  priceFen: Fen;
}

/**
 * 新人专享 zone: special prices only for a customer with no paid order. One unit per customer: in one order at most
 * one unit of one listed goods gets the price (the rest of the cart pays normal prices).
 */
export interface NewUserOffer {
  _id: string;
  kind: 'new_user_price';
  title: string;
  items: NewUserPriceItem[];
  startsAt: EpochMs;
  endsAt: EpochMs;
  enabled: boolean;
}

/** An active promotion, as the engine receives it. */
export type Promotion = FullReductionPromotion | NewUserOffer;
