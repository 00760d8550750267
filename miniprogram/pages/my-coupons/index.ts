// My coupons: tabs available / in use (locked by an unpaid order) / used / expired (an available coupon past its
// validity shows as expired, decided by the server); every coupon shows its expiry date. 到期提醒 asks for the
// expiring-soon subscription message. Links to the coupon centre.
import type { OwnedCoupon, OwnedCouponStatus } from '../../../typings/marketing/coupon';
import { userMessage } from '../../services/cloud';
import { askCouponReminder } from '../../services/coupon-subscribe';
import { benefitText, dateText, myCoupons } from '../../services/marketing';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';
type Tab = OwnedCouponStatus;

interface Row {
  couponId: string;
  title: string;
  benefitText: string;
  validText: string;
  /** `2026-11-25 到期`. */
  expiryText: string;
  /** In use: the order holding it. */
  orderNo: string;
}

const TABS: Array<{ tab: Tab; label: string }> = [
  { tab: 'available', label: '可使用' },
  { tab: 'locked', label: '使用中' },
  { tab: 'used', label: '已使用' },
  { tab: 'expired', label: '已过期' },
];

function row(c: OwnedCoupon): Row {
  return {
    couponId: c._id,
    title: c.title,
    benefitText: benefitText(c.benefit),
    validText: `${dateText(c.validFrom)} 至 ${dateText(c.validUntil - 1)}`,
    expiryText: `${dateText(c.validUntil - 1)} 到期`,
    orderNo: c.orderNo ?? '',
  };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    tabs: TABS,
    tab: 'available' as Tab,
    rows: [] as Row[],
    reminderOn: false,
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad(query: Record<string, string | undefined>) {
      const tab = TABS.find((t) => t.tab === query.tab)?.tab ?? 'available';
      this.setData({ tab });
      void this.load();
    },

    async load(): Promise<void> {
      const tab = this.data.tab;
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const { coupons } = await myCoupons(tab);
        if (tab === this.data.tab) this.setData({ status: 'ready', rows: coupons.map(row) });
      } catch (e) {
        if (tab === this.data.tab) this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    onTab(e: WechatMiniprogram.TouchEvent) {
      const tab = e.currentTarget.dataset.tab as Tab;
      if (tab === this.data.tab) return;
      this.setData({ tab, rows: [] });
      void this.load();
    },

    async onRemind(): Promise<void> {
      const on = await askCouponReminder();
      this.setData({ reminderOn: on });
      wx.showToast({ title: on ? '将在优惠券到期前提醒你' : '未开启提醒', icon: 'none' });
    },

    onOpenCentre() {
      wx.navigateTo({ url: '/pages/coupons/index' });
    },

    onRetry() {
      void this.load();
    },
  },
});
