/**
 * The demo dataset's own consistency checks (an empty list = consistent):
 * - every goods has ≥ 1 SKU, one per spec combination, whose values match its specs; prices are positive integer
 *   fen; the goods' cached price range and sales agree with its SKUs;
 * - every picture a document references is one of the dataset's files (and a PNG);
 * - SKU counters agree with the orders: reserved = units of unpaid orders, sold = units of paid orders,
 *   refundedToStock = units of successful refunds requested before the goods left the shop, and
 *   stock + reserved + sold − refundedToStock − restocked = the initial stock;
 * - every order's lines and shipping add up to its total, paid orders were paid their total, refunds add up;
 * - every member account's ledger is sound (balance = Σ entries = Σ lots ≥ 0).
 */
import type { CategoryDoc, GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import type { OrderDoc } from '../../typings/shop/order';
import { sumFen } from '../../server/domain/money';
import { expandSpecs, goodsPriceRange, matchesSpecs } from '../../server/domain/sku-matrix';
import { stockBaseline } from '../../server/domain/stock-plan';
import type { DemoShop } from './dataset';
import { isTilePng } from './images';
import type { CouponTemplate, OwnedCoupon } from '../../typings/marketing/coupon';
import type { InviteCampaign } from '../../typings/marketing/growth';
import type { MemberDoc } from '../../typings/marketing/member';
import type { Promotion } from '../../typings/marketing/promotion';
import type { Scope } from '../../typings/marketing/scope';
import { balanceOf, ledgerProblems } from '../../server/domain/pricing/points-ledger';

const isFen = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Units each SKU got back into stock from successful refunds (only those requested from paid/ready). */
function restockedByRefunds(order: OrderDoc): Map<string, number> {
  const out = new Map<string, number>();
  const requests = order.log.filter((e) => e.action === 'request_refund');
  order.refunds.forEach((refund, i) => {
    const from = requests[i]?.from;
    if (refund.status !== 'succeeded' || (from !== 'paid' && from !== 'ready')) return;
    for (const l of refund.lines) out.set(l.skuId, (out.get(l.skuId) ?? 0) + l.quantity);
  });
  return out;
}

export function demoProblems(shop: DemoShop): string[] {
  const problems: string[] = [];
  const c = shop.dataset.collections;
  const goods = c.goods as unknown as GoodsDoc[];
  const skus = c.skus as unknown as SkuDoc[];
  const orders = c.orders as unknown as OrderDoc[];
  const categories = c.categories as unknown as CategoryDoc[];
  const fileIdSet = new Set(Object.values(shop.fileIds));
  const filePaths = new Set(Object.keys(shop.dataset.files));

  for (const [cloudPath, id] of Object.entries(shop.fileIds)) {
    if (!filePaths.has(cloudPath)) problems.push(`file ${id} has no bytes`);
    else if (!isTilePng(shop.dataset.files[cloudPath])) problems.push(`file ${cloudPath} is not a demo PNG`);
  }
  const checkImage = (what: string, id: string | undefined) => {
    if (!id || !fileIdSet.has(id)) problems.push(`${what}: image ${id ?? '(none)'} is not in the dataset's files`);
  };
  checkImage('shop logo', (c.shop_settings[0] as { logo?: string }).logo);
  const categoryIds = new Set(categories.map((cat) => cat._id));
  for (const cat of categories) checkImage(`category ${cat._id}`, cat.icon);

  const skusOf = new Map<string, SkuDoc[]>();
  for (const s of skus) skusOf.set(s.goodsId, [...(skusOf.get(s.goodsId) ?? []), s]);
  for (const g of goods) {
    const own = skusOf.get(g._id) ?? [];
    if (own.length === 0) problems.push(`goods ${g._id} has no SKU`);
    if (own.length !== expandSpecs(g.specs).length) problems.push(`goods ${g._id} has ${own.length} SKUs for ${expandSpecs(g.specs).length} combinations`);
    if (!categoryIds.has(g.categoryId)) problems.push(`goods ${g._id} is in unknown category ${g.categoryId}`);
    if (g.images.length === 0) problems.push(`goods ${g._id} has no image`);
    g.images.forEach((id) => checkImage(`goods ${g._id}`, id));
    for (const s of own) {
      if (!isFen(s.priceFen) || s.priceFen <= 0) problems.push(`sku ${s._id} price ${s.priceFen} is not a positive integer fen`);
      if (s.originalPriceFen !== undefined && !isFen(s.originalPriceFen)) problems.push(`sku ${s._id} original price is not integer fen`);
      if (!matchesSpecs(g.specs, s.specValues)) problems.push(`sku ${s._id} values ${s.specValues.join('/')} do not match the specs`);
    }
    const range = goodsPriceRange(own);
    if (range && (range.minPriceFen !== g.minPriceFen || range.maxPriceFen !== g.maxPriceFen)) problems.push(`goods ${g._id} price range is stale`);
    const sold = own.reduce((n, s) => n + s.sold, 0);
    if (g.sales !== sold) problems.push(`goods ${g._id} sales ${g.sales} ≠ units sold ${sold}`);
  }

  const expected = new Map<string, { reserved: number; sold: number; refundedToStock: number }>();
  const bump = (skuId: string, field: 'reserved' | 'sold' | 'refundedToStock', n: number) => {
    const e = expected.get(skuId) ?? { reserved: 0, sold: 0, refundedToStock: 0 };
    e[field] += n;
    expected.set(skuId, e);
  };
  for (const o of orders) {
    if (sumFen(o.lines.map((l) => l.payFen)) + o.amounts.shippingFen !== o.amounts.totalFen) problems.push(`order ${o._id} does not add up`);
    for (const l of o.lines) {
      if (o.status === 'unpaid') bump(l.skuId, 'reserved', l.quantity);
      if (o.payment?.paidAt !== undefined) bump(l.skuId, 'sold', l.quantity);
      const refundedUnits = o.refunds
        .filter((r) => r.status === 'succeeded')
        .flatMap((r) => r.lines)
        .filter((rl) => rl.skuId === l.skuId)
        .reduce((n, rl) => n + rl.quantity, 0);
      if (refundedUnits !== l.refundedQuantity) problems.push(`order ${o._id} line ${l.skuId} refundedQuantity is off`);
    }
    for (const [skuId, n] of restockedByRefunds(o)) bump(skuId, 'refundedToStock', n);
    if (o.payment && o.payment.paidFen !== o.amounts.totalFen) problems.push(`order ${o._id} paid ${o.payment.paidFen} ≠ total ${o.amounts.totalFen}`);
    const refunded = sumFen(o.refunds.filter((r) => r.status === 'succeeded').map((r) => r.amountFen));
    if (refunded > o.amounts.totalFen) problems.push(`order ${o._id} refunded more than it was paid`);
    if (o.status === 'refunded' && refunded !== o.amounts.totalFen) problems.push(`order ${o._id} is refunded but ${refunded} ≠ ${o.amounts.totalFen}`);
  }
  for (const s of skus) {
    const e = expected.get(s._id) ?? { reserved: 0, sold: 0, refundedToStock: 0 };
    for (const field of ['stock', 'reserved', 'sold', 'refundedToStock', 'restocked'] as const) {
      if (!Number.isSafeInteger(s[field]) || (field !== 'restocked' && s[field] < 0)) problems.push(`sku ${s._id} ${field} = ${s[field]}`);
    }
    if (s.reserved !== e.reserved) problems.push(`sku ${s._id} reserved ${s.reserved} ≠ units of unpaid orders ${e.reserved}`);
    if (s.sold !== e.sold) problems.push(`sku ${s._id} sold ${s.sold} ≠ units of paid orders ${e.sold}`);
    if (s.refundedToStock !== e.refundedToStock) problems.push(`sku ${s._id} refundedToStock ${s.refundedToStock} ≠ ${e.refundedToStock}`);
    if (stockBaseline(s) !== shop.initialStock[s._id]) problems.push(`sku ${s._id} baseline ${stockBaseline(s)} ≠ initial stock ${shop.initialStock[s._id]}`);
  }
  for (const m of (c.members ?? []) as unknown as MemberDoc[]) {
    for (const p of ledgerProblems({ balance: m.balance, lots: m.lots, entries: m.entries })) problems.push(`member ${m._id}: ${p}`);
    if (m.balance !== balanceOf(m.entries)) problems.push(`member ${m._id}: stored balance ≠ Σ ledger`);
  }
  problems.push(...marketingProblems(shop, new Set(goods.map((g) => g._id)), categoryIds));
  return problems;
}

/** Coupons belong to known templates within their limits, and promotions and templates name real goods and categories. */
function marketingProblems(shop: DemoShop, goodsIds: Set<string>, categoryIds: Set<string>): string[] {
  const problems: string[] = [];
  const c = shop.dataset.collections;
  const templates = (c.coupon_templates ?? []) as unknown as CouponTemplate[];
  const coupons = (c.user_coupons ?? []) as unknown as OwnedCoupon[];
  const scopeProblem = (what: string, scope: Scope) => {
    if (scope.type === 'categories') scope.categoryIds.filter((id) => !categoryIds.has(id)).forEach((id) => problems.push(`${what}: unknown category ${id}`));
    if (scope.type === 'goods') scope.goodsIds.filter((id) => !goodsIds.has(id)).forEach((id) => problems.push(`${what}: unknown goods ${id}`));
  };
  for (const t of templates) {
    scopeProblem(`template ${t._id}`, t.scope);
    const issued = coupons.filter((k) => k.templateId === t._id);
    if (issued.length !== t.issuedCount) problems.push(`template ${t._id}: issuedCount ${t.issuedCount} ≠ ${issued.length} coupons`);
    if (t.totalQuantity !== null && t.issuedCount > t.totalQuantity) problems.push(`template ${t._id}: more issued than its total`);
    const perUser = new Map<string, number>();
    for (const k of issued) perUser.set(k.openid, (perUser.get(k.openid) ?? 0) + 1);
    for (const [openid, n] of perUser) if (n > t.perUserLimit) problems.push(`template ${t._id}: ${openid} holds ${n} > ${t.perUserLimit}`);
  }
  const templateIds = new Set(templates.map((t) => t._id));
  for (const k of coupons) if (!templateIds.has(k.templateId)) problems.push(`coupon ${k._id}: unknown template ${k.templateId}`);
  for (const p of (c.promotions ?? []) as unknown as Promotion[]) {
    if (p.kind === 'full_reduction') scopeProblem(`promotion ${p._id}`, p.scope);
    else p.items.filter((it) => !goodsIds.has(it.goodsId)).forEach((it) => problems.push(`promotion ${p._id}: unknown goods ${it.goodsId}`));
  }
  for (const campaign of (c.campaigns ?? []) as unknown as InviteCampaign[]) {
    for (const id of [campaign.inviterTemplateId, campaign.inviteeTemplateId]) if (!templateIds.has(id)) problems.push(`campaign ${campaign._id}: unknown template ${id}`);
  }
  return problems;
}
