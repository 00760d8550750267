// Staff order list: every customer's orders, newest first, by tab (待处理 = paid / ready / refund requested), paged.
import type { StaffOrderFilter, StaffOrderSummary } from '../../../../typings/api/staff';
import { userMessage } from '../../../services/cloud';
import { getStaffMe, listStaffOrders } from '../../../services/staff';
import { ORDER_TABS, shortTime, STATUS_TEXT, yuan } from '../../utils/format';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

interface Row extends StaffOrderSummary {
  statusText: string;
  totalText: string;
  timeText: string;
}

function toRow(o: StaffOrderSummary): Row {
  return { ...o, statusText: STATUS_TEXT[o.status], totalText: yuan(o.totalFen), timeText: shortTime(o.createdAt) };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    tabs: ORDER_TABS,
    tab: 'todo' as StaffOrderFilter | 'all',
    rows: [] as Row[],
    page: 0,
    hasMore: false,
    loadingMore: false,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const tab = ORDER_TABS.find((t) => t.value === query.status)?.value ?? 'todo';
      this.setData({ tab });
      void this.load();
    },
    onShow() {
      // back from an order's page: its status may have changed
      if (this.data.status === 'ready') void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    onReachBottom() {
      if (this.data.hasMore && !this.data.loadingMore) void this.loadMore();
    },
    filter(): StaffOrderFilter | undefined {
      return this.data.tab === 'all' ? undefined : this.data.tab;
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const [, page] = await Promise.all([getStaffMe(), listStaffOrders(this.filter(), 0)]);
        return { rows: page.orders.map(toRow), page: 0, hasMore: page.hasMore };
      });
    },
    async loadMore(): Promise<void> {
      this.setData({ loadingMore: true });
      try {
        const next = await listStaffOrders(this.filter(), this.data.page + 1);
        this.setData({ rows: [...this.data.rows, ...next.orders.map(toRow)], page: next.page, hasMore: next.hasMore });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },
    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = e.currentTarget.dataset.value as StaffOrderFilter | 'all';
      if (tab === this.data.tab) return;
      this.setData({ tab, rows: [] });
      void this.load();
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      wx.navigateTo({ url: `/merchant/pages/order/index?id=${encodeURIComponent(String(e.currentTarget.dataset.id))}` });
    },
    onRetry() {
      void this.load();
    },
  },
});
