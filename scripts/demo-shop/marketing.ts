/**
 * The demo shop's marketing: what a café owner would run on opening day, so every marketing page has something to
 * show on `npm start` — coupon templates in the claim centre (无门槛, 满减券, 折扣券 with a cap, one per category),
 * a community-only coupon with a per-group cap, the invite campaign's two reward templates, a tiered 满减 on the
 * whole shop and one on coffee beans, a new-user zone, and the demo customers' own coupons (available, expiring
 * soon, expired; none marked used, since no demo order was priced with a coupon). Issued coupons use the claim handler's slot ids and each template's
 * `issuedCount` is the number of coupons seeded for it, so the limits hold from the first claim on.
 */
import type { CouponTemplate, OwnedCoupon } from '../../typings/marketing/coupon';
import type { InviteCampaign } from '../../typings/marketing/growth';
import type { Promotion } from '../../typings/marketing/promotion';
import { issueCoupon } from '../../server/domain/pricing/coupon-issue';
import { couponSlotId } from '../../server/marketing/issue-coupon';

const DAY = 86_400_000;

export interface DemoMarketing {
  coupon_templates: CouponTemplate[];
  promotions: Promotion[];
  campaigns: InviteCampaign[];
  user_coupons: OwnedCoupon[];
}

function templates(now: number): CouponTemplate[] {
  const base = { issuedCount: 0, perUserLimit: 1, communityOnly: false, claimStartsAt: now - 7 * DAY, claimEndsAt: now + 60 * DAY, enabled: true, createdAt: now - 7 * DAY };
  return [
    { ...base, _id: 'tpl-welcome-5', title: '新店开业 无门槛5元券', benefit: { kind: 'fixed', amountFen: 500 }, scope: { type: 'shop' }, validity: { type: 'days_after_claim', days: 7 }, totalQuantity: 500 },
    { ...base, _id: 'tpl-50-8', title: '满50减8', benefit: { kind: 'threshold', thresholdFen: 5000, amountFen: 800 }, scope: { type: 'shop' }, validity: { type: 'days_after_claim', days: 14 }, totalQuantity: 300, perUserLimit: 2 },
    { ...base, _id: 'tpl-bread-88', title: '面包 88 折券', benefit: { kind: 'percentage', percentOff: 12, capFen: 1000 }, scope: { type: 'categories', categoryIds: ['c-bread'] }, validity: { type: 'dates', startsAt: now - 7 * DAY, endsAt: now + 30 * DAY }, totalQuantity: null },
    { ...base, _id: 'tpl-dessert-10', title: '甜点满60减10', benefit: { kind: 'threshold', thresholdFen: 6000, amountFen: 1000 }, scope: { type: 'categories', categoryIds: ['c-dessert'] }, validity: { type: 'days_after_claim', days: 10 }, totalQuantity: 200 },
    { ...base, _id: 'tpl-group-10', title: '社群专享 满30减10', benefit: { kind: 'threshold', thresholdFen: 3000, amountFen: 1000 }, scope: { type: 'shop' }, validity: { type: 'days_after_claim', days: 7 }, totalQuantity: 1000, communityOnly: true, perGroupLimit: 50 },
    // invite rewards: granted by the campaign, not claimable (claim window closed)
    { ...base, _id: 'tpl-invite-inviter', title: '邀请有礼 无门槛10元券', benefit: { kind: 'fixed', amountFen: 1000 }, scope: { type: 'shop' }, validity: { type: 'days_after_claim', days: 30 }, totalQuantity: null, perUserLimit: 20, claimStartsAt: now - 7 * DAY, claimEndsAt: now - 7 * DAY },
    { ...base, _id: 'tpl-invite-invitee', title: '好友专享 满20减8', benefit: { kind: 'threshold', thresholdFen: 2000, amountFen: 800 }, scope: { type: 'shop' }, validity: { type: 'days_after_claim', days: 14 }, totalQuantity: null, claimStartsAt: now - 7 * DAY, claimEndsAt: now - 7 * DAY },
  ];
}

function promotions(now: number): Promotion[] {
  return [
    {
      _id: 'promo-shop-fr',
      kind: 'full_reduction',
      title: '全场满100减10，满200减25',
      scope: { type: 'shop' },
      tiers: [
        { thresholdFen: 10_000, reduceFen: 1000 },
        { thresholdFen: 20_000, reduceFen: 2500 },
      ],
      startsAt: now - 7 * DAY,
      endsAt: now + 30 * DAY,
      enabled: true,
    },
    {
      _id: 'promo-beans-fr',
      kind: 'full_reduction',
      title: '咖啡豆满150减20',
      scope: { type: 'categories', categoryIds: ['c-beans'] },
      tiers: [{ thresholdFen: 15_000, reduceFen: 2000 }],
      startsAt: now - 7 * DAY,
      endsAt: now + 30 * DAY,
      enabled: true,
    },
    {
      _id: 'promo-new-user',
      kind: 'new_user_price',
      title: '新人专享 首单特价',
      items: [
        { goodsId: 'g-americano', priceFen: 990 },
        { goodsId: 'g-croissant', priceFen: 600 },
        { goodsId: 'g-latte', priceFen: 1290 },
      ],
      startsAt: now - 7 * DAY,
      endsAt: now + 60 * DAY,
      enabled: true,
    },
  ];
}

/**
 * The demo customers' coupons: the first customer holds an available 5 元 coupon, a 满50减8 that ends tomorrow
 * (the expiring-soon reminder's case) and an expired one; the others hold a
 * 满50减8 each.
 */
function ownedCoupons(tpls: CouponTemplate[], customers: readonly string[], now: number): OwnedCoupon[] {
  const tpl = (id: string) => tpls.find((t) => t._id === id)!;
  const out: OwnedCoupon[] = [];
  const give = (templateId: string, openid: string, n: number, issuedAt: number, over: Partial<OwnedCoupon> = {}) => {
    const coupon = issueCoupon(tpl(templateId), { id: couponSlotId(templateId, openid, n), openid, issuedAt, source: 'claim' });
    out.push({ ...coupon, ...over });
  };
  const [first, ...others] = customers;
  if (first) {
    give('tpl-welcome-5', first, 1, now - 2 * DAY);
    give('tpl-50-8', first, 1, now - 13 * DAY); // 14 days after claiming: ends tomorrow
    give('tpl-dessert-10', first, 1, now - 20 * DAY, { status: 'expired' });
  }
  others.forEach((openid) => give('tpl-50-8', openid, 1, now - 3 * DAY));
  return out;
}

export function demoMarketing(opts: { now: number; customers: readonly string[] }): DemoMarketing {
  const tpls = templates(opts.now);
  const user_coupons = ownedCoupons(tpls, opts.customers, opts.now);
  for (const t of tpls) t.issuedCount = user_coupons.filter((c) => c.templateId === t._id).length;
  return {
    coupon_templates: tpls,
    promotions: promotions(opts.now),
    campaigns: [{ _id: 'invite', enabled: true, inviterTemplateId: 'tpl-invite-inviter', inviteeTemplateId: 'tpl-invite-invitee', updatedAt: opts.now - 7 * DAY }],
    user_coupons,
  };
}
