// 社群专享 coupon page, opened from a card shared into a WeChat group (`?t=<templateId>`). The group is proven by the
// share ticket: wx.getShareInfo({shareTicket}) gives a cloudID that only the server can resolve (to the group's
// openGId, with cloud.getOpenData); the page never names the group itself. Shared on, the card keeps its ticket
// (showShareMenu withShareTicket) so members of that group can claim too.
import type { CentreCoupon } from '../../../typings/api/marketing';
import { userMessage } from '../../services/cloud';
import { benefitText, claimCommunityCoupon, CLAIM_BLOCK_TEXT, communityCoupon, dateText } from '../../services/marketing';

type Status = 'loading' | 'ready' | 'error';

function shareTicketOfEntry(): string {
  try {
    return wx.getEnterOptionsSync().shareTicket ?? '';
  } catch {
    return '';
  }
}

function cloudIdOf(shareTicket: string): Promise<string> {
  return new Promise((resolve, reject) => {
    wx.getShareInfo({
      shareTicket,
      success: (res) => (res.cloudID ? resolve(res.cloudID) : reject(new Error('no cloudID'))),
      fail: reject,
    });
  });
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    templateId: '',
    title: '',
    benefitText: '',
    endsText: '',
    capText: '',
    canClaim: false,
    buttonText: '立即领取',
    fromGroup: false,
    claiming: false,
    claimed: false,
    notice: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const shareTicket = shareTicketOfEntry();
      this.setData({ templateId: query.t ?? '', fromGroup: shareTicket !== '' });
      (this as unknown as { shareTicket: string }).shareTicket = shareTicket;
      wx.showShareMenu({ withShareTicket: true, menus: ['shareAppMessage'] });
      void this.load();
    },

    async load(): Promise<void> {
      if (!this.data.templateId) {
        this.setData({ status: 'error', errorMessage: '链接不完整' });
        return;
      }
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const { coupon, perGroupLimit } = await communityCoupon(this.data.templateId);
        this.show(coupon, perGroupLimit);
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    show(c: CentreCoupon, perGroupLimit: number | null) {
      this.setData({
        status: 'ready',
        title: c.title,
        benefitText: benefitText(c.benefit),
        endsText: `领取截止 ${dateText(c.claimEndsAt - 1)}`,
        capText: perGroupLimit ? `每个群限领 ${perGroupLimit} 张` : '',
        canClaim: c.canClaim,
        buttonText: c.canClaim ? '立即领取' : (c.reason ? CLAIM_BLOCK_TEXT[c.reason] : '不可领取'),
        notice: this.data.fromGroup ? '' : '请从群聊中的分享卡片打开后领取',
      });
    },

    async onClaim(): Promise<void> {
      if (this.data.claiming || !this.data.canClaim) return;
      const shareTicket = (this as unknown as { shareTicket: string }).shareTicket;
      if (!shareTicket) {
        this.setData({ notice: '请从群聊中的分享卡片打开后领取' });
        return;
      }
      this.setData({ claiming: true, notice: '' });
      try {
        const cloudID = await cloudIdOf(shareTicket);
        const res = await claimCommunityCoupon(this.data.templateId, cloudID);
        this.setData({
          claimed: true,
          canClaim: false,
          buttonText: '已领取',
          notice: res.perGroupLimit ? `领取成功！本群已领 ${res.groupClaimed}/${res.perGroupLimit}` : '领取成功！',
        });
      } catch (e) {
        this.setData({ notice: e instanceof Error && e.message === 'no cloudID' ? '无法读取群信息，请重试' : userMessage(e) });
      } finally {
        this.setData({ claiming: false });
      }
    },

    onOpenMine() {
      wx.navigateTo({ url: '/pages/my-coupons/index' });
    },

    onRetry() {
      void this.load();
    },

    onShareAppMessage() {
      return { title: `社群专享：${this.data.title}`, path: `/pages/community-coupon/index?t=${encodeURIComponent(this.data.templateId)}` };
    },
  },
});
