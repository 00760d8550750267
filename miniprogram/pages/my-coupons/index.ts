// My coupons: tabs available / used / expired (an available coupon past its validity shows as expired, decided by
// the server). Links to the coupon centre.
import type { OwnedCoupon, OwnedCouponStatus } from '../../../typings/marketing/coupon';
import { userMessage } from '../../services/cloud';
import { benefitText, dateText, myCoupons } from '../../services/marketing';

type Status = 'loading' | 'ready' | 'error';
type Tab = Exclude<OwnedCouponStatus, 'locked'>;

interface Row {
  couponId: string;
  title: string;
  benefitText: string;
  validText: string;
}

const TABS: Array<{ tab: Tab; label: string }> = [
  { tab: 'available', label: '可使用' },
  { tab: 'used', label: '已使用' },
  { tab: 'expired', label: '已过期' },
];

function row(c: OwnedCoupon): Row {
  return {
    couponId: c._id,
    title: c.title,
    benefitText: benefitText(c.benefit),
    validText: `${dateText(c.validFrom)} 至 ${dateText(c.validUntil - 1)}`,
  };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    tabs: TABS,
    tab: 'available' as Tab,
    rows: [] as Row[],
  },

  methods: {
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

    onOpenCentre() {
      wx.navigateTo({ url: '/pages/coupons/index' });
    },

    onRetry() {
      void this.load();
    },
  },
});
