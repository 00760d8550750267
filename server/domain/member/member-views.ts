/** What the member centre and the points pages show, built from an account and the shop's rules (pure). */
import type { LedgerEntryView, MemberCentre, TierView } from '../../../typings/api/member';
import type { MemberDoc, MemberTierDef } from '../../../typings/marketing/member';
import type { PointsEntry } from '../../../typings/marketing/points';
import type { ShopPricingRules } from '../../../typings/marketing/pricing';
import type { EpochMs } from '../../../typings/shop/common';
import { isLive } from '../pricing/points-ledger';
import { definitionOf, tierProgress } from './member-account';

const DAY = 86_400_000;
export const EXPIRING_SOON_MS = 30 * DAY;

function yuan(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

/** 5 → `95 折`, 12 → `88 折`, 50 → `5 折`. */
export function discountText(percentOff: number): string {
  const rest = 100 - percentOff;
  return `${rest % 10 === 0 ? rest / 10 : rest} 折`;
}

export function tierBenefits(t: MemberTierDef): string[] {
  const out: string[] = [];
  if (t.percentOff > 0) out.push(`会员价 ${discountText(t.percentOff)}`);
  if (t.pointsMultiplierPercent !== 100) out.push(`积分 ${t.pointsMultiplierPercent / 100} 倍`);
  out.push(`可购买${t.name}专区商品`);
  return out;
}

export function pointsRuleTexts(rules: ShopPricingRules): string[] {
  const { deduction, earning } = rules.points;
  const out: string[] = [];
  if (earning.pointsPerYuan > 0) {
    out.push(`订单完成后每消费 1 元得 ${earning.pointsPerYuan} 积分（会员按等级倍数）`);
    out.push(earning.expiresAfterDays === null ? '积分永久有效' : `积分自获得起 ${earning.expiresAfterDays} 天内有效`);
  }
  if (deduction.enabled && deduction.maxPercentOfOrder > 0) {
    out.push(`下单时 ${deduction.pointsPerYuan} 积分抵 1 元，最多抵扣商品金额的 ${deduction.maxPercentOfOrder}%`);
  }
  out.push('退款时扣回该订单获得的积分，退还该订单使用的积分');
  return out;
}

export function memberCentreView(member: MemberDoc, rules: ShopPricingRules, now: EpochMs): MemberCentre {
  const def = definitionOf(rules.tiers, member.tier);
  const progress = tierProgress(rules.tiers, member);
  const live = member.lots.filter((l) => l.remaining > 0 && isLive(l, now));
  const soon = live.filter((l) => l.expiresAt !== null && l.expiresAt - now <= EXPIRING_SOON_MS);
  const tiers: TierView[] = [...rules.tiers]
    .sort((a, b) => a.tier - b.tier)
    .map((t) => ({ ...t, current: t.tier === member.tier, reached: t.tier <= member.tier, benefits: tierBenefits(t) }));
  const view: MemberCentre = {
    tier: member.tier,
    tierName: def?.name ?? '',
    lifetimePoints: member.lifetimePoints,
    lifetimeSpendFen: member.lifetimeSpendFen,
    balance: live.reduce((a, l) => a + l.remaining, 0),
    expiringSoon: soon.length
      ? { points: soon.reduce((a, l) => a + l.remaining, 0), at: Math.min(...soon.map((l) => l.expiresAt as number)) }
      : null,
    progress: {
      next: progress.next ? { tier: progress.next.tier, name: progress.next.name } : null,
      pointsToNext: progress.pointsToNext,
      spendToNextFen: progress.spendToNextFen,
      percent: progress.percent,
      text: '',
    },
    benefits: def ? tierBenefits(def) : [],
    tiers,
    pointsRules: pointsRuleTexts(rules),
  };
  view.progress.text = progressText(view);
  return view;
}

/** How far to the next tier, in words (e.g. `再消费 120 元或再得 300 积分升级为金卡`). */
export function progressText(view: Pick<MemberCentre, 'progress'>): string {
  const { next, pointsToNext, spendToNextFen } = view.progress;
  if (!next) return '已是最高等级';
  const ways: string[] = [];
  if (spendToNextFen !== null) ways.push(`再消费 ${yuan(spendToNextFen)} 元`);
  if (pointsToNext !== null) ways.push(`再得 ${pointsToNext} 积分`);
  return `${ways.join('或')}升级为${next.name}`;
}

export function ledgerEntryView(e: PointsEntry): LedgerEntryView {
  return {
    id: e.id,
    kind: e.kind,
    points: e.points,
    at: e.at,
    reason: e.reason,
    ...(e.orderNo !== undefined ? { orderNo: e.orderNo } : {}),
    ...(e.kind === 'earn' ? { expiresAt: e.expiresAt ?? null } : {}),
  };
}
