/**
 * End to end with the real functions runtime: a checkout function places the order through the real
 * wx-server-sdk inside a worker, and real callback functions receive the notifications.
 */
import path from 'node:path';
import type { EmulatorController } from '../controller';
import type { FunctionsInvoker } from '../core/contracts';
import { functionsService } from '../functions';
import { outboxService, type OutboxService } from '../outbox';
import { pointSdkAt, startTestEmulator } from '../testing';
import { chinaToUtc } from '../timers/cron';
import { payService, RETRY_DELAYS_MS, type PayService } from './index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk');

const BUYER = 'oBuyer_e2e_000000000000001';

describe('cloudPay with the real functions runtime', () => {
  let emu: EmulatorController;
  let fns: FunctionsInvoker;
  let pay: PayService;
  let restore: () => void;

  beforeAll(async () => {
    emu = await startTestEmulator({
      functionsRoot: path.join(__dirname, 'fixtures'),
      manualClockStart: chinaToUtc(2024, 11, 11, 0, 0, 0),
      maxInstancesPerFunction: 2,
      services: [outboxService, functionsService, payService],
    });
    fns = emu.service<FunctionsInvoker>('functions');
    pay = emu.service<PayService>('pay');
    restore = pointSdkAt(emu);
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  });

  afterAll(async () => {
    restore();
    await emu.stop();
  });

  it('a function places an order for its caller; a late duplicate notification reaches the callback twice', async () => {
    const placed = await fns.invoke('checkout', { outTradeNo: 'E2E1', totalFee: 1234 }, { openid: BUYER, appid: emu.ctx.options.appId, source: 'wx_client' });
    if (!placed.ok) throw new Error(placed.message);
    const result = placed.result as { resultCode: string; payment: { package: string } };
    expect(result.resultCode).toBe('SUCCESS');
    expect(result.payment.package).toMatch(/^prepay_id=wx/);
    expect(pay.order('E2E1')).toMatchObject({ payer: BUYER, totalFee: 1234, functionName: 'payCallback', invocationId: placed.requestId });

    await pay.simulatePayment('E2E1', { times: 2, delayMs: 5 * 60_000 });
    await emu.clock.advance(5 * 60_000 - 1);
    expect(pay.order('E2E1')!.deliveries).toHaveLength(0);
    await emu.clock.advance(1);

    const deliveries = pay.order('E2E1')!.deliveries;
    const expected = { errcode: 0, errmsg: 'SUCCESS', outTradeNo: 'E2E1', resultCode: 'SUCCESS', totalFee: 1234, source: 'wx_paycallback', openid: BUYER };
    expect(deliveries.map((d) => [d.acknowledged, d.answer])).toEqual([
      [true, expected],
      [true, expected],
    ]);
    const recorded = emu.service<OutboxService>('outbox').list({ kind: 'pay-callback', openid: BUYER });
    expect(recorded.map((e) => [e.api, e.errCode, e.response])).toEqual([
      ['cloudPay.paymentNotify', 0, expected],
      ['cloudPay.paymentNotify', 0, expected],
    ]);
  });

  it('retries a callback that does not acknowledge', async () => {
    await fns.invoke('checkout', { outTradeNo: 'E2E2', totalFee: 100, attach: 'refuse' }, { openid: BUYER, source: 'wx_client' });
    await pay.simulatePayment('E2E2');
    await emu.clock.advance(RETRY_DELAYS_MS[0]);
    const d = pay.order('E2E2')!.deliveries;
    expect(d.map((x) => [x.attempt, x.acknowledged, x.answer])).toEqual([
      [1, false, { errcode: 500, errmsg: 'not now' }],
      [2, false, { errcode: 500, errmsg: 'not now' }],
    ]);
  });

  it('a refund with its own callback function is notified when it completes', async () => {
    const r = await cloud.cloudPay.refund({
      subMchId: '1900000109',
      outTradeNo: 'E2E1',
      outRefundNo: 'E2E1-R1',
      totalFee: 1234,
      refundFee: 234,
      envId: 'local',
      functionName: 'refundCallback',
    });
    expect(r).toMatchObject({ resultCode: 'SUCCESS', refundFee: 234 });
    await pay.simulateRefund('E2E1-R1');
    expect(pay.refundByNo('E2E1-R1')!.deliveries.map((x) => x.answer)).toEqual([
      { errcode: 0, errmsg: 'OK', outRefundNo: 'E2E1-R1', refundStatus: 'SUCCESS', source: 'wx_paycallback' },
    ]);
  });
});
