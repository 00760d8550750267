import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorController } from '../controller';
import { pointSdkAt, startTestEmulator } from '../testing';
import { outboxService, type OutboxEntry, type OutboxService } from '../outbox';
import { chinaToUtc } from '../timers/cron';
import { FakeFunctions, fakeFunctionsService } from '../timers/fake-functions';
import { payService, RETRY_DELAYS_MS, type PayService } from './index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk');

const START = chinaToUtc(2024, 6, 18, 10, 0, 0);
const PAYER = 'oPayer_0000000000000000001';
const MCH = '1900000109';
const TOKEN = 'tok-checkout-invocation';

type Answer = { errcode: number; errmsg: string };
type Result = Record<string, unknown> & { errCode: number; errMsg: string };

const orderArgs = (outTradeNo: string, totalFee: unknown = 100, extra: Record<string, unknown> = {}) => ({
  body: '开店-测试商品',
  outTradeNo,
  spbillCreateIp: '127.0.0.1',
  subMchId: MCH,
  totalFee,
  envId: 'local',
  functionName: 'payCallback',
  nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
  tradeType: 'JSAPI',
  ...extra,
});

describe('cloudPay through the real wx-server-sdk (fake functions service)', () => {
  let emu: EmulatorController;
  let restore: () => void;
  let pay: PayService;
  let fns: FakeFunctions;
  let outbox: OutboxService;
  let dataDir: string;
  /** What the fake payment callback answers next. */
  let callbackAnswers: unknown[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-pay-'));
    emu = await startTestEmulator({
      dataDir,
      manualClockStart: START,
      services: [
        outboxService,
        fakeFunctionsService({
          payCallback: () => (callbackAnswers.length ? callbackAnswers.shift() : { errcode: 0, errmsg: 'SUCCESS' }),
          refundCallback: () => ({ errcode: 0, errmsg: 'OK' }),
        }),
        payService,
      ],
    });
    pay = emu.service<PayService>('pay');
    fns = emu.service<FakeFunctions>('functions');
    outbox = emu.service<OutboxService>('outbox');
    // The SDK calls look like they come from an invocation of `checkout` run by PAYER.
    fns.tokens.set(TOKEN, { id: 'inv-checkout-1', functionName: 'checkout', identity: { openid: PAYER, source: 'wx_client' }, startedAt: START });
    restore = pointSdkAt(emu, { token: TOKEN, openid: PAYER });
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  });

  afterAll(async () => {
    restore();
    await emu.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('unifiedOrder', () => {
    it('answers with the payment parameters wx.requestPayment needs, taking the payer from the invocation', async () => {
      const res: Result = await cloud.cloudPay.unifiedOrder(orderArgs('K1001', 2990));
      expect(res).toMatchObject({
        errCode: 0,
        errMsg: 'cloudPay.unifiedOrder:ok',
        returnCode: 'SUCCESS',
        returnMsg: 'OK',
        resultCode: 'SUCCESS',
        subMchId: MCH,
        subAppid: emu.ctx.options.appId,
        tradeType: 'JSAPI',
      });
      const payment = res.payment as Record<string, string>;
      expect(payment).toEqual({
        appId: emu.ctx.options.appId,
        timeStamp: String(Math.floor(START / 1000)),
        nonceStr: expect.any(String),
        package: `prepay_id=${res.prepayId}`,
        signType: 'MD5',
        paySign: expect.stringMatching(/^[0-9A-F]{32}$/),
      });
      expect(res.prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
      expect(pay.order('K1001')).toMatchObject({ state: 'NOTPAY', totalFee: 2990, payer: PAYER, functionName: 'payCallback', invocationId: 'inv-checkout-1' });
      expect(emu.quota.forInvocation('inv-checkout-1').payCalls).toBe(1);
    });

    it('gives the same prepay id when the same order is placed again', async () => {
      const first: Result = await cloud.cloudPay.unifiedOrder(orderArgs('K1002', 500));
      const again: Result = await cloud.cloudPay.unifiedOrder(orderArgs('K1002', 500));
      expect(again.resultCode).toBe('SUCCESS');
      expect(again.prepayId).toBe(first.prepayId);
    });

    it('refuses the same out_trade_no with another amount: INVALID_REQUEST 201 商户订单号重复', async () => {
      const res: Result = await cloud.cloudPay.unifiedOrder(orderArgs('K1002', 501));
      expect(res).toMatchObject({ errCode: 0, returnCode: 'SUCCESS', resultCode: 'FAIL' });
      expect(res).toMatchObject({ errCodeDes: '201 商户订单号重复' });
      // wx-server-sdk camelCases err_code to errCode, then overwrites it with 0: read the raw record in the outbox.
      const last = outbox.list({ kind: 'pay', api: 'cloudPay.unifiedOrder' }).at(-1)!;
      expect(last.response).toMatchObject({ result_code: 'FAIL', err_code: 'INVALID_REQUEST', err_code_des: '201 商户订单号重复' });
      expect(last.errCode).toBe(-1);
      expect(pay.order('K1002')!.totalFee).toBe(500);
    });

    it.each([
      [1.5, 'invalid total_fee'],
      [0, 'invalid total_fee'],
      [-100, 'invalid total_fee'],
      [0.1 * 3 * 100, 'invalid total_fee'],
      ['12.5', 'invalid total_fee'],
    ])('refuses totalFee %p: %s', async (fee, msg) => {
      const res: Result = await cloud.cloudPay.unifiedOrder(orderArgs(`KBAD${String(fee).replace(/\W/g, '')}`, fee));
      expect(res).toMatchObject({ errCode: 0, returnCode: 'FAIL', returnMsg: msg });
      expect(res.resultCode).toBeUndefined();
    });

    it('refuses missing required fields the way WeChat Pay words them', async () => {
      const noMch: Result = await cloud.cloudPay.unifiedOrder({ ...orderArgs('K1003'), subMchId: undefined });
      expect(noMch).toMatchObject({ returnCode: 'FAIL', returnMsg: '受理机构必须传入sub_mch_id' });
      const noBody: Result = await cloud.cloudPay.unifiedOrder({ ...orderArgs('K1003'), body: '' });
      expect(noBody).toMatchObject({ returnCode: 'FAIL', returnMsg: '缺少参数body' });
      const noCallback: Result = await cloud.cloudPay.unifiedOrder({ ...orderArgs('K1003'), functionName: undefined });
      expect(noCallback).toMatchObject({ returnCode: 'FAIL', returnMsg: '缺少参数function_name' });
      const badNo: Result = await cloud.cloudPay.unifiedOrder(orderArgs('K 1003'));
      expect(badNo).toMatchObject({ returnCode: 'FAIL', returnMsg: expect.stringContaining('out_trade_no参数格式错误') });
      expect(pay.order('K1003')).toBeUndefined();
    });

    it('turns an unknown API into an SDK error', async () => {
      await expect(cloud.cloudPay.profitSharing({ subMchId: MCH })).rejects.toMatchObject({
        errCode: -501007,
        errMsg: expect.stringContaining('cloudPay.profitSharing is not emulated'),
      });
    });
  });

  describe('payment notifications', () => {
    it('delivers the payment notification twice and late; both answers are recorded', async () => {
      await cloud.cloudPay.unifiedOrder(orderArgs('K2001', 1999, { attach: 'order:42' }));
      fns.calls.length = 0;
      const before = emu.clock.now();

      await pay.simulatePayment('K2001', { times: 2, delayMs: 30_000 });
      // Paid at once (queryOrder says so), the notification waits for the clock.
      const paid: Result = await cloud.cloudPay.queryOrder({ subMchId: MCH, outTradeNo: 'K2001', nonceStr: 'x' });
      expect(paid).toMatchObject({ tradeState: 'SUCCESS', tradeStateDesc: '支付成功', totalFee: 1999, cashFee: 1999, attach: 'order:42', subOpenid: PAYER });
      expect(paid.timeEnd).toBe('20240618100000');
      expect(fns.callsTo('payCallback')).toHaveLength(0);

      await emu.clock.advance(29_999);
      expect(fns.callsTo('payCallback')).toHaveLength(0);

      callbackAnswers = [{ errcode: 0, errmsg: 'first' }, { errcode: 0, errmsg: 'duplicate seen' }];
      await emu.clock.advance(1);
      const calls = fns.callsTo('payCallback');
      expect(calls).toHaveLength(2);
      expect(calls[0].at).toBe(before + 30_000);
      expect(calls[0].identity).toEqual({ openid: PAYER, appid: emu.ctx.options.appId, source: 'wx_paycallback' });
      expect(calls[0].event).toEqual({
        returnCode: 'SUCCESS',
        appid: expect.stringMatching(/^wx/),
        mchId: expect.any(String),
        subAppid: emu.ctx.options.appId,
        subMchId: MCH,
        nonceStr: expect.any(String),
        resultCode: 'SUCCESS',
        openid: expect.stringMatching(/^o/),
        isSubscribe: 'N',
        subOpenid: PAYER,
        subIsSubscribe: 'N',
        tradeType: 'JSAPI',
        bankType: 'OTHERS',
        totalFee: 1999,
        feeType: 'CNY',
        cashFee: 1999,
        transactionId: paid.transactionId,
        outTradeNo: 'K2001',
        timeEnd: '20240618100000',
        attach: 'order:42',
      });
      expect((calls[0].event as { openid: string }).openid).not.toBe(PAYER);
      expect(calls[1].event).toMatchObject({ outTradeNo: 'K2001', transactionId: paid.transactionId });

      const order = pay.order('K2001')!;
      expect(order.deliveries.map((d) => [d.acknowledged, d.answer])).toEqual([
        [true, { errcode: 0, errmsg: 'first' }],
        [true, { errcode: 0, errmsg: 'duplicate seen' }],
      ]);
      const recorded = outbox.list({ kind: 'pay-callback' }).filter((e) => (e.request as { event: { outTradeNo: string } }).event.outTradeNo === 'K2001');
      expect(recorded.map((e) => [e.api, e.openid, e.errCode, e.response, e.at])).toEqual([
        ['cloudPay.paymentNotify', PAYER, 0, { errcode: 0, errmsg: 'first' }, before + 30_000],
        ['cloudPay.paymentNotify', PAYER, 0, { errcode: 0, errmsg: 'duplicate seen' }, before + 30_000],
      ]);
    });

    it('sends an unacknowledged notification again on the WeChat Pay schedule until it is acknowledged', async () => {
      await cloud.cloudPay.unifiedOrder(orderArgs('K2002', 100));
      callbackAnswers = [{ errcode: 1, errmsg: 'db busy' }, 'success', { errcode: 0, errmsg: 'ok now' }];
      const t0 = emu.clock.now();
      await pay.simulatePayment('K2002');
      expect(pay.order('K2002')!.deliveries.map((d) => d.acknowledged)).toEqual([false]);
      // One long jump runs every retry that falls inside it, at its own time.
      await emu.clock.advance(10 * 60_000);
      const order = pay.order('K2002')!;
      expect(order.deliveries.map((d) => [d.attempt, d.at - t0, d.acknowledged])).toEqual([
        [1, 0, false],
        [2, RETRY_DELAYS_MS[0], false],
        [3, RETRY_DELAYS_MS[0] + RETRY_DELAYS_MS[1], true],
      ]);
      const errCodes = outbox.list({ kind: 'pay-callback' }).filter((e) => (e.request as { event: { outTradeNo: string } }).event.outTradeNo === 'K2002').map((e) => e.errCode);
      expect(errCodes).toEqual([1, -1, 0]);
      expect(emu.service<PayService>('pay').ledger.scheduled).toHaveLength(0);
    });

    it('a failed payment sends no notification and the order can be paid later', async () => {
      await cloud.cloudPay.unifiedOrder(orderArgs('K2003', 100));
      const calls = fns.calls.length;
      await pay.simulatePayment('K2003', { result: 'FAIL' });
      expect(fns.calls.length).toBe(calls);
      const q: Result = await cloud.cloudPay.queryOrder({ subMchId: MCH, outTradeNo: 'K2003' });
      expect(q).toMatchObject({ tradeState: 'PAYERROR' });
      await pay.simulatePayment('K2003');
      expect(pay.order('K2003')!.state).toBe('SUCCESS');
    });

    it('simulates over HTTP', async () => {
      await cloud.cloudPay.unifiedOrder(orderArgs('K2004', 100));
      const res = await fetch(`${emu.baseUrl}/_emulator/pay/simulate`, { method: 'POST', body: JSON.stringify({ outTradeNo: 'K2004' }) });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { order: { state: string; deliveries: unknown[] } };
      expect(body.order.state).toBe('SUCCESS');
      expect(body.order.deliveries).toHaveLength(1);
      const missing = await fetch(`${emu.baseUrl}/_emulator/pay/simulate`, { method: 'POST', body: JSON.stringify({ outTradeNo: 'NOPE' }) });
      expect(missing.status).toBe(404);
    });
  });

  describe('queryOrder and closeOrder', () => {
    it('reports NOTPAY, closes, and refuses to close twice or to reuse the number', async () => {
      await cloud.cloudPay.unifiedOrder(orderArgs('K3001', 300));
      const open: Result = await cloud.cloudPay.queryOrder({ subMchId: MCH, outTradeNo: 'K3001' });
      expect(open).toMatchObject({ resultCode: 'SUCCESS', tradeState: 'NOTPAY', tradeStateDesc: '订单未支付', outTradeNo: 'K3001', totalFee: 300 });
      expect(open.transactionId).toBeUndefined();

      const closed: Result = await cloud.cloudPay.closeOrder({ subMchId: MCH, outTradeNo: 'K3001' });
      expect(closed).toMatchObject({ returnCode: 'SUCCESS', resultCode: 'SUCCESS' });
      const again: Result = await cloud.cloudPay.closeOrder({ subMchId: MCH, outTradeNo: 'K3001' });
      expect(again).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单已关闭，无法重复关闭' });
      const reuse: Result = await cloud.cloudPay.unifiedOrder(orderArgs('K3001', 300));
      expect(reuse).toMatchObject({ resultCode: 'FAIL', errCodeDes: '201 商户订单号重复' });
      await expect(pay.simulatePayment('K3001')).rejects.toThrow(/closed/);
    });

    it('refuses to close a paid order, and to place it again', async () => {
      const paidClose: Result = await cloud.cloudPay.closeOrder({ subMchId: MCH, outTradeNo: 'K2001' });
      expect(paidClose).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单已支付，不能发起关单' });
      const replace: Result = await cloud.cloudPay.unifiedOrder(orderArgs('K2001', 1999, { attach: 'order:42' }));
      expect(replace).toMatchObject({ resultCode: 'FAIL', errCodeDes: '该订单已支付' });
      expect(outbox.list({ kind: 'pay', api: 'cloudPay.unifiedOrder' }).at(-1)!.response).toMatchObject({ err_code: 'ORDERPAID' });
    });

    it('answers ORDERNOTEXIST for an unknown order or another merchant', async () => {
      const res: Result = await cloud.cloudPay.queryOrder({ subMchId: MCH, outTradeNo: 'NOPE' });
      expect(res).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' });
      const other: Result = await cloud.cloudPay.queryOrder({ subMchId: '1900000999', outTradeNo: 'K2001' });
      expect(other).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' });
    });
  });

  describe('refunds', () => {
    const refundArgs = (outRefundNo: string, refundFee: number, extra: Record<string, unknown> = {}) => ({
      subMchId: MCH,
      nonceStr: 'n',
      outTradeNo: 'K2001',
      outRefundNo,
      totalFee: 1999,
      refundFee,
      envId: 'local',
      functionName: 'refundCallback',
      ...extra,
    });

    it('accepts partial refunds up to the paid amount, then refuses', async () => {
      const r1: Result = await cloud.cloudPay.refund(refundArgs('R1', 999));
      expect(r1).toMatchObject({
        errCode: 0,
        errMsg: 'cloudPay.refund:ok',
        returnCode: 'SUCCESS',
        resultCode: 'SUCCESS',
        outTradeNo: 'K2001',
        outRefundNo: 'R1',
        refundFee: 999,
        totalFee: 1999,
        cashRefundFee: 999,
        couponRefundFee: 0,
        couponTypeList: [],
      });
      expect(r1.refundId).toMatch(/^503\d{26}$/);
      // Same refund number and amount again: the same refund (the documented way to retry).
      const retry: Result = await cloud.cloudPay.refund(refundArgs('R1', 999));
      expect(retry).toMatchObject({ resultCode: 'SUCCESS', refundId: r1.refundId });
      const mismatch: Result = await cloud.cloudPay.refund(refundArgs('R1', 998));
      expect(mismatch).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单金额或退款金额与之前请求不一致,请核实后再试' });
      const wrongTotal: Result = await cloud.cloudPay.refund(refundArgs('R9', 1, { totalFee: 2000 }));
      expect(wrongTotal).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单金额或退款金额与之前请求不一致,请核实后再试' });
      const tooMuch: Result = await cloud.cloudPay.refund(refundArgs('R2', 1001));
      expect(tooMuch).toMatchObject({ resultCode: 'FAIL', errCodeDes: 'refund_fee大于可退金额' });
      const overTotal: Result = await cloud.cloudPay.refund(refundArgs('R2', 2000));
      expect(overTotal).toMatchObject({ returnCode: 'FAIL', returnMsg: 'invalid refund_fee' });
      const rest: Result = await cloud.cloudPay.refund(refundArgs('R2', 1000));
      expect(rest.resultCode).toBe('SUCCESS');
      const full: Result = await cloud.cloudPay.refund(refundArgs('R3', 1));
      expect(full).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单已全额退款' });
      const unpaid: Result = await cloud.cloudPay.refund(refundArgs('R4', 1, { outTradeNo: 'K1002', totalFee: 500 }));
      expect(unpaid).toMatchObject({ resultCode: 'FAIL', errCodeDes: '订单不存在' });

      const q: Result = await cloud.cloudPay.queryOrder({ subMchId: MCH, outTradeNo: 'K2001' });
      expect(q.tradeState).toBe('REFUND');
    });

    it('completes a refund and notifies its own callback function with the decrypted req_info', async () => {
      fns.calls.length = 0;
      const refund = await pay.simulateRefund('R1', { times: 2 });
      expect(refund.status).toBe('SUCCESS');
      const calls = fns.callsTo('refundCallback');
      expect(calls).toHaveLength(2);
      expect(calls[0].identity).toMatchObject({ openid: PAYER, source: 'wx_paycallback' });
      expect(calls[0].event).toEqual({
        returnCode: 'SUCCESS',
        appid: expect.any(String),
        mchId: expect.any(String),
        subAppid: emu.ctx.options.appId,
        subMchId: MCH,
        nonceStr: expect.any(String),
        reqInfo: {
          transactionId: pay.order('K2001')!.transactionId,
          outTradeNo: 'K2001',
          refundId: refund.refundId,
          outRefundNo: 'R1',
          totalFee: 1999,
          settlementTotalFee: 1999,
          refundFee: 999,
          settlementRefundFee: 999,
          refundStatus: 'SUCCESS',
          successTime: '2024-06-18 10:10:30',
          refundRecvAccout: '支付用户零钱',
          refundAccount: 'REFUND_SOURCE_RECHARGE_FUNDS',
          refundRequestSource: 'API',
        },
      });
      expect(fns.callsTo('payCallback')).toHaveLength(0);
      expect(pay.refundByNo('R1')!.deliveries.map((d) => d.answer)).toEqual([
        { errcode: 0, errmsg: 'OK' },
        { errcode: 0, errmsg: 'OK' },
      ]);
      const recorded = outbox.list({ kind: 'pay-callback', api: 'cloudPay.refundNotify' });
      expect(recorded).toHaveLength(2);
    });

    it('queryRefund lists the refunds with their status', async () => {
      await pay.simulateRefund('R2', { result: 'REFUNDCLOSE' });
      const byOrder: Result = await cloud.cloudPay.queryRefund({ subMchId: MCH, outTradeNo: 'K2001' });
      expect(byOrder).toMatchObject({
        resultCode: 'SUCCESS',
        refundCount: 2,
        totalRefundCount: 2,
        outRefundNoList: ['R1', 'R2'],
        refundFeeList: [999, 1000],
        refundStatusList: ['SUCCESS', 'REFUNDCLOSE'],
        refundSuccessTimeList: ['2024-06-18 10:10:30', ''],
        refundStatus_0: 'SUCCESS',
        refundStatus_1: 'REFUNDCLOSE',
      });
      const one: Result = await cloud.cloudPay.queryRefund({ subMchId: MCH, outRefundNo: 'R2' });
      expect(one).toMatchObject({ refundCount: 1, outRefundNoList: ['R2'] });
      const none: Result = await cloud.cloudPay.queryRefund({ subMchId: MCH, outRefundNo: 'R404' });
      expect(none).toMatchObject({ resultCode: 'FAIL', errCodeDes: '退款订单查询失败' });
      // The closed refund gave its amount back.
      const again: Result = await cloud.cloudPay.refund({ subMchId: MCH, outTradeNo: 'K2001', outRefundNo: 'R5', totalFee: 1999, refundFee: 1000 });
      expect(again.resultCode).toBe('SUCCESS');
      expect(pay.refundByNo('R5')!.functionName).toBeUndefined();
      const before = fns.calls.length;
      await pay.simulateRefund('R5');
      expect(fns.calls.length).toBe(before);
    });
  });

  describe('records and persistence', () => {
    it('records every wxPayApi call in the outbox and shows payments on the status page', async () => {
      const calls: OutboxEntry[] = outbox.list({ kind: 'pay' });
      expect(calls.length).toBeGreaterThan(10);
      expect(calls[0]).toMatchObject({
        api: 'cloudPay.unifiedOrder',
        openid: PAYER,
        invocationId: 'inv-checkout-1',
        request: { out_trade_no: 'K1001', total_fee: 2990, sub_mch_id: MCH, function_name: 'payCallback' },
        errCode: 0,
      });
      const page = await (await fetch(`${emu.baseUrl}/`)).text();
      expect(page).toContain('Payments');
      expect(page).toContain('K2001');
      expect(page).toContain('¥19.99');
    });

    it('keeps the ledger in the data folder and reloads it', async () => {
      const snap = JSON.parse(readFileSync(path.join(dataDir, 'pay-ledger.json'), 'utf8')) as { orders: Array<{ outTradeNo: string }> };
      expect(snap.orders.map((o) => o.outTradeNo)).toContain('K2001');
      const second = await startTestEmulator({ dataDir, manualClockStart: START, services: [payService] });
      try {
        const reloaded = second.service<PayService>('pay');
        expect(reloaded.order('K2001')).toMatchObject({ state: 'REFUND', totalFee: 1999 });
        expect(reloaded.refundsOf('K2001').map((r) => r.status)).toEqual(['SUCCESS', 'REFUNDCLOSE', 'SUCCESS']);
      } finally {
        await second.stop();
      }
    });
  });
});

describe('delayed notifications on the real clock', () => {
  it('are delivered by a real timer', async () => {
    const emu = await startTestEmulator({ services: [fakeFunctionsService({ payCallback: () => ({ errcode: 0, errmsg: 'ok' }) }), payService] });
    const restoreEnv = pointSdkAt(emu);
    try {
      const res: Result = await cloud.cloudPay.unifiedOrder(orderArgs('RT1', 100, { subOpenid: PAYER }));
      expect(res.resultCode).toBe('SUCCESS');
      const pay = emu.service<PayService>('pay');
      await pay.simulatePayment('RT1', { delayMs: 50 });
      expect(pay.order('RT1')!.deliveries).toHaveLength(0);
      const deadline = Date.now() + 5000;
      while (pay.order('RT1')!.deliveries.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(pay.order('RT1')!.deliveries).toMatchObject([{ acknowledged: true, answer: { errcode: 0, errmsg: 'ok' } }]);
    } finally {
      restoreEnv();
      await emu.stop();
    }
  });
});
