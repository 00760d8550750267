/**
 * The demo shop's orders, built with the shop's own domain modules — buildQuote → draftOrder → reserve stock →
 * transition() event by event, carrying out each transition's stock effects on the SKU counters (stock-plan) and
 * updating refunds as server/orders/apply-transition does — so the seeded orders, SKU counters and goods sales
 * agree exactly as if customers and staff had done it through the functions.
 */
import type { Touch } from '../../typings/shop/attribution';
import type { GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import type { FulfilmentType, ShippingRule } from '../../typings/shop/checkout';
import type { Actor, DeliveryAddress, OrderDoc, OrderEvent } from '../../typings/shop/order';
import { draftOrder } from '../../server/domain/order-draft';
import { makeOrderNo, makePickupCode } from '../../server/domain/order-no';
import { transition, type TransitionOptions } from '../../server/domain/order-state';
import { buildQuote } from '../../server/domain/quote';
import { openRefund, planFullRefund, planLineRefund, updateOpenRefund } from '../../server/domain/refund';
import { applyStockOp, commitOps, releaseOps, reserveOps, restockOps, salesIncrements, type StockOp } from '../../server/domain/stock-plan';
import type { Rng } from './rng';

export const DEMO_CUSTOMER = 'demo-customer';
export const DEMO_STAFF = 'demo-staff';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const DEMO_ADDRESS: DeliveryAddress = {
  name: '张小满',
  phone: '13800138000',
  province: '上海市',
  city: '上海市',
  district: '徐汇区',
  detail: '衡山路 12 号 3 楼 302',
  postalCode: '200031',
};

/** One step of an order's life after it was placed. */
export type Step =
  | { event: Exclude<OrderEvent, 'request_refund' | 'ship'>; after: number; note?: string }
  | { event: 'ship'; after: number; company: string; trackingNo: string }
  | { event: 'request_refund'; after: number; reason: string; by: 'customer' | 'staff'; lines?: Array<[string, string[], number]> };

export interface DemoOrderPlan {
  id: string;
  openid: string;
  /** How long before `now` the order was placed. */
  ago: number;
  fulfilment: FulfilmentType;
  /** [goods id, spec values, quantity] */
  items: Array<[string, string[], number]>;
  steps: Step[];
  remark?: string;
  touch: Pick<Touch, 'scene' | 'channel' | 'store' | 'table' | 'campaign' | 'qr' | 'referrer'>;
}

/** A few orders in each state (newest first). */
export const DEMO_ORDER_PLANS: DemoOrderPlan[] = [
  { id: 'demo-o-01', openid: DEMO_CUSTOMER, ago: 3 * MINUTE, fulfilment: 'pickup', items: [['g-latte', ['大杯', '冰', '燕麦奶'], 1], ['g-croissant', ['原味', '单个'], 1]], steps: [], touch: { scene: 1047, channel: 'qr', store: 'main', table: 'A3' } },
  { id: 'demo-o-02', openid: 'demo-customer-2', ago: 20 * MINUTE, fulfilment: 'pickup', items: [['g-americano', ['中杯', '冰'], 2]], steps: [{ event: 'pay', after: MINUTE }], remark: '少冰', touch: { scene: 1047, channel: 'qr', store: 'main', table: 'B1' } },
  { id: 'demo-o-03', openid: DEMO_CUSTOMER, ago: 45 * MINUTE, fulfilment: 'pickup', items: [['g-tiramisu', ['切块'], 1], ['g-flatwhite', ['小杯', '热'], 1]], steps: [{ event: 'pay', after: MINUTE }, { event: 'mark_ready', after: 12 * MINUTE }], touch: { scene: 1001, channel: 'direct' } },
  { id: 'demo-o-04', openid: DEMO_CUSTOMER, ago: 60 * MINUTE, fulfilment: 'pickup', items: [['g-basque', ['6寸整只'], 1]], steps: [{ event: 'pay', after: MINUTE }, { event: 'request_refund', after: 10 * MINUTE, reason: '临时有事，来不了店里', by: 'customer' }], touch: { scene: 1007, channel: 'share' } },
  { id: 'demo-o-05', openid: DEMO_CUSTOMER, ago: 2 * HOUR, fulfilment: 'delivery', items: [['g-beans-house', ['500g', '咖啡豆'], 1], ['g-dripbag', ['12包装'], 1]], steps: [{ event: 'pay', after: 2 * MINUTE }], remark: '请尽快发货，谢谢', touch: { scene: 1001, channel: 'direct' } },
  { id: 'demo-o-06', openid: 'demo-customer-2', ago: 1 * DAY, fulfilment: 'delivery', items: [['g-mug', ['奶白'], 1]], steps: [{ event: 'pay', after: MINUTE }, { event: 'ship', after: 3 * HOUR, company: '顺丰速运', trackingNo: 'SF1420937568123' }], touch: { scene: 1089, channel: 'direct' } },
  { id: 'demo-o-07', openid: DEMO_CUSTOMER, ago: 1 * DAY + 2 * HOUR, fulfilment: 'pickup', items: [['g-cappuccino', ['大杯', '热'], 1], ['g-cinnamon', ['4个装'], 1]], steps: [{ event: 'pay', after: MINUTE }, { event: 'mark_ready', after: 8 * MINUTE }, { event: 'verify_pickup', after: 20 * MINUTE }], touch: { scene: 1047, channel: 'qr', store: 'main', table: 'A1' } },
  { id: 'demo-o-08', openid: 'demo-customer-3', ago: 2 * DAY, fulfilment: 'pickup', items: [['g-matcha', ['中杯', '冰', '少糖'], 2], ['g-bagel', ['蓝莓', '奶油奶酪'], 2]], steps: [{ event: 'pay', after: MINUTE }, { event: 'request_refund', after: 5 * MINUTE, reason: '贝果少做了一个', by: 'staff', lines: [['g-bagel', ['蓝莓', '奶油奶酪'], 1]] }, { event: 'approve_refund', after: 1 * MINUTE }, { event: 'refund_succeeded', after: 2 * MINUTE }, { event: 'verify_pickup', after: 15 * MINUTE }], touch: { scene: 1047, channel: 'qr', store: 'main', table: 'C2' } },
  { id: 'demo-o-09', openid: DEMO_CUSTOMER, ago: 3 * DAY, fulfilment: 'pickup', items: [['g-mocha', ['中杯', '热'], 1]], steps: [{ event: 'cancel', after: 4 * MINUTE, note: '点错了' }], touch: { scene: 1001, channel: 'direct' } },
  { id: 'demo-o-10', openid: 'demo-customer-3', ago: 4 * DAY, fulfilment: 'delivery', items: [['g-beans-yunnan', ['250g', '中细研磨（手冲）'], 2]], steps: [{ event: 'timeout', after: 16 * MINUTE }], touch: { scene: 1037, channel: 'other' } },
  { id: 'demo-o-11', openid: DEMO_CUSTOMER, ago: 5 * DAY, fulfilment: 'delivery', items: [['g-beans-yirga', ['250g', '咖啡豆'], 1], ['g-tumbler', ['350ml', '黑'], 1]], steps: [{ event: 'pay', after: MINUTE }, { event: 'ship', after: 5 * HOUR, company: '中通快递', trackingNo: 'ZT7731905521' }, { event: 'confirm_receipt', after: 2 * DAY }], touch: { scene: 1007, channel: 'share', campaign: 'friend' } },
  { id: 'demo-o-12', openid: 'demo-customer-2', ago: 6 * DAY, fulfilment: 'delivery', items: [['g-beans-house', ['250g', '细研磨（意式）'], 1]], steps: [{ event: 'pay', after: MINUTE }, { event: 'request_refund', after: HOUR, reason: '拍错了研磨度', by: 'customer' }, { event: 'approve_refund', after: 2 * HOUR }, { event: 'refund_succeeded', after: MINUTE }], touch: { scene: 1047, channel: 'qr', store: 'main' } },
];

export interface DemoOrdersInput {
  now: number;
  rng: Rng;
  goods: GoodsDoc[];
  /** Mutated: counters follow the orders. */
  skus: SkuDoc[];
  shipping: ShippingRule;
}

function runOps(skus: Map<string, SkuDoc>, ops: readonly StockOp[], what: string): void {
  for (const op of ops) {
    const sku = skus.get(op.skuId);
    const next = sku && applyStockOp(sku, op);
    if (!sku || !next) throw new Error(`demo orders: ${what} refused for sku ${op.skuId}`);
    Object.assign(sku, next);
  }
}

function actorFor(event: OrderEvent, openid: string, step?: Step): Actor {
  switch (event) {
    case 'pay':
    case 'refund_succeeded':
    case 'refund_failed':
      return { role: 'system', id: 'wxpay' };
    case 'timeout':
    case 'auto_confirm':
      return { role: 'system', id: 'system' };
    case 'cancel':
    case 'confirm_receipt':
    case 'withdraw_refund':
      return { role: 'customer', id: openid };
    case 'request_refund':
      return step && step.event === 'request_refund' && step.by === 'customer' ? { role: 'customer', id: openid } : { role: 'staff', id: DEMO_STAFF };
    default:
      return { role: 'staff', id: DEMO_STAFF };
  }
}

/** Builds the orders of the plans (default: the demo's few), updating the SKUs' counters and the goods' sales. */
export function buildDemoOrders(input: DemoOrdersInput, plans: readonly DemoOrderPlan[] = DEMO_ORDER_PLANS): OrderDoc[] {
  const skuById = new Map(input.skus.map((s) => [s._id, s]));
  const goodsById = new Map(input.goods.map((g) => [g._id, g]));
  const skuByValues = new Map(input.skus.map((s) => [`${s.goodsId}|${s.specValues.join('|')}`, s]));
  const skuOf = (goodsId: string, values: string[]): SkuDoc => {
    const sku = skuByValues.get(`${goodsId}|${values.join('|')}`);
    if (!sku) throw new Error(`demo orders: no sku ${goodsId} ${values.join('/')}`);
    return sku;
  };
  const orders: OrderDoc[] = [];
  // oldest first, so counters move in time order
  for (const plan of [...plans].sort((a, b) => b.ago - a.ago)) {
    const createdAt = input.now - plan.ago;
    const requested = plan.items.map(([goodsId, values, quantity]) => ({ skuId: skuOf(goodsId, values)._id, quantity }));
    const quote = buildQuote({ requested, skus: input.skus, goods: input.goods, fulfilment: plan.fulfilment, shipping: input.shipping, now: createdAt });
    if (!quote.ok) throw new Error(`demo orders: ${plan.id} cannot be quoted: ${JSON.stringify(quote.problems)}`);
    const draft = draftOrder({
      quote,
      orderNo: makeOrderNo(createdAt, input.rng.int),
      openid: plan.openid,
      attribution: { at: createdAt, ...plan.touch },
      now: createdAt,
      ...(plan.fulfilment === 'delivery' ? { address: DEMO_ADDRESS } : { pickupCode: makePickupCode(input.rng.int) }),
      ...(plan.remark ? { remark: plan.remark } : {}),
    });
    if (!draft.ok) throw new Error(`demo orders: ${plan.id}: ${draft.message}`);
    let order: OrderDoc = { _id: plan.id, ...draft.order };
    runOps(skuById, reserveOps(order.lines), `reserve ${plan.id}`);

    let at = createdAt;
    for (const step of plan.steps) {
      at += step.after;
      if (at > input.now) throw new Error(`demo orders: ${plan.id} ${step.event} would happen in the future`);
      order = applyStep(order, step, at, skuById, goodsById, skuOf);
    }
    orders.push(order);
  }
  return orders.sort((a, b) => b.createdAt - a.createdAt);
}

function applyStep(
  order: OrderDoc,
  step: Step,
  at: number,
  skus: Map<string, SkuDoc>,
  goods: Map<string, GoodsDoc>,
  skuOf: (goodsId: string, values: string[]) => SkuDoc,
): OrderDoc {
  const actor = actorFor(step.event, order.openid, step);
  const opts: TransitionOptions = {};
  if (step.event === 'pay') opts.amountFen = order.amounts.totalFen;
  if (step.event === 'refund_succeeded') opts.amountFen = openRefund(order)?.amountFen;
  if ('note' in step && step.note) opts.note = step.note;
  if (step.event === 'ship') opts.note = `${step.company} ${step.trackingNo}`;

  let newRefund;
  if (step.event === 'request_refund') {
    opts.note = step.reason;
    const lines = step.lines?.map(([goodsId, values, quantity]) => ({ skuId: skuOf(goodsId, values)._id, quantity }));
    const plan = lines ? planLineRefund(order, lines, { reason: step.reason, at }) : planFullRefund(order, { reason: step.reason, at });
    if (!plan.ok) throw new Error(`demo orders: ${order._id} refund plan: ${plan.message}`);
    newRefund = plan.refund;
  }

  const decided = transition(order, step.event, actor, at, opts);
  if (!decided.ok) throw new Error(`demo orders: ${order._id} ${step.event}: ${decided.message}`);

  let { refunds, lines } = order;
  if (decided.refundStatus === 'requested') refunds = [...refunds, newRefund!];
  else if (decided.refundStatus) ({ refunds, lines } = updateOpenRefund(order, decided.refundStatus, at));

  const next: OrderDoc = { ...order, status: decided.status, refunds, lines, log: [...order.log, decided.logEntry] };
  if (decided.refundResumeStatus === null) delete next.refundResumeStatus;
  else next.refundResumeStatus = decided.refundResumeStatus;
  if (step.event === 'pay') {
    next.payment = { transactionId: `4200000${String(at).slice(-10)}${order.orderNo.slice(-6)}`.slice(0, 28), paidFen: order.amounts.totalFen, paidAt: at };
  }
  if (step.event === 'ship') {
    next.fulfilment = { ...order.fulfilment, shipping: { company: step.company, trackingNo: step.trackingNo, shippedAt: at } };
  }

  for (const effect of decided.effects) {
    if (effect === 'commitStock') {
      runOps(skus, commitOps(next.lines), `commit ${order._id}`);
      for (const { goodsId, quantity } of salesIncrements(next.lines)) {
        const g = goods.get(goodsId);
        if (g) g.sales += quantity;
      }
    } else if (effect === 'releaseStock') {
      runOps(skus, releaseOps(next.lines), `release ${order._id}`);
    } else if (effect === 'restock') {
      const refund = openRefund(order);
      if (refund) runOps(skus, restockOps(refund.lines), `restock ${order._id}`);
    }
  }
  return next;
}
