// Member centre: the customer's tier, a progress bar to the next tier (the server computes both), the tier's
// benefits, every tier's benefits, the points balance (and what expires soon), and links to the points ledger,
// the points exchange and the member zone.
import type { MemberCentre } from '../../../typings/api/member';
import { userMessage } from '../../services/cloud';
import { memberCentre } from '../../services/member';
import { dateText } from '../../services/marketing';

type Status = 'loading' | 'ready' | 'error';

interface TierRow {
  tier: number;
  name: string;
  benefitsText: string;
  current: boolean;
  reached: boolean;
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    tierName: '',
    balance: 0,
    expiringText: '',
    percent: 0,
    progressText: '',
    benefits: [] as string[],
    tiers: [] as TierRow[],
    pointsRules: [] as string[],
  },

  methods: {
    onLoad() {
      void this.load();
    },

    onShow() {
      // back from an exchange: the balance changed
      if (this.data.status === 'ready') void this.load();
    },

    async load(): Promise<void> {
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        this.show(await memberCentre());
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    show(c: MemberCentre) {
      this.setData({
        status: 'ready',
        tierName: c.tier === 0 ? '普通会员' : c.tierName,
        balance: c.balance,
        expiringText: c.expiringSoon ? `${c.expiringSoon.points} 积分将于 ${dateText(c.expiringSoon.at)} 过期` : '',
        percent: c.progress.percent,
        progressText: c.progress.text,
        benefits: c.benefits,
        tiers: c.tiers.map((t) => ({ tier: t.tier, name: t.name, benefitsText: t.benefits.join(' · '), current: t.current, reached: t.reached })),
        pointsRules: c.pointsRules,
      });
    },

    onOpenLedger() {
      wx.navigateTo({ url: '/pages/points/index?tab=ledger' });
    },

    onOpenExchange() {
      wx.navigateTo({ url: '/pages/points/index?tab=gifts' });
    },

    onOpenZone() {
      wx.navigateTo({ url: '/pages/member-zone/index' });
    },

    onRetry() {
      void this.load();
    },
  },
});
