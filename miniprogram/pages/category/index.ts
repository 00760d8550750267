// Category (customer tab): categories on the left, the chosen category's on-shelf goods on the right (paged).
// The home page may ask for a category by setting getApp().globalData.categoryId before switching to this tab.
import type { CategoryView, GoodsCard } from '../../../typings/api/catalogue';
import { userMessage } from '../../services/cloud';
import { getCategories, listGoods } from '../../services/catalogue';
import { trackPageView } from '../../services/page-view';

type Status = 'loading' | 'ready' | 'error';

const PAGE_SIZE = 20;

function takeRequestedCategory(): string {
  const app = getApp<{ globalData: { categoryId?: string } }>();
  const id = app?.globalData?.categoryId ?? '';
  if (app?.globalData) app.globalData.categoryId = undefined;
  return id;
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    categories: [] as CategoryView[],
    categoryId: '',
    goods: [] as GoodsCard[],
    goodsStatus: 'loading' as Status,
    page: 1,
    hasMore: false,
    loadingMore: false,
  },

  methods: {
    onLoad() {
      void this.load(takeRequestedCategory());
    },

    onShow() {
      trackPageView(this);
      // a category chosen on the home page while this tab was already open
      const requested = takeRequestedCategory();
      if (requested && this.data.status === 'ready' && requested !== this.data.categoryId) void this.selectCategory(requested);
    },

    async load(requested = ''): Promise<void> {
      this.setData({ status: 'loading', errorMessage: '' });
      try {
        const categories = await getCategories();
        const first = categories.find((c) => c._id === requested) ?? categories[0];
        this.setData({ status: 'ready', categories });
        if (first) await this.selectCategory(first._id);
      } catch (e) {
        this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    async selectCategory(categoryId: string): Promise<void> {
      this.setData({ categoryId, goods: [], goodsStatus: 'loading', page: 1, hasMore: false });
      try {
        const page = await listGoods({ categoryId, page: 1, pageSize: PAGE_SIZE });
        if (this.data.categoryId !== categoryId) return; // another category was chosen meanwhile
        this.setData({ goods: page.items, goodsStatus: 'ready', page: page.page, hasMore: page.hasMore });
      } catch (e) {
        if (this.data.categoryId === categoryId) this.setData({ goodsStatus: 'error', errorMessage: userMessage(e) });
      }
    },

    async loadMore(): Promise<void> {
      const { categoryId, hasMore, loadingMore, page } = this.data;
      if (!hasMore || loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const next = await listGoods({ categoryId, page: page + 1, pageSize: PAGE_SIZE });
        if (this.data.categoryId !== categoryId) return;
        const seen = new Set(this.data.goods.map((g) => g._id));
        this.setData({ goods: [...this.data.goods, ...next.items.filter((g) => !seen.has(g._id))], page: next.page, hasMore: next.hasMore });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    onSideBarChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const id = String(e.detail.value ?? '');
      if (id && id !== this.data.categoryId) void this.selectCategory(id);
    },

    onGoodsTap(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      if (id) wx.navigateTo({ url: `/pages/goods/index?id=${encodeURIComponent(id)}` });
    },

    onOpenSearch() {
      wx.navigateTo({ url: '/pages/search/index' });
    },

    onRetry() {
      void this.load(this.data.categoryId);
    },
  },
});
