/**
 * The WeChat Pay callback functions. They are not `{action, input}` functions: WeChat Pay calls them with its own
 * event and expects `{errcode: 0, errmsg}` back (anything else, or a thrown error, makes it deliver again).
 *
 * - payNotify    (functionName of unifiedOrder): payment-notification → payment.ts handlePaymentNotification
 * - refundNotify (functionName of refund):       refund-notification  → refunds.ts handleRefundNotification
 */
import type { ActionContext } from '../lib/context';
import { platformContext, type PlatformContext } from '../lib/platform-context';
import { handlePaymentNotification, type NotifyAnswer, type PaymentNotification } from './payment';
import { handleRefundNotification, type RefundNotification } from './refunds';

type Handler<E> = (ctx: ActionContext, event: E) => Promise<NotifyAnswer>;

function notifyMain<E>(name: string, handler: Handler<E>): (event: unknown, context?: PlatformContext) => Promise<NotifyAnswer> {
  return async (event, context) => {
    let ctx: ActionContext | undefined;
    try {
      ctx = platformContext(name, context);
      const answer = await handler(ctx, (event ?? {}) as E);
      if (answer.errcode !== 0) ctx.log.warn('notification not acknowledged', { answer });
      return answer;
    } catch (e) {
      if (ctx) ctx.log.error('notification failed', { error: e });
      else console.error(JSON.stringify({ level: 'error', msg: 'notification failed', fn: name, error: String(e) }));
      // not acknowledged: WeChat Pay delivers it again later
      return { errcode: 1, errmsg: 'temporary failure' };
    }
  };
}

export const payNotifyMain = notifyMain<PaymentNotification>('payNotify', handlePaymentNotification);
export const refundNotifyMain = notifyMain<RefundNotification>('refundNotify', handleRefundNotification);
