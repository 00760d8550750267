/**
 * Makes the emulator's WeChat Pay ledger agree with the seeded orders: every order the demo says was paid gets a
 * paid WeChat Pay order (unifiedOrder as the shop's order function calls it, then the simulated payment, with no
 * notification: the order document already says paid), and every refund that succeeded gets its refund. Without
 * this, approving the seeded refund request would meet `ORDERNOTEXIST`.
 */
import type { EmulatorController } from '../../emulator/src/controller';
import type { PayService } from '../../emulator/src/pay';
import { pointSdkAt } from '../../emulator/src/testing';
import type { OrderDoc } from '../../typings/shop/order';
import { cloudPay, PAY_NOTIFY_FUNCTION, payFailure, payOk, REFUND_NOTIFY_FUNCTION } from '../../server/orders/cloud-pay';
import { paymentBody } from '../../server/orders/payment-calls';

export async function registerDemoPayments(emu: EmulatorController, orders: readonly OrderDoc[], subMchId: string): Promise<number> {
  const pay = emu.service<PayService>('pay');
  const envId = emu.ctx.options.envId;
  let registered = 0;
  for (const order of orders) {
    if (!order.payment?.paidAt) continue;
    const restore = pointSdkAt(emu, { openid: order.openid });
    try {
      const placed = await cloudPay().unifiedOrder({
        body: paymentBody(order),
        outTradeNo: order.orderNo,
        totalFee: order.amounts.totalFen,
        subMchId,
        subOpenid: order.openid,
        envId,
        functionName: PAY_NOTIFY_FUNCTION,
        spbillCreateIp: '127.0.0.1',
        tradeType: 'JSAPI',
      });
      if (!payOk(placed)) throw new Error(`unifiedOrder ${order.orderNo}: ${payFailure(placed)}`);
      await pay.simulatePayment(order.orderNo, { times: 0, subMchId });
      for (const refund of order.refunds.filter((r) => r.status === 'succeeded')) {
        const reply = await cloudPay().refund({
          subMchId,
          outTradeNo: order.orderNo,
          outRefundNo: refund.refundNo,
          totalFee: order.amounts.totalFen,
          refundFee: refund.amountFen,
          refundDesc: refund.reason.slice(0, 40),
          envId,
          functionName: REFUND_NOTIFY_FUNCTION,
        });
        if (!payOk(reply)) throw new Error(`refund ${refund.refundNo}: ${payFailure(reply)}`);
        await pay.simulateRefund(refund.refundNo, { times: 0, subMchId });
      }
      registered++;
    } finally {
      restore();
    }
  }
  return registered;
}
