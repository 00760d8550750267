/**
 * Asking the customer for subscription messages (订阅消息) at checkout, and telling the server what they allowed.
 *
 *   // in the tap handler of 提交订单 / 去支付 (wx.requestSubscribeMessage must be called from a tap):
 *   await askOrderSubscriptions('pickup');
 *
 * Never throws: a refusal, a closed dialog or a failed report only means fewer messages later.
 */
import type { SubscribeAnswer } from '../../typings/api/notify';
import { CHECKOUT_SUBSCRIBE_KINDS, templateIdsOf } from '../config/subscribe';
import { callCloud } from './cloud';

export async function askOrderSubscriptions(fulfilment: 'pickup' | 'delivery'): Promise<string[]> {
  const tmplIds = templateIdsOf(CHECKOUT_SUBSCRIBE_KINDS[fulfilment]);
  if (tmplIds.length === 0) return [];
  let answers: Record<string, unknown>;
  try {
    answers = (await new Promise((resolve, reject) =>
      wx.requestSubscribeMessage({ tmplIds, success: resolve, fail: reject } as WechatMiniprogram.RequestSubscribeMessageOption),
    )) as Record<string, unknown>;
  } catch {
    return [];
  }
  const results: Record<string, SubscribeAnswer> = {};
  for (const id of tmplIds) {
    const a = answers[id];
    if (a === 'accept' || a === 'reject' || a === 'ban' || a === 'filter') results[id] = a;
  }
  try {
    const out = await callCloud('notify', 'notify.recordSubscription', { results });
    return out.accepted;
  } catch {
    return [];
  }
}
