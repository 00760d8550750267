/**
 * Checkout asks the customer for the one-time subscription messages its order can trigger
 * (wx.requestSubscribeMessage, template ids from config/subscribe.ts) and reports the answers to the `notify`
 * function, which counts them. Quietly best-effort: a refusal, an error or a missing `notify` function never
 * stops the order.
 */
import type { SubscribeAnswer } from '../../typings/api/notify';
import { CHECKOUT_SUBSCRIBE_KINDS, templateIdsOf } from '../config/subscribe';
import { callCloud } from './cloud';

const ANSWERS: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

export async function askOrderSubscriptions(fulfilment: 'pickup' | 'delivery'): Promise<string[]> {
  const tmplIds = templateIdsOf(CHECKOUT_SUBSCRIBE_KINDS[fulfilment]);
  if (!tmplIds.length) return [];
  try {
    const res = await new Promise<Record<string, string>>((resolve, reject) => {
      wx.requestSubscribeMessage({
        tmplIds,
        success: (r) => resolve(r as unknown as Record<string, string>),
        fail: reject,
      });
    });
    const results: Record<string, SubscribeAnswer> = {};
    for (const id of tmplIds) if (ANSWERS.includes(res[id])) results[id] = res[id] as SubscribeAnswer;
    if (!Object.keys(results).length) return [];
    const recorded = await callCloud('notify', 'notify.recordSubscription', { results });
    return recorded.accepted;
  } catch (e) {
    console.warn('subscription request skipped', e);
    return [];
  }
}
