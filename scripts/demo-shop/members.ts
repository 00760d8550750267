/**
 * The demo shop's member programme: its pricing rules (three tiers, points earned at 1 per yuan and spent at
 * 100 per yuan up to 20 % of an order, a 50 % line floor), the member-zone goods, the points gifts, and each demo
 * customer's member account — built with the real pure modules (a welcome bonus, then what each completed demo
 * order earned at its completion), so the seeded ledgers are sound.
 */
import type { MemberDoc } from '../../typings/marketing/member';
import type { PointsGiftDoc } from '../../typings/marketing/points';
import type { ShopPricingRules } from '../../typings/marketing/pricing';
import type { OrderDoc } from '../../typings/shop/order';
import { applyMemberOps, emptyMember } from '../../server/domain/member/member-account';
import { orderPointsOps } from '../../server/domain/member/order-points';

const DAY = 86_400_000;

export const DEMO_PRICING_RULES: ShopPricingRules = {
  tiers: [
    { tier: 1, name: '银卡', percentOff: 5, pointsMultiplierPercent: 120, reachPoints: 1000, reachSpendFen: 50_000 },
    { tier: 2, name: '金卡', percentOff: 10, pointsMultiplierPercent: 150, reachPoints: 5000, reachSpendFen: 200_000 },
    { tier: 3, name: '黑卡', percentOff: 15, pointsMultiplierPercent: 200, reachPoints: 20_000, reachSpendFen: 800_000 },
  ],
  points: {
    deduction: { enabled: true, pointsPerYuan: 100, maxPercentOfOrder: 20 },
    earning: { pointsPerYuan: 1, expiresAfterDays: 365 },
  },
  lineFloorPercent: 50,
};

/** Member-zone goods: goods id → the tier needed. */
export const DEMO_MEMBER_ZONE: Record<string, 1 | 2 | 3> = {
  'g-beans-yunnan': 1,
  'g-dripbag': 2,
};

export function demoGifts(): PointsGiftDoc[] {
  return [
    { _id: 'gift-sticker', title: '店标贴纸一套', image: '', description: '6 枚防水贴纸，贴在随行杯上正好。', pointsCost: 100, stock: 200, enabled: true, sort: 10 },
    { _id: 'gift-dripbag', title: '挂耳咖啡 1 包', image: '', description: '当季单品挂耳一包，到店自取。', pointsCost: 300, stock: 50, enabled: true, sort: 20 },
    { _id: 'gift-mug', title: '店标陶瓷马克杯', image: '', description: '手工上釉陶瓷杯，350ml，限量。', pointsCost: 3000, stock: 5, enabled: true, sort: 30 },
  ];
}

const WELCOME: Record<string, number> = { 'demo-customer': 900, 'demo-customer-2': 200 };

/** Each customer's account: a welcome bonus (opening day), then each completed order's earn at its completion. */
export function demoMembers(customers: readonly string[], orders: readonly OrderDoc[], now: number): MemberDoc[] {
  return customers.map((openid) => {
    const opened = now - 60 * DAY;
    let member = emptyMember(openid, opened);
    const welcome = WELCOME[openid] ?? 0;
    if (welcome > 0) {
      member = applyMemberOps(member, [{ kind: 'earn', id: 'earn:welcome', points: welcome, expiresAt: opened + 365 * DAY, reason: '开卡礼' }], DEMO_PRICING_RULES, opened).member;
    }
    const done = orders
      .filter((o) => o.openid === openid && o.status === 'completed')
      .map((o) => ({ o, at: o.log.find((e) => e.to === 'completed')?.at ?? o.createdAt, from: o.log.find((e) => e.to === 'completed')?.from ?? 'paid' }))
      .sort((a, b) => a.at - b.at);
    for (const { o, at, from } of done) {
      member = applyMemberOps(member, orderPointsOps(o, from ?? 'paid', member, DEMO_PRICING_RULES, at), DEMO_PRICING_RULES, at).member;
    }
    return member;
  });
}
