// 邀请有礼 (invite a friend). The customer's own invite: the rewards, a share card whose path carries their invite
// code (`?r=<code>`, never an openid), and the friends who accepted. Opened from a friend's card (`?r=` someone
// else's code), the page first accepts that invite: the server binds a new customer once (never oneself, never a
// customer who has paid an order) and rewards both sides when the friend's first order is paid.
import type { InviteSummary } from '../../../typings/api/marketing';
import { userMessage } from '../../services/cloud';
import { acceptInvite, benefitText, dateText, INVITE_REFUSAL_TEXT, myInvite } from '../../services/marketing';

type Status = 'loading' | 'ready' | 'error';

interface FriendRow {
  key: string;
  nickname: string;
  dateText: string;
  stateText: string;
}

function friendRows(s: InviteSummary): FriendRow[] {
  return s.friends.map((f, i) => ({
    key: `${i}`,
    nickname: f.nickname,
    dateText: dateText(f.boundAt),
    stateText: f.rewarded ? '已得奖励' : '待首单',
  }));
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    code: '',
    enabled: false,
    inviterRewardText: '',
    inviteeRewardText: '',
    friends: [] as FriendRow[],
    invitedCount: 0,
    rewardedCount: 0,
    /** The result of accepting a friend's invite ('' when the page was not opened from one). */
    acceptText: '',
  },

  methods: {
    onLoad(query: Record<string, string | undefined>) {
      wx.showShareMenu({ menus: ['shareAppMessage'] });
      void this.start(query.r);
    },

    async start(code: string | undefined): Promise<void> {
      if (code) {
        try {
          const res = await acceptInvite(code);
          this.setData({ acceptText: res.bound ? `已接受 ${res.inviterNickname} 的邀请，首单支付后你们都能得到优惠券` : INVITE_REFUSAL_TEXT[res.reason] });
        } catch (e) {
          this.setData({ acceptText: userMessage(e) });
        }
      }
      await this.load();
    },

    async load(): Promise<void> {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const s = await myInvite();
        this.setData({
          status: 'ready',
          code: s.code,
          enabled: s.enabled,
          inviterRewardText: s.inviterReward ? `${s.inviterReward.title} · ${benefitText(s.inviterReward.benefit)}` : '',
          inviteeRewardText: s.inviteeReward ? `${s.inviteeReward.title} · ${benefitText(s.inviteeReward.benefit)}` : '',
          friends: friendRows(s),
          invitedCount: s.invitedCount,
          rewardedCount: s.rewardedCount,
        });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    onGoShopping() {
      wx.switchTab({ url: '/pages/home/index' });
    },

    onShareAppMessage() {
      const path = this.data.code ? `/pages/invite/index?r=${encodeURIComponent(this.data.code)}` : '/pages/home/index';
      return { title: '送你一张新人券，一起来逛逛', path };
    },
  },
});
