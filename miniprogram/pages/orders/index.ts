// The customer's orders, by tab (all / unpaid / to fulfil / to receive / completed / after-sale), newest first,
// 10 a page (more on reaching the bottom). A row opens the order detail.
import type { OrderListTab, OrderSummary } from '../../../typings/api/order';
import { userMessage } from '../../services/cloud';
import { listOrders, ORDER_STATUS_TEXT, ORDER_TABS } from '../../services/order';
import { price } from '../../utils/money';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';

interface Row {
  id: string;
  orderNo: string;
  statusText: string;
  fulfilmentText: string;
  totalText: string;
  itemCount: number;
  lines: Array<{ title: string; specText: string; image: string; quantity: number }>;
  canPay: boolean;
}

function toRow(o: OrderSummary): Row {
  return {
    id: o._id,
    orderNo: o.orderNo,
    statusText: ORDER_STATUS_TEXT[o.status],
    fulfilmentText: o.fulfilment === 'pickup' ? '到店自提' : '送货上门',
    totalText: price(o.totalFen),
    itemCount: o.itemCount,
    lines: o.lines.map((l) => ({ title: l.title, specText: l.specText, image: l.image, quantity: l.quantity })),
    canPay: o.actions.includes('pay'),
  };
}

function isTab(v: string | undefined): v is OrderListTab {
  return ORDER_TABS.some((t) => t.tab === v);
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    tabs: ORDER_TABS,
    tab: 'all' as OrderListTab,
    rows: [] as Row[],
    page: 0,
    hasMore: false,
    loadingMore: false,
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const wanted = query.tab ?? query.status;
      this.setData({ tab: isTab(wanted) ? wanted : 'all' });
      void this.load();
    },

    onShow() {
      trackPageView(this);
      // coming back from an order page: its status may have changed
      if (this.data.status === 'ready') void this.load();
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    onReachBottom() {
      void this.loadMore();
    },

    async load(): Promise<void> {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const res = await listOrders(this.data.tab, 0);
        this.setData({ status: 'ready', rows: res.orders.map(toRow), page: 0, hasMore: res.hasMore });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    async loadMore(): Promise<void> {
      if (!this.data.hasMore || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const res = await listOrders(this.data.tab, this.data.page + 1);
        this.setData({ rows: [...this.data.rows, ...res.orders.map(toRow)], page: res.page, hasMore: res.hasMore });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = e.currentTarget.dataset.tab as string;
      if (!isTab(tab) || tab === this.data.tab) return;
      this.setData({ tab, rows: [] });
      void this.load();
    },

    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/pages/order-detail/index?id=${String(e.currentTarget.dataset.id)}` });
    },

    onRetry() {
      void this.load();
    },

    onGoShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },
  },
});
