// Home (customer tab): shop header, search entry, categories, featured banner and the goods grid — the first
// screen is ONE cloud call (`shop` → `home.get`); scrolling down pages through `catalogue.goods`.
import type { CategoryView, GoodsCard, ShopSummary } from '../../../typings/api/catalogue';
import { userMessage } from '../../services/cloud';
import { getHome, listGoods } from '../../services/catalogue';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';

const PAGE_SIZE = 20;

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    shop: null as ShopSummary | null,
    categories: [] as CategoryView[],
    featured: [] as GoodsCard[],
    goods: [] as GoodsCard[],
    page: 1,
    hasMore: false,
    loadingMore: false,
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad() {
      void this.load();
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
        const home = await getHome(PAGE_SIZE);
        this.setData({
          status: 'ready',
          shop: home.shop,
          categories: home.categories,
          featured: home.featured,
          goods: home.goods.items,
          page: home.goods.page,
          hasMore: home.goods.hasMore,
        });
        wx.setNavigationBarTitle({ title: home.shop.name });
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    async loadMore(): Promise<void> {
      if (!this.data.hasMore || this.data.loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const next = await listGoods({ page: this.data.page + 1, pageSize: PAGE_SIZE });
        const seen = new Set(this.data.goods.map((g) => g._id));
        this.setData({
          goods: [...this.data.goods, ...next.items.filter((g) => !seen.has(g._id))],
          page: next.page,
          hasMore: next.hasMore,
        });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    onRetry() {
      void this.load();
    },

    onOpenPromo(e: WechatMiniprogram.TouchEvent) {
      const url = String(e.currentTarget.dataset.url ?? '');
      if (url) wx.navigateTo({ url });
    },

    onOpenShopInfo() {
      wx.navigateTo({ url: '/pages/shop-info/index' });
    },

    onOpenSearch() {
      wx.navigateTo({ url: '/pages/search/index' });
    },

    /** Categories are a tab: remember which one was tapped for the category page, then switch to it. */
    onCategoryTap(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      const app = getApp<{ globalData: { categoryId?: string } }>();
      if (app?.globalData) app.globalData.categoryId = id;
      wx.switchTab({ url: '/pages/category/index' });
    },

    onGoodsTap(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      if (id) wx.navigateTo({ url: `/pages/goods/index?id=${encodeURIComponent(id)}` });
    },
  },
});
