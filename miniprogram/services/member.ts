/** The `member` function (member centre, points ledger and gifts, member zone), as pages use it. */
import type { ExchangeResult, GiftView, LedgerPage, MemberCentre, ZoneGoods } from '../../typings/api/member';
import type { MemberTier } from '../../typings/marketing/member';
import type { PointsEntryKind } from '../../typings/marketing/points';
import type { ShopPricingRules } from '../../typings/marketing/pricing';
import { callCloud } from './cloud';

export function memberCentre(): Promise<MemberCentre> {
  return callCloud('member', 'member.centre', {});
}

export function pointsLedger(page: number): Promise<LedgerPage> {
  return callCloud('member', 'points.ledger', { page });
}

export function pointsGifts(): Promise<{ gifts: GiftView[]; balance: number }> {
  return callCloud('member', 'points.gifts', {});
}

export function exchangeGift(giftId: string, requestId: string): Promise<ExchangeResult> {
  return callCloud('member', 'points.exchange', { giftId, requestId });
}

export function memberZone(): Promise<{ tier: MemberTier; goods: ZoneGoods[] }> {
  return callCloud('member', 'zone.goods', {});
}

/** A fresh id for one exchange tap (a retry of the same tap reuses it, so it counts once). */
export function newRequestId(now: number = Date.now(), random: () => number = Math.random): string {
  return `x${now.toString(36)}${Math.floor(random() * 36 ** 6).toString(36).padStart(6, '0')}`;
}

export const ENTRY_KIND_TEXT: Record<PointsEntryKind, string> = {
  earn: '获得',
  spend: '使用',
  earn_reversal: '退款扣回',
  spend_refund: '退还',
  expiry: '过期',
};

/** `+120` / `-50`. */
export function pointsText(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** Staff: the shop's pricing rules (tiers, points, line floor). */
export function getPricingRules(): Promise<{ rules: ShopPricingRules }> {
  return callCloud('member', 'rules.get', {});
}

/** Owner: saves the rules (INVALID_INPUT names the first problem). */
export function savePricingRules(rules: ShopPricingRules): Promise<{ rules: ShopPricingRules }> {
  return callCloud('member', 'rules.set', { rules });
}
