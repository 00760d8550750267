// User centre (customer tab): avatar (choose-avatar button → cloud storage) and nickname (nickname input), links to
// the order list tabs, shop info, customer service, and the back office for staff (the server checks every staff
// action; this entry only saves staff a few taps).
import type { UserProfile } from '../../../typings/api/user';
import { userMessage } from '../../services/cloud';
import { getMe, updateProfile, uploadAvatar } from '../../services/user';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';

/** Most characters of a nickname (the server's rule: server/users/profile.ts). */
const NICKNAME_MAX_LENGTH = 20;

/** Tabs of the order list page (typings/api/order.ts OrderListTab). */
const ORDER_TABS = [
  { tab: 'unpaid', label: '待付款', icon: 'wallet' },
  { tab: 'to_fulfil', label: '待发货/取货', icon: 'shop' },
  { tab: 'to_receive', label: '待收货', icon: 'deliver' },
  { tab: 'completed', label: '已完成', icon: 'check-circle' },
  { tab: 'after_sale', label: '退款/售后', icon: 'money' },
];

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    profile: null as UserProfile | null,
    isStaff: false,
    nickname: '',
    /** What the avatar image shows: the chosen file while uploading, else the stored file id. */
    avatarSrc: '',
    orderTabs: ORDER_TABS,
    saving: false,
  },

  methods: {
    onShow() {
      trackPageView(this);
      void this.load();
    },

    async load(): Promise<void> {
      if (this.data.status !== 'ready') this.setData({ status: 'loading', errorMessage: '' });
      try {
        const me = await getMe();
        this.setData({
          status: 'ready',
          profile: me.user,
          isStaff: me.isStaff,
          nickname: me.user?.nickname ?? '',
          avatarSrc: me.user?.avatarFileId ?? '',
        });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    onRetry() {
      void this.load();
    },

    async onChooseAvatar(e: WechatMiniprogram.CustomEvent<{ avatarUrl: string }>): Promise<void> {
      const tempPath = e.detail?.avatarUrl;
      if (!tempPath || this.data.saving) return;
      const previous = this.data.avatarSrc;
      this.setData({ avatarSrc: tempPath, saving: true });
      try {
        const avatarFileId = await uploadAvatar(tempPath);
        const profile = await updateProfile({ avatarFileId });
        this.setData({ profile });
        wx.showToast({ title: '头像已更新', icon: 'success' });
      } catch (err) {
        this.setData({ avatarSrc: previous });
        wx.showToast({ title: userMessage(err), icon: 'none' });
      } finally {
        this.setData({ saving: false });
      }
    },

    async onNicknameBlur(e: WechatMiniprogram.CustomEvent<{ value: string }>): Promise<void> {
      const nickname = String(e.detail?.value ?? '').trim();
      if (!nickname || nickname === (this.data.profile?.nickname ?? '')) {
        this.setData({ nickname: this.data.profile?.nickname ?? '' });
        return;
      }
      if ([...nickname].length > NICKNAME_MAX_LENGTH) {
        wx.showToast({ title: `昵称最多 ${NICKNAME_MAX_LENGTH} 个字`, icon: 'none' });
        this.setData({ nickname: this.data.profile?.nickname ?? '' });
        return;
      }
      this.setData({ saving: true });
      try {
        const profile = await updateProfile({ nickname });
        this.setData({ profile, nickname: profile.nickname });
        wx.showToast({ title: '昵称已更新', icon: 'success' });
      } catch (err) {
        this.setData({ nickname: this.data.profile?.nickname ?? '' });
        wx.showToast({ title: userMessage(err), icon: 'none' });
      } finally {
        this.setData({ saving: false });
      }
    },

    onOpenOrders(e: WechatMiniprogram.TouchEvent) {
      const tab = String(e.currentTarget.dataset.tab ?? 'all');
      wx.navigateTo({ url: `/pages/orders/index?status=${tab}` });
    },

    onOpenMyCoupons() {
      wx.navigateTo({ url: '/pages/my-coupons/index' });
    },

    onOpenPage(e: WechatMiniprogram.TouchEvent) {
      const url = String(e.currentTarget.dataset.url ?? '');
      if (url) wx.navigateTo({ url });
    },

    onOpenCouponCentre() {
      wx.navigateTo({ url: '/pages/coupons/index' });
    },

    onOpenShopInfo() {
      wx.navigateTo({ url: '/pages/shop-info/index' });
    },

    onOpenMerchant() {
      wx.navigateTo({ url: '/merchant/pages/index/index' });
    },
  },
});
