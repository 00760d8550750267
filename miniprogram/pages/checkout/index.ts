// Checkout: the items (the cart's selected lines, or a buy-now item), pickup or delivery (address from
// wx.chooseAddress), the server's quote, a remark, then: subscription messages → checkout.create (from a fresh
// server quote) → wx.requestPayment → the pay-result page. The client never sends a price, only the total it showed.
// Coupons: the quote asks the marketing engine for the best coupon (`coupon: 'best'`); the picker (a popup built from
// `pricing.couponOptions`) re-quotes with the customer's pick (`{couponId}` or 'none'), which checkout.create sends.
import type { CheckoutItem, CheckoutQuote, QuotePricing } from '../../../typings/api/order';
import type { CouponChoice } from '../../../typings/marketing/pricing';
import type { QuoteProblem } from '../../../typings/shop/checkout';
import type { DeliveryAddress } from '../../../typings/shop/order';
import { getCart } from '../../services/cart';
import { CloudError, userMessage } from '../../services/cloud';
import { chooseAddress, createOrder, quoteCheckout, requestPayment } from '../../services/order';
import { askOrderSubscriptions } from '../../services/order-subscribe';
import { dateText } from '../../services/marketing';
import { getShopSettings } from '../../services/shop';
import { track } from '../../services/tracking';
import { price } from '../../utils/money';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';
type Fulfilment = 'pickup' | 'delivery';

interface Row {
  skuId: string;
  title: string;
  specText: string;
  image: string;
  priceText: string;
  quantity: number;
  problemText: string;
}

interface DiscountRow {
  key: string;
  reason: string;
  amountText: string;
}

interface CouponRow {
  couponId: string;
  title: string;
  /** Usable: `-¥5.00`; unusable: ''. */
  valueText: string;
  usable: boolean;
  /** Unusable: why (the engine's text). */
  reasonText: string;
  selected: boolean;
  recommended: boolean;
  /** `有效期至 2026-11-25`. */
  expiryText: string;
}

const PROBLEM_TEXT: Record<QuoteProblem['code'], string> = {
  NOT_FOUND: '商品已不存在',
  OFF_SHELF: '已下架',
  OUT_OF_STOCK: '已售罄',
  INSUFFICIENT_STOCK: '库存不足',
};

/** The items of a buy-now link (`?items=[{skuId, quantity}]`, URI-encoded JSON); [] when malformed. */
function itemsFromQuery(raw: string | undefined): CheckoutItem[] {
  if (!raw) return [];
  try {
    const parsed = JSON.parse(decodeURIComponent(raw)) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((i): i is CheckoutItem => !!i && typeof i.skuId === 'string' && Number.isInteger(i.quantity) && i.quantity > 0)
      .map((i) => ({ skuId: i.skuId, quantity: i.quantity }));
  } catch {
    return [];
  }
}

function couponRows(pricing: QuotePricing): CouponRow[] {
  const rows = pricing.couponOptions.map((o) => ({
    couponId: o.couponId,
    title: o.title,
    valueText: o.usable ? `-${price(o.valueFen)}` : '',
    usable: o.usable,
    reasonText: o.usable ? '' : (o.message ?? '不可用'),
    selected: o.couponId === pricing.couponId,
    recommended: o.recommended,
    expiryText: `有效期至 ${dateText(o.validUntil - 1)}`,
  }));
  // usable first (the most valuable on top), unusable greyed below
  return rows.sort((a, b) => Number(b.usable) - Number(a.usable));
}

/** The coupon cell's note: the chosen coupon's value, or how many could be used. */
function couponNote(pricing: QuotePricing, rows: CouponRow[]): string {
  const chosen = rows.find((r) => r.couponId === pricing.couponId);
  if (chosen) return chosen.valueText;
  const usable = rows.filter((r) => r.usable).length;
  return usable ? `${usable} 张可用` : rows.length ? '暂无可用' : '无';
}

function addressText(a: DeliveryAddress | null): string {
  return a ? `${a.province}${a.city}${a.district}${a.detail}` : '';
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    items: [] as CheckoutItem[],
    source: 'cart' as 'cart' | 'buy_now',
    fulfilment: 'pickup' as Fulfilment,
    pickupEnabled: true,
    deliveryEnabled: false,
    address: null as DeliveryAddress | null,
    addressText: '',
    quote: null as CheckoutQuote | null,
    rows: [] as Row[],
    /** What the customer picked: the engine's best (default), none, or one coupon. */
    couponChoice: 'best' as CouponChoice,
    /** The quote came with the engine's pricing (a coupon cell is shown). */
    hasPricing: false,
    couponRows: [] as CouponRow[],
    couponTitle: '',
    couponNote: '',
    couponProblemText: '',
    couponPickerVisible: false,
    discountRows: [] as DiscountRow[],
    goodsText: '',
    discountText: '',
    shippingText: '',
    totalText: '',
    problemText: '',
    remark: '',
    submitting: false,
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad(query: Record<string, string | undefined>) {
      const buyNow = itemsFromQuery(query.items);
      this.setData({ source: buyNow.length ? 'buy_now' : 'cart', items: buyNow });
      track({ type: 'checkout_start', page: 'pages/checkout/index' });
      void this.load();
    },

    async load(): Promise<void> {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const [settings, items] = await Promise.all([getShopSettings(), this.data.source === 'cart' ? this.cartItems() : Promise.resolve(this.data.items)]);
        if (!items.length) {
          this.setData({ status: 'error', errorMessage: '没有要结算的商品' });
          return;
        }
        const fulfilment: Fulfilment = settings.pickupEnabled || !settings.deliveryEnabled ? this.data.fulfilment : 'delivery';
        this.setData({ items, pickupEnabled: settings.pickupEnabled, deliveryEnabled: settings.deliveryEnabled, fulfilment });
        await this.requote();
        this.setData({ status: 'ready' });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    /** The cart's selected lines that can be bought. */
    async cartItems(): Promise<CheckoutItem[]> {
      const cart = await getCart();
      return cart.items.filter((i) => i.selected && i.state === 'OK').map((i) => ({ skuId: i.skuId, quantity: i.quantity }));
    },

    async requote(): Promise<void> {
      const quote = await quoteCheckout(this.data.items, { type: this.data.fulfilment }, this.data.couponChoice);
      this.showQuote(quote);
    },

    showQuote(quote: CheckoutQuote) {
      const problems = new Map(quote.problems.map((p) => [p.skuId, p]));
      const rows: Row[] = quote.lines.map((l) => {
        const p = problems.get(l.skuId);
        return {
          skuId: l.skuId,
          title: l.title,
          specText: l.specText,
          image: l.image,
          priceText: price(l.unitPriceFen),
          quantity: l.quantity,
          problemText: p ? (p.code === 'INSUFFICIENT_STOCK' ? `仅剩 ${p.available ?? 0} 件` : PROBLEM_TEXT[p.code]) : '',
        };
      });
      const missing = quote.problems.filter((p) => p.code === 'NOT_FOUND').length;
      this.setData({
        quote,
        rows,
        goodsText: price(quote.goodsFen),
        discountText: quote.discountFen ? `-${price(quote.discountFen)}` : '',
        shippingText: quote.shippingFen ? price(quote.shippingFen) : '免运费',
        totalText: price(quote.totalFen),
        problemText: quote.ok ? '' : missing ? `${missing} 件商品已不存在，请返回修改` : '部分商品无法购买，请返回修改',
        discountRows: quote.discounts.map((d, i) => ({ key: `${d.kind}-${i}`, reason: d.reason, amountText: `-${price(d.amountFen)}` })),
      });
      if (quote.pricing) this.showPricing(quote.pricing);
    },

    /** The coupon cell and picker from the engine's answer. */
    showPricing(pricing: QuotePricing) {
      const rows = couponRows(pricing);
      const chosen = rows.find((r) => r.couponId === pricing.couponId);
      this.setData({
        hasPricing: true,
        couponRows: rows,
        couponTitle: chosen ? chosen.title : '',
        couponNote: couponNote(pricing, rows),
        couponProblemText: pricing.choiceProblem ? pricing.choiceProblem.message : '',
      });
    },

    onOpenCoupons() {
      if (!this.data.submitting) this.setData({ couponPickerVisible: true });
    },

    onCloseCoupons() {
      this.setData({ couponPickerVisible: false });
    },

    onCouponPickerVisibleChange(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
      this.setData({ couponPickerVisible: e.detail.visible });
    },

    /** A tap on a coupon (data-id = its id) or on "不使用优惠券" (data-id = 'none'): re-quote with that choice. */
    async onPickCoupon(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      const row = this.data.couponRows.find((r) => r.couponId === id);
      if (id !== 'none' && !row?.usable) {
        if (row) wx.showToast({ title: row.reasonText, icon: 'none' });
        return;
      }
      const previous = this.data.couponChoice;
      this.setData({ couponChoice: id === 'none' ? 'none' : { couponId: id }, couponPickerVisible: false });
      try {
        await this.requote();
      } catch (err) {
        this.setData({ couponChoice: previous });
        wx.showToast({ title: userMessage(err), icon: 'none' });
      }
    },

    async onChooseFulfilment(e: WechatMiniprogram.TouchEvent) {
      const type = e.currentTarget.dataset.type as Fulfilment;
      if (type === this.data.fulfilment || this.data.submitting) return;
      this.setData({ fulfilment: type });
      try {
        await this.requote();
      } catch (err) {
        wx.showToast({ title: userMessage(err), icon: 'none' });
      }
    },

    async onChooseAddress() {
      const address = await chooseAddress();
      if (address) this.setData({ address, addressText: addressText(address) });
    },

    onRemark(e: WechatMiniprogram.Input) {
      this.setData({ remark: e.detail.value });
    },

    async onSubmit() {
      const { quote, fulfilment, address, items, remark, source } = this.data;
      if (!quote || this.data.submitting) return;
      if (!quote.ok) {
        wx.showToast({ title: this.data.problemText || '部分商品无法购买', icon: 'none' });
        return;
      }
      if (fulfilment === 'delivery' && !address) {
        wx.showToast({ title: '请选择收货地址', icon: 'none' });
        return;
      }
      this.setData({ submitting: true });
      try {
        await askOrderSubscriptions(fulfilment);
        const created = await createOrder({
          items,
          fulfilment: fulfilment === 'delivery' && address ? { type: fulfilment, address } : { type: fulfilment },
          ...(remark.trim() ? { remark: remark.trim() } : {}),
          clientQuoteTotalFen: quote.totalFen,
          source,
          coupon: this.data.couponChoice,
        });
        if (created.outcome === 'price_changed') {
          this.showQuote(created.quote);
          wx.showModal({ title: '价格有变化', content: `订单金额已更新为 ${price(created.quote.totalFen)}，请确认后重新提交`, showCancel: false });
          return;
        }
        if (!created.payment) {
          wx.showToast({ title: created.paymentError ?? '支付发起失败', icon: 'none' });
          wx.redirectTo({ url: `/pages/order-detail/index?id=${created.orderId}` });
          return;
        }
        const paid = await requestPayment(created.payment).catch(() => false);
        wx.redirectTo({ url: paid ? `/pages/pay-result/index?orderId=${created.orderId}` : `/pages/order-detail/index?id=${created.orderId}` });
      } catch (e) {
        const message = userMessage(e);
        wx.showToast({ title: message, icon: 'none' });
        // stock or availability changed: show the current quote
        // the chosen coupon can no longer be used (taken by another order, expired…): back to the engine's best
        if (e instanceof CloudError && typeof this.data.couponChoice === 'object' && ['CONFLICT', 'PRECONDITION_FAILED', 'NOT_FOUND'].includes(e.code)) {
          this.setData({ couponChoice: 'best' });
        }
        if (e instanceof CloudError && (e.code === 'OUT_OF_STOCK' || e.code === 'PRECONDITION_FAILED' || e.code === 'NOT_FOUND' || e.code === 'CONFLICT')) {
          await this.requote().catch(() => undefined);
        }
      } finally {
        this.setData({ submitting: false });
      }
    },

    onRetry() {
      void this.load();
    },
  },
});
