/** The coupon collections and their loads (one query each; a missing collection reads as empty). */
import type { CouponTemplate, OwnedCoupon } from '@typings/marketing/coupon';
import type { Database } from '../lib/cloud';
import { orEmpty } from '../lib/collections';
import { AppError } from '../lib/errors';
import { docsOf } from '../notify/db-results';

export const COUPON_TEMPLATES = 'coupon_templates';
export const USER_COUPONS = 'user_coupons';

/** A template by id, or NOT_FOUND. */
export async function loadTemplate(db: Database, templateId: string): Promise<CouponTemplate> {
  const [t] = await orEmpty(() => docsOf<CouponTemplate>(db.collection(COUPON_TEMPLATES).where({ _id: templateId }).limit(1)));
  if (!t) throw new AppError('NOT_FOUND', '优惠券不存在');
  return t;
}

/** Enabled templates whose claim window is open at `now` (at most 100). */
export async function loadOpenTemplates(db: Database, now: number): Promise<CouponTemplate[]> {
  const _ = db.command;
  const list = await orEmpty(() =>
    docsOf<CouponTemplate>(
      db
        .collection(COUPON_TEMPLATES)
        .where({ enabled: true, claimEndsAt: _.gt(now), claimStartsAt: _.lte(now) })
        .orderBy('claimEndsAt', 'asc')
        .limit(100),
    ),
  );
  return list;
}

/** How many coupons of each template the customer holds (one `_.in` query). */
export async function heldCounts(db: Database, openid: string, templateIds: readonly string[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  if (templateIds.length === 0) return counts;
  const _ = db.command;
  const docs = await orEmpty(() =>
    docsOf<Pick<OwnedCoupon, 'templateId'>>(
      db
        .collection(USER_COUPONS)
        .where({ openid, templateId: _.in([...templateIds]) })
        .field({ templateId: true })
        .limit(1000),
    ),
  );
  for (const d of docs) counts.set(d.templateId, (counts.get(d.templateId) ?? 0) + 1);
  return counts;
}
