/**
 * Who is staff: the `staff` collection, `{_id: openid, role, name}`. Every staff action calls `requireStaff` first;
 * hiding the back office from customers is not access control.
 */
import type { StaffMe } from '@typings/api/staff';
import type { StaffDoc } from '@typings/shop/staff';
import type { ActionContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { isCollectionMissing } from '../lib/collections';
import { docsOf } from '../notify/db-results';

export const STAFF_COLLECTION = 'staff';

const ROLES = new Set(['owner', 'clerk']);

/** The caller's staff record, or FORBIDDEN (UNAUTHENTICATED without an openid). One read. */
export async function requireStaff(ctx: Pick<ActionContext, 'openid' | 'db'>): Promise<StaffMe> {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后重试');
  let doc: StaffDoc | undefined;
  try {
    [doc] = await docsOf<StaffDoc>(ctx.db.collection(STAFF_COLLECTION).where({ _id: ctx.openid }).limit(1));
  } catch (e) {
    if (!isCollectionMissing(e)) throw e;
  }
  if (!doc || !ROLES.has(doc.role)) throw new AppError('FORBIDDEN', '仅限店员使用');
  return { openid: doc._id, role: doc.role, name: typeof doc.name === 'string' ? doc.name : '' };
}
