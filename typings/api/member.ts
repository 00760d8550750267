/**
 * Contract of the `member` cloud function: the member centre (tier, progress, benefits, points), the points
 * ledger, points gifts and their exchange, and the member zone. The caller is always the customer (openid from the
 * platform); tier and points are computed on the server only (server/member, server/domain/member).
 */
import type { ActionSpec } from '../envelope';
import type { EpochMs, Fen } from '../shop/common';
import type { GoodsCard } from './catalogue';
import type { MemberTier, MemberTierDef, PaidTier } from '../marketing/member';
import type { PointsEntry } from '../marketing/points';
import type { ShopPricingRules } from '../marketing/pricing';

export interface TierView extends MemberTierDef {
  /** The caller's tier. */
  current: boolean;
  /** At or below the caller's tier. */
  reached: boolean;
  /** What it gives, in words (e.g. `会员价 95 折`, `积分 1.5 倍`). */
  benefits: string[];
}

export interface MemberCentre {
  tier: MemberTier;
  /** '' for tier 0. */
  tierName: string;
  lifetimePoints: number;
  lifetimeSpendFen: Fen;
  /** Points spendable now. */
  balance: number;
  /** Points of lots expiring within 30 days, and the first such expiry (null = none). */
  expiringSoon: { points: number; at: EpochMs } | null;
  progress: {
    next: { tier: PaidTier; name: string } | null;
    pointsToNext: number | null;
    spendToNextFen: Fen | null;
    /** 0–100 (100 at the top tier). */
    percent: number;
    /** In words, e.g. `再消费 120 元或再得 300 积分升级为金卡`. */
    text: string;
  };
  /** What the caller's tier gives (empty for tier 0). */
  benefits: string[];
  tiers: TierView[];
  /** How points work in this shop, in words. */
  pointsRules: string[];
}

/** One ledger line as the points page shows it: the stored entry without its lot movements and undo links. */
export type LedgerEntryView = Pick<PointsEntry, 'id' | 'kind' | 'points' | 'at' | 'reason' | 'orderNo' | 'expiresAt'>;

export interface LedgerPage {
  entries: LedgerEntryView[];
  /** Points spendable now: Σ of the ledger once lots past their expiry are expired (the next write or the daily timer writes those expiry entries). */
  balance: number;
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface GiftView {
  giftId: string;
  title: string;
  image: string;
  description: string;
  pointsCost: number;
  stock: number;
  canExchange: boolean;
  /** canExchange false: why. */
  reason?: 'SOLD_OUT' | 'NOT_ENOUGH_POINTS';
}

export interface ExchangeResult {
  giftId: string;
  title: string;
  pointsCost: number;
  at: EpochMs;
  /** Balance after the exchange. */
  balance: number;
  /** The same requestId was exchanged before: nothing new was spent. */
  duplicate: boolean;
}

export interface ZoneGoods extends GoodsCard {
  minTier: PaidTier;
  /** Name of the tier needed. */
  tierName: string;
  /** The caller's tier is below minTier (shown locked; checkout refuses it with MEMBER_ONLY). */
  locked: boolean;
}

export type MemberActions = {
  /** The caller's member centre. UNAUTHENTICATED without an openid. */
  'member.centre': ActionSpec<Record<string, never>, MemberCentre>;
  /** The caller's ledger, newest first; `page` counts from 0. */
  'points.ledger': ActionSpec<{ page?: number }, LedgerPage>;
  /** Enabled gifts in display order, with whether the caller can exchange each now. */
  'points.gifts': ActionSpec<Record<string, never>, { gifts: GiftView[]; balance: number }>;
  /**
   * Exchanges points for one unit of a gift, in one transaction (stock − 1, ledger spend `exchange:<requestId>`,
   * exchange record). `requestId` (8–64 characters, chosen by the client per tap) makes a retry count once.
   * NOT_FOUND unknown / disabled gift; OUT_OF_STOCK none left; INSUFFICIENT_POINTS too few points. Nothing changes
   * on a refusal.
   */
  'points.exchange': ActionSpec<{ giftId: string; requestId: string }, ExchangeResult>;
  /** The member zone: on-shelf goods with a minTier, locked for a lower tier. */
  'zone.goods': ActionSpec<Record<string, never>, { tier: MemberTier; goods: ZoneGoods[] }>;
  /** Staff: the shop's pricing rules (tiers, points, line floor). */
  'rules.get': ActionSpec<Record<string, never>, { rules: ShopPricingRules }>;
  /** Staff (owner): saves the pricing rules; INVALID_INPUT names the first problem. */
  'rules.set': ActionSpec<{ rules: ShopPricingRules }, { rules: ShopPricingRules }>;
};
