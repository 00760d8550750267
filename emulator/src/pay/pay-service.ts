import path from 'node:path';
import type { EmulatorContext } from '../core/context';
import type { CallerIdentity, InvocationInfo, InvokeResult } from '../core/contracts';
import { TcbCodes, TcbError } from '../core/errors';
import { sendJson, type Route } from '../core/http';
import { newId } from '../core/ids';
import type { ActionHandler, ActionReply, ActionRequest, EmulatorService, StatusSection } from '../core/service';
import type { OutboxRecord } from '../outbox';
import { ClockQueue } from './clock-queue';
import { PaymentLedger, type DeliveryRecord, type PayOrder, type RefundOrder, type RefundStatus, type ScheduledDelivery } from './ledger';
import { PAY_CALLBACK_SOURCE, RETRY_DELAYS_MS, isAcknowledged, paymentNotifyEvent, refundNotifyEvent } from './notifications';
import { closeOrder, failureReply, queryOrder, queryRefund, refund, unifiedOrder, type PayCallContext, type PayReply } from './pay-api';
import { newTransactionId } from './pay-ids';
import { PayReplyError, type PayData } from './pay-request';
import { renderPayStatus } from './pay-status';

export interface SimulateOptions {
  /** How many times the notification is delivered (2 = a duplicate notification). Default 1; 0 = none. */
  times?: number;
  /** Deliver after the emulator clock has moved on by this much (manual clock: on `advance`). Default 0. */
  delayMs?: number;
  /** Send an unacknowledged notification again on WeChat Pay's schedule (15 s, 15 s, 30 s, 3 min …). Default true. */
  retry?: boolean;
  /** The merchant, when the same out_trade_no exists under several. */
  subMchId?: string;
}

export interface SimulatePaymentOptions extends SimulateOptions {
  /** SUCCESS: the user paid (notification sent). FAIL: the payment failed (trade_state PAYERROR, no notification, as on the platform). */
  result?: 'SUCCESS' | 'FAIL';
}

export interface SimulateRefundOptions extends SimulateOptions {
  /** How the refund ends: SUCCESS, CHANGE (abnormal) or REFUNDCLOSE. Default SUCCESS. */
  result?: Exclude<RefundStatus, 'PROCESSING'>;
}

type OutboxLike = { record(rec: OutboxRecord): unknown };

const PAY_APIS = ['unifiedOrder', 'queryOrder', 'closeOrder', 'refund', 'queryRefund'] as const;
type PayApi = (typeof PAY_APIS)[number];

/**
 * Service `pay`: the `wx.wxPayApi` action behind `cloud.cloudPay.*` (unifiedOrder, queryOrder, closeOrder, refund,
 * queryRefund) over a local payment ledger, and the simulation of what WeChat Pay does afterwards: the user pays
 * (or not) and the project's callback function is notified; a refund completes and its callback is notified.
 */
export class PayService implements EmulatorService {
  readonly name = 'pay';
  readonly ledger: PaymentLedger;
  private readonly queue: ClockQueue<ScheduledDelivery>;

  constructor(private readonly ctx: EmulatorContext) {
    this.ledger = new PaymentLedger(ctx.options.dataDir ? path.join(ctx.options.dataDir, 'pay-ledger.json') : null);
    this.queue = new ClockQueue<ScheduledDelivery>(
      ctx.clock,
      {
        get: () => this.ledger.scheduled,
        set: (items) => {
          this.ledger.scheduled = items;
          this.ledger.save();
        },
      },
      (d) => this.deliver(d.kind, d.ref, d.attempt, d.retry, d.dueAt).then(() => undefined),
    );
  }

  async start(): Promise<void> {
    this.ledger.load();
    this.queue.start();
  }

  async stop(): Promise<void> {
    await this.queue.stop();
  }

  async reset(): Promise<void> {
    this.ledger.clear();
  }

  // ---- in-process API -----------------------------------------------------------------------------------

  order(outTradeNo: string, subMchId?: string): PayOrder | undefined {
    return this.ledger.findOrder({ outTradeNo, subMchId });
  }

  refundsOf(outTradeNo: string, subMchId?: string): RefundOrder[] {
    const o = this.order(outTradeNo, subMchId);
    return o ? this.ledger.refundsOf(o.key) : [];
  }

  refundByNo(outRefundNo: string, subMchId?: string): RefundOrder | undefined {
    return this.ledger.findRefund({ outRefundNo, subMchId });
  }

  /**
   * What happens when the user pays (or fails to pay) the order: it becomes SUCCESS and WeChat Pay notifies the
   * callback function named at unifiedOrder, `times` times, now or after `delayMs` of emulator time. Calling it
   * again on a paid order only delivers the notification again (a duplicate). Resolves after immediate deliveries.
   */
  async simulatePayment(outTradeNo: string, opts: SimulatePaymentOptions = {}): Promise<PayOrder> {
    const { times, delayMs } = checkOptions(opts);
    const order = this.order(outTradeNo, opts.subMchId);
    if (!order) throw new SimulationError(404, `no order with out_trade_no "${outTradeNo}"`);
    const now = this.ctx.clock.now();
    const result = opts.result ?? 'SUCCESS';
    if (result !== 'SUCCESS' && result !== 'FAIL') throw new SimulationError(400, 'result must be SUCCESS or FAIL');
    if (order.state === 'CLOSED') throw new SimulationError(409, `order "${outTradeNo}" is closed and cannot be paid`);
    if (result === 'FAIL') {
      if (order.state === 'SUCCESS' || order.state === 'REFUND') throw new SimulationError(409, `order "${outTradeNo}" is already paid`);
      order.state = 'PAYERROR';
      this.save(order);
      return order;
    }
    if (order.state === 'NOTPAY' || order.state === 'PAYERROR') {
      order.state = 'SUCCESS';
      order.paidAt = now;
      order.transactionId = newTransactionId(now);
      this.save(order);
    }
    await this.notify('payment', order.key, times, delayMs, opts.retry ?? true);
    return order;
  }

  /**
   * What happens when a refund completes: its status becomes `result` and, when the refund call named a callback
   * function, WeChat Pay notifies it (`times`, `delayMs`, `retry` as for payments).
   */
  async simulateRefund(outRefundNo: string, opts: SimulateRefundOptions = {}): Promise<RefundOrder> {
    const { times, delayMs } = checkOptions(opts);
    const r = this.refundByNo(outRefundNo, opts.subMchId);
    if (!r) throw new SimulationError(404, `no refund with out_refund_no "${outRefundNo}"`);
    const result = opts.result ?? 'SUCCESS';
    if (!['SUCCESS', 'CHANGE', 'REFUNDCLOSE'].includes(result)) throw new SimulationError(400, 'result must be SUCCESS, CHANGE or REFUNDCLOSE');
    if (r.status === 'PROCESSING') {
      r.status = result;
      r.settledAt = this.ctx.clock.now();
      this.ledger.putRefund(r);
      this.ledger.save();
    } else if (r.status !== result) {
      throw new SimulationError(409, `refund "${outRefundNo}" already ended as ${r.status}`);
    }
    if (r.functionName) await this.notify('refund', refundRef(r), times, delayMs, opts.retry ?? true);
    return r;
  }

  // ---- the wx.wxPayApi action ----------------------------------------------------------------------------

  actions(): Record<string, ActionHandler> {
    return { 'wx.wxPayApi': (req) => this.handleCall(req) };
  }

  private async handleCall(req: ActionRequest): Promise<ActionReply> {
    const apiName = String(req.body.apiName ?? '');
    const invocation = this.invocation(req.token);
    this.ctx.quota.add('payCalls', 1, invocation?.id);
    let data: PayData;
    try {
      data = parseRequestData(req);
      if (!(PAY_APIS as readonly string[]).includes(apiName)) {
        throw new TcbError(TcbCodes.INVALID_PARAM, `cloudPay.${apiName || '(no apiName)'} is not emulated; supported: ${PAY_APIS.join(', ')}`);
      }
    } catch (e) {
      const err = e instanceof TcbError ? e : new TcbError(TcbCodes.INVALID_PARAM, (e as Error).message);
      this.outbox()?.record({ kind: 'pay', api: `cloudPay.${apiName}`, invocationId: invocation?.id, request: null, response: { code: err.code, message: err.message }, errCode: -501007 });
      throw err;
    }
    const c: PayCallContext = {
      now: this.ctx.clock.now(),
      appId: this.ctx.options.appId,
      ...(invocation?.identity.openid ? { callerOpenid: invocation.identity.openid } : {}),
      ...(invocation ? { invocationId: invocation.id } : {}),
    };
    let reply: PayReply;
    let openid: string | undefined;
    try {
      const out = this.dispatch(apiName as PayApi, data, c);
      reply = out.reply;
      openid = out.order?.payer;
      this.ledger.save();
    } catch (e) {
      if (!(e instanceof PayReplyError)) throw e;
      reply = failureReply(e.kind, e.code, e.message, data);
    }
    const ok = reply.return_code === 'SUCCESS' && reply.result_code === 'SUCCESS';
    this.outbox()?.record({
      kind: 'pay',
      api: `cloudPay.${apiName}`,
      openid: openid ?? c.callerOpenid,
      invocationId: invocation?.id,
      request: data,
      response: reply,
      errCode: ok ? 0 : -1,
    });
    this.ctx.log(`cloudPay.${apiName}: ${ok ? 'ok' : String(reply.err_code ?? reply.return_msg)}`);
    // Raw JSON: wx-server-sdk parses it and camelCases the fields (a JSON content type with a charset would be
    // taken for a TCB error by node-sdk).
    return { raw: Buffer.from(JSON.stringify(reply)), contentType: 'application/json' };
  }

  private dispatch(api: PayApi, d: PayData, c: PayCallContext): { reply: PayReply; order?: PayOrder } {
    switch (api) {
      case 'unifiedOrder':
        return unifiedOrder(this.ledger, d, c);
      case 'queryOrder':
        return queryOrder(this.ledger, d);
      case 'closeOrder':
        return closeOrder(this.ledger, d, c);
      case 'refund':
        return refund(this.ledger, d, c);
      case 'queryRefund':
        return queryRefund(this.ledger, d);
    }
  }

  // ---- notifications --------------------------------------------------------------------------------------

  private async notify(kind: 'payment' | 'refund', ref: string, times: number, delayMs: number, retry: boolean): Promise<void> {
    if (delayMs > 0) {
      const dueAt = this.ctx.clock.now() + delayMs;
      for (let i = 0; i < times; i++) this.queue.add({ id: newId(), kind, ref, dueAt, attempt: 1, retry });
      return;
    }
    const now = this.ctx.clock.now();
    for (let i = 0; i < times; i++) await this.deliver(kind, ref, 1, retry, now);
  }

  /**
   * Invokes the callback function once and records what it answered. `at` is when WeChat Pay sends it: the due
   * time of a delayed or retried notification (a manual clock may have jumped past it), else now. A retry is due
   * relative to it, so one long `advance` runs the whole retry schedule that falls inside it.
   */
  private async deliver(kind: 'payment' | 'refund', ref: string, attempt: number, retry: boolean, at: number): Promise<DeliveryRecord | undefined> {
    const target = this.target(kind, ref);
    if (!target) return undefined;
    const { order, refund: r, functionName } = target;
    const event = kind === 'payment' ? paymentNotifyEvent(order) : refundNotifyEvent(order, r!);
    const identity: CallerIdentity = { ...(order.payer ? { openid: order.payer } : {}), appid: order.subAppid, source: PAY_CALLBACK_SOURCE };
    let res: InvokeResult;
    try {
      res = await this.ctx.functions().invoke(functionName, event, identity);
    } catch (e) {
      res = { ok: false, code: TcbCodes.SYS_ERR, message: (e as Error).message, requestId: '', durationMs: 0 };
    }
    const rec: DeliveryRecord = {
      at,
      attempt,
      functionName,
      acknowledged: res.ok && isAcknowledged(res.result),
      ...(res.ok ? { answer: res.result } : { error: { code: res.code, message: res.message } }),
      ...(res.requestId ? { requestId: res.requestId } : {}),
    };
    (r ?? order).deliveries.push(rec);
    if (r) this.ledger.putRefund(r);
    this.ledger.putOrder(order);
    this.ledger.save();
    const answerCode = res.ok && res.result && typeof res.result === 'object' ? (res.result as { errcode?: unknown }).errcode : undefined;
    this.outbox()?.record({
      kind: 'pay-callback',
      at,
      api: kind === 'payment' ? 'cloudPay.paymentNotify' : 'cloudPay.refundNotify',
      openid: order.payer,
      ...(rec.requestId ? { invocationId: rec.requestId } : {}),
      request: { functionName, event },
      response: res.ok ? res.result : { code: res.code, message: res.message },
      errCode: rec.acknowledged ? 0 : typeof answerCode === 'number' && answerCode !== 0 ? answerCode : -1,
    });
    this.ctx.log(`${kind} notification ${order.outTradeNo} → ${functionName}: ${rec.acknowledged ? 'acknowledged' : 'not acknowledged'}`);
    if (!rec.acknowledged && retry && attempt <= RETRY_DELAYS_MS.length) {
      this.queue.add({ id: newId(), kind, ref, dueAt: at + RETRY_DELAYS_MS[attempt - 1], attempt: attempt + 1, retry });
    }
    return rec;
  }

  private target(kind: 'payment' | 'refund', ref: string): { order: PayOrder; refund?: RefundOrder; functionName: string } | undefined {
    if (kind === 'payment') {
      const order = this.ledger.order(ref);
      return order ? { order, functionName: order.functionName } : undefined;
    }
    const sep = ref.lastIndexOf('#');
    const r = this.ledger.refund(ref.slice(0, sep), ref.slice(sep + 1));
    const order = r && this.ledger.order(r.orderKey);
    return r && order && r.functionName ? { order, refund: r, functionName: r.functionName } : undefined;
  }

  // ---- control API and status -----------------------------------------------------------------------------

  routes(): Route[] {
    const simulate = async (res: import('node:http').ServerResponse, run: () => Promise<unknown>) => {
      try {
        sendJson(res, 200, await run());
      } catch (e) {
        const status = e instanceof SimulationError ? e.status : 500;
        sendJson(res, status, { code: status === 404 ? 'NOT_FOUND' : 'INVALID_REQUEST', message: (e as Error).message });
      }
    };
    return [
      {
        method: 'POST',
        path: '/_emulator/pay/simulate',
        handler: async ({ res, json }) => {
          const b = await json<SimulatePaymentOptions & { outTradeNo?: unknown }>();
          await simulate(res, async () => {
            if (typeof b.outTradeNo !== 'string' || !b.outTradeNo) throw new SimulationError(400, 'body.outTradeNo is required');
            const order = await this.simulatePayment(b.outTradeNo, b);
            return { order, refunds: this.ledger.refundsOf(order.key) };
          });
        },
      },
      {
        method: 'POST',
        path: '/_emulator/pay/simulate-refund',
        handler: async ({ res, json }) => {
          const b = await json<SimulateRefundOptions & { outRefundNo?: unknown }>();
          await simulate(res, async () => {
            if (typeof b.outRefundNo !== 'string' || !b.outRefundNo) throw new SimulationError(400, 'body.outRefundNo is required');
            return { refund: await this.simulateRefund(b.outRefundNo, b) };
          });
        },
      },
      {
        method: 'GET',
        path: '/_emulator/pay/orders',
        handler: ({ res }) => sendJson(res, 200, { orders: this.ledger.allOrders(), refunds: this.ledger.allRefunds(), scheduled: this.ledger.scheduled }),
      },
      {
        method: 'GET',
        path: '/_emulator/pay/orders/:outTradeNo',
        handler: ({ res, params, url }) => {
          const order = this.order(params.outTradeNo, url.searchParams.get('subMchId') ?? undefined);
          if (!order) return sendJson(res, 404, { code: 'NOT_FOUND', message: `no order with out_trade_no "${params.outTradeNo}"` });
          sendJson(res, 200, { order, refunds: this.ledger.refundsOf(order.key) });
        },
      },
    ];
  }

  status(): StatusSection[] {
    return [{ title: 'Payments', html: renderPayStatus(this.ledger) }];
  }

  // ---- helpers ----------------------------------------------------------------------------------------------

  private save(order: PayOrder): void {
    this.ledger.putOrder(order);
    this.ledger.save();
  }

  private invocation(token: string | undefined): InvocationInfo | undefined {
    try {
      return this.ctx.invocations().byToken(token);
    } catch {
      return undefined;
    }
  }

  private outbox(): OutboxLike | null {
    try {
      return this.ctx.service<OutboxLike>('outbox');
    } catch {
      return null;
    }
  }
}

export class SimulationError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}

function refundRef(r: RefundOrder): string {
  return `${r.orderKey}#${r.outRefundNo}`;
}

function checkOptions(opts: SimulateOptions): { times: number; delayMs: number } {
  const times = opts.times ?? 1;
  const delayMs = opts.delayMs ?? 0;
  if (!Number.isInteger(times) || times < 0 || times > 100) throw new SimulationError(400, 'times must be an integer from 0 to 100');
  if (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0) throw new SimulationError(400, 'delayMs must be a number ≥ 0');
  return { times, delayMs };
}

/** `requestData` is the JSON of the snake_cased call data (a binary multipart field). */
function parseRequestData(req: ActionRequest): PayData {
  const raw = req.files.requestData ?? (typeof req.body.requestData === 'string' ? Buffer.from(req.body.requestData, 'utf8') : undefined);
  if (!raw || !raw.length) throw new TcbError(TcbCodes.INVALID_PARAM, 'wx.wxPayApi: requestData is missing');
  let data: unknown;
  try {
    data = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new TcbError(TcbCodes.INVALID_PARAM, 'wx.wxPayApi: requestData is not JSON');
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new TcbError(TcbCodes.INVALID_PARAM, 'wx.wxPayApi: requestData must be a JSON object');
  return data as PayData;
}

export const payService = (ctx: EmulatorContext): PayService => new PayService(ctx);
