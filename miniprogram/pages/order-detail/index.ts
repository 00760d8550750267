// One of the customer's orders: status, pickup code and its QR (order.pickupQr), lines and amounts, refunds, the
// timeline, and what the customer may do now (the server's `actions`): pay again, cancel, confirm receipt, ask for
// a refund (whole order or some units of some lines), withdraw it. Contact button for customer service.
import type { CustomerOrderAction, OrderView } from '../../../typings/api/order';
import type { RefundStatus } from '../../../typings/shop/order';
import { userMessage } from '../../services/cloud';
import {
  cancelOrder,
  confirmReceipt,
  getOrder,
  ORDER_STATUS_TEXT,
  pickupQr,
  repayOrder,
  requestPayment,
  requestRefund,
  withdrawRefund,
} from '../../services/order';
import { price } from '../../utils/money';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';

interface LineRow {
  skuId: string;
  title: string;
  specText: string;
  image: string;
  priceText: string;
  quantity: number;
  payText: string;
  refundedText: string;
  /** Units that may still be refunded. */
  refundable: number;
  /** Units chosen in the refund panel. */
  refundQty: number;
}

const REFUND_STATUS_TEXT: Record<RefundStatus, string> = {
  requested: '待商家处理',
  processing: '退款中',
  succeeded: '已退款',
  failed: '退款失败，商家处理中',
  rejected: '商家已拒绝',
  withdrawn: '已撤销',
};

const ACTION_TEXT: Record<string, string> = {
  create: '下单',
  pay: '支付成功',
  cancel: '取消订单',
  timeout: '超时未支付，已取消',
  mark_ready: '商品已备好',
  ship: '已发货',
  verify_pickup: '已取货',
  confirm_receipt: '确认收货',
  auto_confirm: '自动确认收货',
  request_refund: '申请退款',
  withdraw_refund: '撤销退款申请',
  approve_refund: '商家同意退款',
  reject_refund: '商家拒绝退款',
  refund_succeeded: '退款成功',
  refund_failed: '退款失败',
};

function two(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** `MM-DD HH:mm` in China time. */
function when(ms: number): string {
  const d = new Date(ms + 8 * 3600_000);
  return `${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    orderId: '',
    order: null as OrderView | null,
    statusText: '',
    lines: [] as LineRow[],
    goodsText: '',
    discountText: '',
    shippingText: '',
    totalText: '',
    refunds: [] as Array<{ refundNo: string; amountText: string; statusText: string; reason: string }>,
    timeline: [] as Array<{ at: string; text: string }>,
    actions: {} as Partial<Record<CustomerOrderAction, boolean>>,
    qrUrl: '',
    busy: false,
    refundVisible: false,
    refundReason: '',
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad(query: Record<string, string | undefined>) {
      this.setData({ orderId: query.id ?? query.orderId ?? '' });
      void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    async load(): Promise<void> {
      if (!this.data.orderId) {
        this.setData({ status: 'error', errorMessage: '缺少订单信息' });
        return;
      }
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        this.show(await getOrder(this.data.orderId));
        this.setData({ status: 'ready' });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    show(order: OrderView) {
      const actions: Partial<Record<CustomerOrderAction, boolean>> = {};
      for (const a of order.actions) actions[a] = true;
      this.setData({
        order,
        statusText: ORDER_STATUS_TEXT[order.status],
        lines: order.lines.map((l) => ({
          skuId: l.skuId,
          title: l.title,
          specText: l.specText,
          image: l.image,
          priceText: price(l.unitPriceFen),
          quantity: l.quantity,
          payText: price(l.payFen),
          refundedText: l.refundedQuantity ? `已退 ${l.refundedQuantity} 件` : '',
          refundable: l.quantity - l.refundedQuantity,
          refundQty: l.quantity - l.refundedQuantity,
        })),
        goodsText: price(order.amounts.goodsFen),
        discountText: order.amounts.discountFen ? `-${price(order.amounts.discountFen)}` : '',
        shippingText: order.amounts.shippingFen ? price(order.amounts.shippingFen) : '免运费',
        totalText: price(order.amounts.totalFen),
        refunds: order.refunds.map((r) => ({ refundNo: r.refundNo, amountText: price(r.amountFen), statusText: REFUND_STATUS_TEXT[r.status], reason: r.reason })),
        timeline: [...order.timeline].reverse().map((t) => ({ at: when(t.at), text: `${ACTION_TEXT[t.action] ?? t.action}${t.note ? `：${t.note}` : ''}` })),
        actions,
        refundVisible: false,
      });
      if (actions.pickupQr) void this.loadQr();
      else this.setData({ qrUrl: '' });
    },

    async loadQr(): Promise<void> {
      try {
        const { url } = await pickupQr(this.data.orderId);
        this.setData({ qrUrl: url });
      } catch (e) {
        console.warn('pickup QR unavailable', e);
      }
    },

    /** Runs one action with a busy flag; shows the server's refusal as a toast. */
    async run(work: () => Promise<OrderView | void>): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        const order = await work();
        if (order) this.show(order);
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
        await this.load();
      } finally {
        this.setData({ busy: false });
      }
    },

    confirm(content: string): Promise<boolean> {
      return new Promise((resolve) => wx.showModal({ title: '提示', content, success: (r) => resolve(r.confirm), fail: () => resolve(false) }));
    },

    onPay() {
      void this.run(async () => {
        const { payment } = await repayOrder(this.data.orderId);
        const paid = await requestPayment(payment).catch(() => false);
        if (paid) wx.redirectTo({ url: `/pages/pay-result/index?orderId=${this.data.orderId}` });
      });
    },

    async onCancel() {
      if (!(await this.confirm('确定取消这个订单吗？'))) return;
      void this.run(() => cancelOrder(this.data.orderId));
    },

    async onConfirmReceipt() {
      if (!(await this.confirm('确认已经收到商品了吗？'))) return;
      void this.run(() => confirmReceipt(this.data.orderId));
    },

    onOpenRefund() {
      this.setData({ refundVisible: true });
    },

    onCloseRefund() {
      this.setData({ refundVisible: false });
    },

    onRefundQty(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
      const skuId = String(e.currentTarget.dataset.sku);
      const lines = this.data.lines.map((l) => (l.skuId === skuId ? { ...l, refundQty: Math.max(0, Math.min(l.refundable, Number(e.detail.value) || 0)) } : l));
      this.setData({ lines });
    },

    onRefundReason(e: WechatMiniprogram.Input) {
      this.setData({ refundReason: e.detail.value });
    },

    onSubmitRefund() {
      const reason = this.data.refundReason.trim();
      if (!reason) {
        wx.showToast({ title: '请填写退款原因', icon: 'none' });
        return;
      }
      const chosen = this.data.lines.filter((l) => l.refundQty > 0);
      if (!chosen.length) {
        wx.showToast({ title: '请选择要退的商品', icon: 'none' });
        return;
      }
      const everything = this.data.lines.every((l) => l.refundQty === l.refundable);
      const lines = everything ? undefined : chosen.map((l) => ({ skuId: l.skuId, quantity: l.refundQty }));
      void this.run(() => requestRefund(this.data.orderId, reason, lines));
    },

    async onWithdrawRefund() {
      if (!(await this.confirm('确定撤销退款申请吗？'))) return;
      void this.run(() => withdrawRefund(this.data.orderId));
    },

    onCopyOrderNo() {
      if (this.data.order) wx.setClipboardData({ data: this.data.order.orderNo });
    },

    onRetry() {
      void this.load();
    },
  },
});
