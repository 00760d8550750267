/**
 * Builders for coupon specs and benches (test-only): a coupon template and a customer's coupon placed around the
 * emulator's `now`, each spec overriding what it is about; and a share-ticket cloud id minted by the emulator as
 * WeChat would (for 社群专享 claims).
 */
import type { CouponTemplate, OwnedCoupon } from '../../../typings/marketing/coupon';

export const DAY = 86_400_000;

/** A template open for claims from a day before `now` to a day after: 满50减5 on the whole shop, 100 of them, one
 * per customer, valid 7 days from the claim. */
export function couponTemplate(id: string, now: number, over: Partial<CouponTemplate> = {}): CouponTemplate {
  return {
    _id: id,
    title: `券 ${id}`,
    benefit: { kind: 'threshold', thresholdFen: 5000, amountFen: 500 },
    scope: { type: 'shop' },
    validity: { type: 'days_after_claim', days: 7 },
    totalQuantity: 100,
    issuedCount: 0,
    perUserLimit: 1,
    communityOnly: false,
    claimStartsAt: now - DAY,
    claimEndsAt: now + DAY,
    enabled: true,
    createdAt: now - DAY,
    ...over,
  };
}

/** `openid`'s available coupon of template `t-1`, claimed a day before `now` and valid until a day after: 5 元无门槛
 * on the whole shop. */
export function ownedCoupon(id: string, openid: string, now: number, over: Partial<OwnedCoupon> = {}): OwnedCoupon {
  return {
    _id: id,
    templateId: 't-1',
    openid,
    title: `券 ${id}`,
    benefit: { kind: 'fixed', amountFen: 500 },
    scope: { type: 'shop' },
    validFrom: now - DAY,
    validUntil: now + DAY,
    status: 'available',
    source: 'claim',
    issuedAt: now - DAY,
    ...over,
  };
}

/** A cloud id the emulator mints for `openid` (by default the share info of a group card: `data` = `{ openGId }`). */
export async function mintCloudId(baseUrl: string, openid: string, data: Record<string, unknown>, kind = 'shareInfo'): Promise<string> {
  const res = await fetch(`${baseUrl}/_emulator/openapi/cloudid`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, kind, data }),
  });
  return ((await res.json()) as { cloudID: string }).cloudID;
}
