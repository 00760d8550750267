// Coupon centre: the templates claimable now, what is left of each, and a claim button (disabled with the reason
// when the customer cannot claim). A claim re-reads the centre so the counts stay the server's.
import type { CentreCoupon } from '../../../typings/api/marketing';
import { userMessage } from '../../services/cloud';
import { benefitText, CLAIM_BLOCK_TEXT, claimCoupon, couponCentre } from '../../services/marketing';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';

interface Row {
  templateId: string;
  title: string;
  benefitText: string;
  leftText: string;
  canClaim: boolean;
  buttonText: string;
}

function row(c: CentreCoupon): Row {
  return {
    templateId: c.templateId,
    title: c.title,
    benefitText: benefitText(c.benefit),
    leftText: c.remaining === null ? '不限量' : `剩 ${c.remaining} 张`,
    canClaim: c.canClaim,
    buttonText: c.canClaim ? (c.held ? '再领一张' : '领取') : c.reason ? CLAIM_BLOCK_TEXT[c.reason] : '不可领',
  };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    rows: [] as Row[],
    claiming: '',
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad() {
      void this.load();
    },

    async load(): Promise<void> {
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        const { coupons } = await couponCentre();
        this.setData({ status: 'ready', rows: coupons.map(row) });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    async onClaim(e: WechatMiniprogram.TouchEvent) {
      const templateId = String(e.currentTarget.dataset.id ?? '');
      const target = this.data.rows.find((r) => r.templateId === templateId);
      if (!target?.canClaim || this.data.claiming) return;
      this.setData({ claiming: templateId });
      try {
        await claimCoupon(templateId);
        wx.showToast({ title: '领取成功', icon: 'success' });
      } catch (err) {
        wx.showToast({ title: userMessage(err), icon: 'none' });
      } finally {
        await this.load();
        this.setData({ claiming: '' });
      }
    },

    onOpenMine() {
      wx.navigateTo({ url: '/pages/my-coupons/index' });
    },

    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },

    onRetry() {
      void this.load();
    },
  },
});
