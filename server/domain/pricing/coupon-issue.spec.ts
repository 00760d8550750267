import type { CouponTemplate } from '../../../typings/marketing/coupon';
import { couponValidity, DAY_MS, issueCoupon, issueRefusal } from './coupon-issue';

const T = 1_750_000_000_000;

function template(overrides: Partial<CouponTemplate> = {}): CouponTemplate {
  return {
    _id: 'tpl',
    title: '满100减10',
    benefit: { kind: 'threshold', thresholdFen: 10000, amountFen: 1000 },
    scope: { type: 'categories', categoryIds: ['c1'] },
    validity: { type: 'days_after_claim', days: 7 },
    totalQuantity: 30,
    issuedCount: 0,
    perUserLimit: 1,
    communityOnly: false,
    claimStartsAt: T - DAY_MS,
    claimEndsAt: T + DAY_MS,
    enabled: true,
    createdAt: T - 2 * DAY_MS,
    ...overrides,
  };
}

const claim = { now: T, source: 'claim' as const, heldByUser: 0 };

describe('coupon validity', () => {
  it('is N days from the claim, or the template dates', () => {
    expect(couponValidity(template(), T)).toEqual({ validFrom: T, validUntil: T + 7 * DAY_MS });
    expect(couponValidity(template({ validity: { type: 'dates', startsAt: 1, endsAt: 2 } }), T)).toEqual({ validFrom: 1, validUntil: 2 });
  });
});

describe('issueRefusal', () => {
  it('lets a customer claim within the window and limits', () => {
    expect(issueRefusal(template(), claim)).toBeNull();
  });

  it('refuses with the reason', () => {
    expect(issueRefusal(template({ enabled: false }), claim)).toBe('DISABLED');
    expect(issueRefusal(template({ claimStartsAt: T + 1 }), claim)).toBe('NOT_STARTED');
    expect(issueRefusal(template({ claimEndsAt: T }), claim)).toBe('ENDED');
    expect(issueRefusal(template({ issuedCount: 30 }), claim)).toBe('SOLD_OUT');
    expect(issueRefusal(template({ totalQuantity: null, issuedCount: 1e6 }), claim)).toBeNull();
    expect(issueRefusal(template(), { ...claim, heldByUser: 1 })).toBe('PER_USER_LIMIT');
  });

  it('community coupons need a group, and respect the per-group cap', () => {
    const community = template({ communityOnly: true, perGroupLimit: 2 });
    expect(issueRefusal(community, claim)).toBe('COMMUNITY_ONLY');
    expect(issueRefusal(community, { ...claim, source: 'community' })).toBe('COMMUNITY_ONLY');
    expect(issueRefusal(community, { ...claim, source: 'community', groupId: 'g1', claimedInGroup: 1 })).toBeNull();
    expect(issueRefusal(community, { ...claim, source: 'community', groupId: 'g1', claimedInGroup: 2 })).toBe('GROUP_LIMIT');
    expect(issueRefusal(template(), { ...claim, source: 'community', groupId: 'g1' })).toBe('COMMUNITY_ONLY');
  });

  it('grants skip the claim window and community rule, not the quantities', () => {
    const grant = { ...claim, source: 'grant' as const };
    expect(issueRefusal(template({ claimEndsAt: T - 1, communityOnly: true }), grant)).toBeNull();
    expect(issueRefusal(template({ issuedCount: 30 }), grant)).toBe('SOLD_OUT');
  });
});

describe('issueCoupon', () => {
  it('copies the benefit and scope and computes validity', () => {
    const tpl = template();
    const c = issueCoupon(tpl, { id: 'uc1', openid: 'o1', issuedAt: T, source: 'community', groupId: 'g1' });
    expect(c).toEqual({
      _id: 'uc1',
      templateId: 'tpl',
      openid: 'o1',
      title: '满100减10',
      benefit: tpl.benefit,
      scope: tpl.scope,
      validFrom: T,
      validUntil: T + 7 * DAY_MS,
      status: 'available',
      source: 'community',
      issuedAt: T,
      groupId: 'g1',
    });
    expect(c.scope).not.toBe(tpl.scope);
  });
});
