// Staff order detail: lines, money, pickup / delivery, refunds, history, and the actions the server allows now
// (`actions` of staff.orderDetail): notify ready, verify pickup, ship (company + tracking number), approve / reject a
// refund request, refund the whole order.
import type { StaffOrderAction, StaffOrderDetail } from '../../../../typings/api/staff';
import type { OrderDoc } from '../../../../typings/shop/order';
import { userMessage } from '../../../services/cloud';
import { approveRefund, getStaffMe, getStaffOrder, markReady, refundOrder, rejectRefund, shipOrder, verifyPickup } from '../../../services/staff';
import { ACTION_TEXT, shortTime, STATUS_TEXT, yuan } from '../../utils/format';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

interface View {
  order: OrderDoc;
  statusText: string;
  lines: Array<{ key: string; title: string; specText: string; quantity: number; payText: string; refunded: number }>;
  amounts: { goods: string; discount: string; shipping: string; total: string };
  refunds: Array<{ refundNo: string; amount: string; status: string; reason: string }>;
  log: Array<{ key: string; text: string; time: string }>;
  actions: Array<{ action: StaffOrderAction; label: string }>;
  canShip: boolean;
}

const REFUND_TEXT: Record<string, string> = { requested: '待审核', processing: '退款中', succeeded: '已退款', failed: '退款失败', rejected: '已拒绝', withdrawn: '已撤销' };

function toView(d: StaffOrderDetail): View {
  const o = d.order;
  return {
    order: o,
    statusText: STATUS_TEXT[o.status],
    lines: o.lines.map((l, i) => ({ key: `${l.skuId}-${i}`, title: l.title, specText: l.specText, quantity: l.quantity, payText: yuan(l.payFen), refunded: l.refundedQuantity })),
    amounts: { goods: yuan(o.amounts.goodsFen), discount: yuan(o.amounts.discountFen), shipping: yuan(o.amounts.shippingFen), total: yuan(o.amounts.totalFen) },
    refunds: o.refunds.map((r) => ({ refundNo: r.refundNo, amount: yuan(r.amountFen), status: REFUND_TEXT[r.status] ?? r.status, reason: r.reason })),
    log: o.log.map((e, i) => ({ key: `${i}`, text: `${e.from ? STATUS_TEXT[e.from] + ' → ' : ''}${STATUS_TEXT[e.to]}${e.note ? '（' + e.note + '）' : ''}`, time: shortTime(e.at) })).reverse(),
    actions: d.actions.filter((a) => a !== 'ship').map((action) => ({ action, label: ACTION_TEXT[action] })),
    canShip: d.actions.includes('ship'),
  };
}

function confirm(title: string, content: string): Promise<boolean> {
  return new Promise((resolve) => wx.showModal({ title, content, success: (r) => resolve(!!r.confirm), fail: () => resolve(false) }));
}

function askText(title: string, placeholderText: string): Promise<string | null> {
  return new Promise((resolve) =>
    wx.showModal({
      title,
      editable: true,
      placeholderText,
      success: (r) => resolve(r.confirm ? String(r.content ?? '').trim() : null),
      fail: () => resolve(null),
    }),
  );
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    orderId: '',
    view: null as View | null,
    company: '',
    trackingNo: '',
    busy: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      this.setData({ orderId: query.id ?? '' });
      void this.load();
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const [, detail] = await Promise.all([getStaffMe(), getStaffOrder(this.data.orderId)]);
        return { view: toView(detail) };
      });
    },
    onRetry() {
      void this.load();
    },
    onCompany(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ company: e.detail.value });
    },
    onTrackingNo(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ trackingNo: e.detail.value });
    },
    async run(work: () => Promise<StaffOrderDetail>, done: string): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true });
      try {
        this.setData({ view: toView(await work()) });
        wx.showToast({ title: done, icon: 'success' });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ busy: false });
      }
    },
    async onShip() {
      const { orderId, company, trackingNo } = this.data;
      if (!company.trim() || !trackingNo.trim()) {
        wx.showToast({ title: '请填写快递公司和运单号', icon: 'none' });
        return;
      }
      await this.run(() => shipOrder(orderId, company.trim(), trackingNo.trim()), '已发货');
    },
    async onAction(e: WechatMiniprogram.TouchEvent) {
      const action = e.currentTarget.dataset.action as StaffOrderAction;
      const order = this.data.view?.order;
      if (!order) return;
      const id = order._id;
      switch (action) {
        case 'markReady':
          return this.run(() => markReady(id), '已通知顾客');
        case 'verifyPickup':
          if (!(await confirm('核销取货', `取货码 ${order.fulfilment.pickupCode ?? ''}，确认顾客已取货？`))) return;
          return this.run(() => verifyPickup(order.fulfilment.pickupCode ?? '', id), '已核销');
        case 'approveRefund':
          if (!(await confirm('同意退款', '款项将原路退回给顾客'))) return;
          return this.run(() => approveRefund(id), '已发起退款');
        case 'rejectRefund': {
          const reason = await askText('拒绝退款', '请填写原因（顾客可见）');
          if (!reason) return;
          return this.run(() => rejectRefund(id, reason), '已拒绝');
        }
        case 'refund': {
          const reason = await askText('全额退款', '退款原因（可选）');
          if (reason === null) return;
          return this.run(() => refundOrder(id, reason || '商家退款'), '已发起退款');
        }
        default:
          return undefined;
      }
    },
  },
});
