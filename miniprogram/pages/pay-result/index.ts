// Pay result: after wx.requestPayment succeeded, asks the server to confirm the payment (order.recheck queries
// WeChat Pay and records it if the notification has not arrived yet), a few times, then shows the order's result:
// paid (with the pickup code), or "being confirmed" with a refresh button.
import type { OrderView } from '../../../typings/api/order';
import { userMessage } from '../../services/cloud';
import { getOrder, ORDER_STATUS_TEXT, recheckOrder } from '../../services/order';
import { price } from '../../utils/money';
import { trackPageView } from '../../services/page-view';

type Status = 'checking' | 'paid' | 'pending' | 'error';

const TRIES = 4;
const PAUSE_MS = 800;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

Component({
  data: {
    status: 'checking' as Status,
    errorMessage: '',
    orderId: '',
    order: null as OrderView | null,
    totalText: '',
    statusText: '',
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad(query: Record<string, string | undefined>) {
      this.setData({ orderId: query.orderId ?? '' });
      void this.check();
    },

    async check(): Promise<void> {
      const { orderId } = this.data;
      if (!orderId) {
        this.setData({ status: 'error', errorMessage: '缺少订单信息' });
        return;
      }
      this.setData({ status: 'checking', errorMessage: '' });
      try {
        let paid = false;
        for (let i = 0; i < TRIES && !paid; i++) {
          if (i > 0) await sleep(PAUSE_MS);
          paid = (await recheckOrder(orderId)).paid;
        }
        const order = await getOrder(orderId);
        this.setData({
          status: paid ? 'paid' : 'pending',
          order,
          totalText: price(order.payment?.paidFen ?? order.amounts.totalFen),
          statusText: ORDER_STATUS_TEXT[order.status],
        });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    onRefresh() {
      void this.check();
    },

    onViewOrder() {
      wx.redirectTo({ url: `/pages/order-detail/index?id=${this.data.orderId}` });
    },

    onContinue() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
