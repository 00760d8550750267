/**
 * Checkout: the server-priced quote, and order creation from a FRESH quote.
 *
 * Database calls (they do not grow with the number of lines, except the per-SKU stock reservations):
 *   quote:  reads  skus (_.in) → goods (_.in), settings (in parallel with skus)            = 3 reads
 *   create: reads  skus → goods, settings, user (lastTouch) (parallel)                     = 4 reads
 *           writes one conditional update per SKU (reserve), order insert, cart $pull      = lines + 2 writes
 *           (+ one more per SKU only to undo reservations when one fails)
 *           WeChat Pay: unifiedOrder                                                       = 1 pay call
 *   with the marketing engine (a coupon or points choice, or a member-only goods in the cart): + coupons,
 *   promotions, member account (parallel reads, server/marketing/checkout-pricing.ts); create + 1 member
 *   transaction when points are spent (server/member/points-spend.ts)
 */
import { randomInt } from 'node:crypto';
import type { CheckoutCreateInput, CheckoutCreateResult, CheckoutQuote, CheckoutQuoteInput, FulfilmentChoice } from '@typings/api/order';
import type { CouponChoice, PointsChoice } from '@typings/marketing/pricing';
import type { Touch } from '@typings/shop/attribution';
import type { GoodsDoc, SkuDoc } from '@typings/shop/catalogue';
import type { Quote, QuoteRequestItem } from '@typings/shop/checkout';
import type { OrderDoc } from '@typings/shop/order';
import { draftOrder } from '../domain/order-draft';
import { makeOrderNo, makePickupCode } from '../domain/order-no';
import { buildQuote, type DiscountEngine, normaliseRequest } from '../domain/quote';
import { releaseOps } from '../domain/stock-plan';
import type { Database } from '../lib/cloud';
import { isCollectionMissing } from '../lib/collections';
import type { ActionContext } from '../lib/context';
import { requireOpenid } from '../lib/context';
import { AppError } from '../lib/errors';
import { type CheckoutPricing, checkoutPricing, loadCheckoutMarketing, withPricing } from '../marketing/checkout-pricing';
import { couponChoiceError, giveBackCoupon, lockCoupon, moveCouponLock } from '../marketing/coupon-locks';
import { claimNewUser, moveNewUserClaim, releaseNewUser } from '../marketing/new-user-claims';
import { giveBackOrderSpend, spendForOrder } from '../member/points-spend';
import { type CheckoutSettings, loadCheckoutSettings } from './order-settings';
import { CARTS, GOODS, ORDERS, SKUS, USERS } from './order-store';
import { requestPayment } from './payment-calls';
import { isDuplicateKeyError } from './payment-issues';
import { reserveStock, runEach } from './stock-runner';

const REQUEST_MESSAGES: Record<string, string> = {
  EMPTY: '请选择要购买的商品',
  INVALID_SKU_ID: '商品参数不正确',
  INVALID_QUANTITY: '购买数量不正确',
  QUANTITY_LIMIT: '单个商品最多购买 99 件',
  TOO_MANY_LINES: '一次最多购买 50 种商品',
};

/** The validated, merged request (INVALID_INPUT otherwise). */
export function checkedItems(items: readonly QuoteRequestItem[]): QuoteRequestItem[] {
  const request = normaliseRequest(items);
  if (!request.ok) throw new AppError('INVALID_INPUT', REQUEST_MESSAGES[request.code] ?? request.message);
  return request.items;
}

/** The SKUs and their goods, with one `_.in` query each. */
export async function loadCatalogue(db: Database, skuIds: readonly string[]): Promise<{ skus: SkuDoc[]; goods: GoodsDoc[] }> {
  const _ = db.command;
  const skuRes = (await db
    .collection(SKUS)
    .where({ _id: _.in([...skuIds]) })
    .limit(Math.max(1, skuIds.length))
    .get()) as unknown as { data: SkuDoc[] };
  const goodsIds = [...new Set(skuRes.data.map((s) => s.goodsId))];
  if (goodsIds.length === 0) return { skus: skuRes.data, goods: [] };
  const goodsRes = (await db
    .collection(GOODS)
    .where({ _id: _.in(goodsIds) })
    .field({ _id: true, title: true, specs: true, images: true, onShelf: true, categoryId: true, minTier: true, noMemberDiscount: true })
    .limit(goodsIds.length)
    .get()) as unknown as { data: GoodsDoc[] };
  return { skus: skuRes.data, goods: goodsRes.data };
}

function checkFulfilment(settings: CheckoutSettings, fulfilment: FulfilmentChoice): void {
  if (fulfilment.type === 'pickup' && !settings.shop.pickupEnabled) throw new AppError('PRECONDITION_FAILED', '本店暂不支持到店自提');
  if (fulfilment.type === 'delivery' && !settings.shop.deliveryEnabled) throw new AppError('PRECONDITION_FAILED', '本店暂不支持送货上门');
}

function price(
  items: QuoteRequestItem[],
  catalogue: { skus: SkuDoc[]; goods: GoodsDoc[] },
  settings: CheckoutSettings,
  fulfilment: FulfilmentChoice,
  now: number,
  discounts?: DiscountEngine,
): Quote {
  return buildQuote({
    requested: items,
    skus: catalogue.skus,
    goods: catalogue.goods,
    fulfilment: fulfilment.type,
    shipping: settings.shop.shipping,
    now,
    ...(discounts ? { discounts } : {}),
  });
}

/**
 * The marketing engine for a coupon or points choice, or for a cart with member-only goods (3 more reads in
 * parallel: the caller's coupons, the active promotions, the member account; 2 more when a new-user offer is
 * active); none otherwise (no marketing pricing at all).
 */
async function marketingFor(
  ctx: ActionContext,
  openid: string,
  input: { coupon?: CouponChoice; points?: PointsChoice },
  goods: GoodsDoc[],
  settings: CheckoutSettings,
): Promise<CheckoutPricing | undefined> {
  if (input.coupon === undefined && input.points === undefined && !goods.some((g) => g.minTier)) return undefined;
  return checkoutPricing({
    openid,
    choice: input.coupon ?? 'none',
    ...(input.points !== undefined ? { points: input.points } : {}),
    rules: settings.pricing,
    goods,
    ...(await loadCheckoutMarketing(ctx.db, openid, ctx.now())),
  });
}

/** checkout.quote: prices the items now. */
export async function quoteCheckout(ctx: ActionContext, input: CheckoutQuoteInput): Promise<CheckoutQuote> {
  const openid = requireOpenid(ctx);
  const items = checkedItems(input.items);
  const [catalogue, settings] = await Promise.all([
    loadCatalogue(ctx.db, items.map((i) => i.skuId)),
    loadCheckoutSettings(ctx.db),
  ]);
  checkFulfilment(settings, input.fulfilment);
  const marketing = await marketingFor(ctx, openid, input, catalogue.goods, settings);
  const quote = price(items, catalogue, settings, input.fulfilment, ctx.now(), marketing?.engine);
  return withPricing(quote, marketing?.priced());
}

function lineLabel(quote: Quote, skuId: string): string {
  const line = quote.lines.find((l) => l.skuId === skuId);
  if (!line) return '商品';
  return `「${line.title}${line.specText ? ` ${line.specText}` : ''}」`;
}

/** The refusal for a quote that has problems (the first problem decides). */
function problemError(quote: Quote): AppError {
  const p = quote.problems[0];
  switch (p.code) {
    case 'NOT_FOUND':
      return new AppError('NOT_FOUND', '商品不存在或已删除');
    case 'OFF_SHELF':
      return new AppError('PRECONDITION_FAILED', `${lineLabel(quote, p.skuId)}已下架`);
    case 'INSUFFICIENT_STOCK':
      return new AppError('OUT_OF_STOCK', `${lineLabel(quote, p.skuId)}库存不足，仅剩 ${p.available ?? 0} 件`);
    default:
      return new AppError('OUT_OF_STOCK', `${lineLabel(quote, p.skuId)}已售罄`);
  }
}

async function lastTouchOf(db: Database, openid: string, now: number): Promise<Touch> {
  try {
    const res = (await db.collection(USERS).where({ _id: openid }).field({ lastTouch: true }).limit(1).get()) as unknown as {
      data: Array<{ lastTouch?: Touch }>;
    };
    const touch = res.data[0]?.lastTouch;
    if (touch && typeof touch === 'object') return touch;
  } catch (e) {
    if (!isCollectionMissing(e)) throw e;
  }
  return { at: now, scene: 1000, channel: 'other' };
}

/** Inserts the order under a fresh order number, drawing another number on the (rare) unique-index clash. */
async function insertOrder(ctx: ActionContext, build: () => Omit<OrderDoc, '_id'>): Promise<OrderDoc> {
  for (let attempt = 0; ; attempt++) {
    const doc = build();
    try {
      const res = (await ctx.db.collection(ORDERS).add({ data: doc })) as { _id: string };
      return { ...doc, _id: String(res._id) };
    } catch (e) {
      if (!isDuplicateKeyError(e) || attempt >= 2) throw e;
      ctx.log.warn('order number clash, drawing another', { orderNo: doc.orderNo });
    }
  }
}

async function removeFromCart(ctx: ActionContext, openid: string, skuIds: string[]): Promise<void> {
  const _ = ctx.db.command;
  try {
    await ctx.db
      .collection(CARTS)
      .where({ _id: openid })
      .update({ data: { items: _.pull({ skuId: _.in(skuIds) }) } });
  } catch (e) {
    ctx.log.warn('ordered items not removed from the cart', { error: e });
  }
}

/** checkout.create. */
export async function createOrder(ctx: ActionContext, input: CheckoutCreateInput): Promise<CheckoutCreateResult> {
  const openid = requireOpenid(ctx);
  const items = checkedItems(input.items);
  const address = input.fulfilment.address ?? input.address;
  if (input.fulfilment.type === 'delivery' && !address) throw new AppError('INVALID_INPUT', '请填写收货地址');

  const [catalogue, settings, attribution] = await Promise.all([
    loadCatalogue(ctx.db, items.map((i) => i.skuId)),
    loadCheckoutSettings(ctx.db),
    lastTouchOf(ctx.db, openid, ctx.now()),
  ]);
  checkFulfilment(settings, input.fulfilment);
  if (!settings.orders.subMchId) throw new AppError('PRECONDITION_FAILED', '本店尚未开通微信支付');

  const marketing = await marketingFor(ctx, openid, input, catalogue.goods, settings);
  const now = ctx.now();
  const quote = price(items, catalogue, settings, input.fulfilment, now, marketing?.engine);
  if (!quote.ok) throw problemError(quote);
  const priced = marketing?.priced();
  if (priced?.choiceProblem) throw couponChoiceError(priced.choiceProblem.code, priced.choiceProblem.message);
  if (priced && priced.blocked.length > 0) {
    const block = priced.blocked[0];
    const tierName = settings.pricing.tiers.find((t) => t.tier === block.requiredTier)?.name ?? `${block.requiredTier} 级会员`;
    throw new AppError('MEMBER_ONLY', `${lineLabel(quote, block.skuId)}仅限${tierName}及以上会员购买`);
  }
  if (input.clientQuoteTotalFen !== undefined && input.clientQuoteTotalFen !== quote.totalFen) {
    return { outcome: 'price_changed', code: 'PRICE_CHANGED', quote: withPricing(quote, priced) };
  }
  if (priced && !priced.ok) throw new AppError('FORBIDDEN', '部分商品仅限会员购买');
  const couponId = priced?.combination.couponId ?? null;
  const newUserOfferId = priced?.combination.newUser?.offerId ?? null;
  const pointsUsed = priced?.points.used ?? 0;
  let pointsSpendId: string | null = null;

  const draft = (orderNo: string = makeOrderNo(now, randomInt)) => {
    const result = draftOrder({
      quote,
      orderNo,
      openid,
      attribution,
      now,
      ...(input.fulfilment.type === 'delivery' ? { address } : { pickupCode: makePickupCode(randomInt) }),
      ...(input.remark?.trim() ? { remark: input.remark.trim() } : {}),
      unpaidTimeoutMs: settings.orders.unpaidTimeoutMs,
    });
    if (!result.ok) {
      if (result.code === 'ZERO_TOTAL') throw new AppError('PRECONDITION_FAILED', '订单金额必须大于 0');
      if (result.code === 'ADDRESS_REQUIRED') throw new AppError('INVALID_INPUT', '请填写收货地址');
      throw new Error(`order draft refused: ${result.code} ${result.message}`);
    }
    return {
      ...result.order,
      ...(couponId ? { couponId } : {}),
      ...(newUserOfferId ? { newUserOfferId } : {}),
      ...(pointsSpendId ? { points: { used: pointsUsed, deductFen: priced?.points.deductFen ?? 0, spendId: pointsSpendId } } : {}),
    };
  };
  const firstNo = makeOrderNo(now, randomInt);
  draft(firstNo); // refusals of the draft come before any write

  // one coupon, one order: the coupon is locked (available → locked) before anything else is written
  if (couponId && !(await lockCoupon(ctx, couponId, openid, firstNo))) throw new AppError('CONFLICT', '优惠券已被其他订单占用');
  const giveBack = async () => {
    if (couponId) await giveBackCoupon(ctx, couponId, firstNo).catch((e) => ctx.log.error('coupon not given back', { couponId, error: e }));
    if (newUserOfferId) await releaseNewUser(ctx, openid, firstNo).catch((e) => ctx.log.error('new-user claim not released', { error: e }));
    if (pointsSpendId) await giveBackOrderSpend(ctx, openid, firstNo, settings.pricing).catch((e) => ctx.log.error('points not given back', { error: e }));
  };
  // one new-user purchase per customer: the claim document is created, so a second checkout fails on it
  if (newUserOfferId && !(await claimNewUser(ctx, openid, newUserOfferId, firstNo))) {
    if (couponId) await giveBackCoupon(ctx, couponId, firstNo).catch((e) => ctx.log.error('coupon not given back', { couponId, error: e }));
    throw new AppError('CONFLICT', '新人专享每人限购一次，请重新确认订单');
  }
  // points: spent in one member transaction (the committed balance decides); given back if anything below fails
  if (pointsUsed > 0) {
    try {
      pointsSpendId = await spendForOrder(ctx, openid, firstNo, pointsUsed, settings.pricing);
    } catch (e) {
      await giveBack();
      // an unexpected failure may have committed the spend after all: give it back (a no-op when it did not)
      if (!(e instanceof AppError)) await giveBackOrderSpend(ctx, openid, firstNo, settings.pricing).catch((err) => ctx.log.error('points not given back', { error: err }));
      throw e;
    }
  }

  const reserved = await reserveStock(ctx.db, quote.lines, ctx.log);
  if (!reserved.ok) {
    await giveBack();
    throw new AppError('OUT_OF_STOCK', `${lineLabel(quote, reserved.failedSkuId)}库存不足`);
  }

  let order: OrderDoc;
  let attempt = 0;
  try {
    order = await insertOrder(ctx, () => draft(attempt++ === 0 ? firstNo : undefined));
  } catch (e) {
    await runEach(ctx.db, releaseOps(quote.lines), ctx.log);
    await giveBack();
    throw e;
  }
  if (couponId && order.orderNo !== firstNo) await moveCouponLock(ctx, couponId, firstNo, order.orderNo);
  if (newUserOfferId && order.orderNo !== firstNo) await moveNewUserClaim(ctx, openid, firstNo, order.orderNo);
  ctx.log.info('order created', { orderId: order._id, orderNo: order.orderNo, totalFen: order.amounts.totalFen, lines: order.lines.length });

  if (input.source !== 'buy_now') await removeFromCart(ctx, openid, order.lines.map((l) => l.skuId));

  const pay = await requestPayment(ctx, order, settings.orders.subMchId);
  return {
    outcome: 'created',
    orderId: order._id,
    orderNo: order.orderNo,
    totalFen: order.amounts.totalFen,
    expiresAt: order.expiresAt,
    payment: pay.ok ? pay.payment : null,
    ...(pay.ok ? {} : { paymentError: '支付发起失败，请在订单中重新支付' }),
  };
}
