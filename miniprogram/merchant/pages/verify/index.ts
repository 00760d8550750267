// Verify a pickup: type the customer's 6-digit pickup code, or scan the pickup QR on their phone (wx.scanCode);
// the server finds the paid / ready pickup order with that code and completes it.
import type { StaffOrderDetail } from '../../../../typings/api/staff';
import { userMessage } from '../../../services/cloud';
import { getStaffMe, verifyPickup } from '../../../services/staff';
import { isForbidden, STATUS_TEXT, yuan } from '../../utils/format';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

interface Done {
  orderId: string;
  orderNo: string;
  statusText: string;
  summary: string;
  total: string;
}

function toDone(d: StaffOrderDetail): Done {
  const o = d.order;
  return {
    orderId: o._id,
    orderNo: o.orderNo,
    statusText: STATUS_TEXT[o.status],
    summary: o.lines.map((l) => `${l.title}${l.specText ? `（${l.specText}）` : ''} × ${l.quantity - l.refundedQuantity}`).join('\n'),
    total: yuan(o.amounts.totalFen),
  };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    code: '',
    busy: false,
    result: null as Done | null,
    failure: '',
  },
  methods: {
    onLoad() {
      void this.load();
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        await getStaffMe();
        return {};
      });
    },
    onRetry() {
      void this.load();
    },
    onCode(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ code: String(e.detail.value ?? '').replace(/\D/g, '').slice(0, 6) });
    },
    onVerify() {
      if (!/^\d{6}$/.test(this.data.code)) {
        this.setData({ failure: '请输入 6 位取货码', result: null });
        return Promise.resolve();
      }
      return this.verify(this.data.code);
    },
    onScan() {
      return new Promise<void>((resolve) => {
        wx.scanCode({
          onlyFromCamera: true,
          success: (res) => {
            void this.verify(String(res.result ?? '')).then(resolve);
          },
          fail: () => resolve(),
        });
      });
    },
    async verify(code: string): Promise<void> {
      if (this.data.busy) return;
      this.setData({ busy: true, failure: '', result: null });
      try {
        const done = await verifyPickup(code);
        this.setData({ result: toDone(done), code: '' });
        wx.vibrateShort({ type: 'medium' });
      } catch (e) {
        if (isForbidden(e)) this.setData({ status: 'forbidden' });
        else this.setData({ failure: userMessage(e) });
      } finally {
        this.setData({ busy: false });
      }
    },
    onOpenOrder() {
      const id = this.data.result?.orderId;
      if (id) wx.navigateTo({ url: `/merchant/pages/order/index?id=${encodeURIComponent(id)}` });
    },
  },
});
