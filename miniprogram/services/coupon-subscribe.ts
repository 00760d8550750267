/**
 * My coupons asks the customer for the coupon expiring-soon reminder (one-time subscription message, template id in
 * config/subscribe.ts) and reports the answer to the `notify` function, which counts it; the marketingTimers
 * function spends it. Must be called from a tap. Never throws: false when not accepted.
 */
import type { SubscribeAnswer } from '../../typings/api/notify';
import { COUPON_SUBSCRIBE_TEMPLATES } from '../config/subscribe';
import { callCloud } from './cloud';

export async function askCouponReminder(): Promise<boolean> {
  const id = COUPON_SUBSCRIBE_TEMPLATES.coupon_expiring;
  if (!id) return false;
  try {
    const res = await new Promise<Record<string, string>>((resolve, reject) => {
      wx.requestSubscribeMessage({ tmplIds: [id], success: (r) => resolve(r as unknown as Record<string, string>), fail: reject });
    });
    const answer = res[id];
    if (answer !== 'accept' && answer !== 'reject' && answer !== 'ban' && answer !== 'filter') return false;
    const out = await callCloud('notify', 'notify.recordSubscription', { results: { [id]: answer as SubscribeAnswer } });
    return out.accepted.includes(id);
  } catch (e) {
    console.warn('coupon reminder subscription skipped', e);
    return false;
  }
}
