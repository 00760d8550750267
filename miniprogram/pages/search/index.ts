// Search: goods by name (title, tags, spec values; every word must match), paged. `?keyword=` searches at once.
import type { GoodsCard } from '../../../typings/api/catalogue';
import { userMessage } from '../../services/cloud';
import { listGoods } from '../../services/catalogue';
import { track } from '../../services/tracking';
import { trackPageView } from '../../services/page-view';

/** `idle` = nothing searched yet. */
type Status = 'idle' | 'loading' | 'ready' | 'error';

const PAGE_SIZE = 20;
/** Longest keyword the server accepts. */
const MAX_KEYWORD_LENGTH = 50;

/** A search the customer asked for (not a retry or the next page). */
function trackSearch(keyword: string): void {
  track({ type: 'search', keyword: keyword.slice(0, MAX_KEYWORD_LENGTH), page: 'pages/search/index' });
}

Component({
  data: {
    status: 'idle' as Status,
    errorMessage: '',
    keyword: '',
    /** The keyword of the results shown. */
    searched: '',
    goods: [] as GoodsCard[],
    page: 1,
    hasMore: false,
    loadingMore: false,
  },

  methods: {
    onShow() {
      trackPageView(this);
    },

    onLoad(query: Record<string, string | undefined>) {
      const keyword = decodeURIComponent(query.keyword ?? '').trim();
      if (keyword) {
        this.setData({ keyword });
        trackSearch(keyword);
        void this.search(keyword);
      }
    },

    onReachBottom() {
      void this.loadMore();
    },

    onChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      this.setData({ keyword: String(e.detail.value ?? '') });
    },

    onSubmit(e: WechatMiniprogram.CustomEvent<{ value?: string }>) {
      const keyword = String(e.detail?.value ?? this.data.keyword).trim().slice(0, MAX_KEYWORD_LENGTH);
      this.setData({ keyword });
      if (keyword) {
        trackSearch(keyword);
        void this.search(keyword);
      }
    },

    onClear() {
      this.setData({ keyword: '', searched: '', goods: [], status: 'idle', hasMore: false });
    },

    async search(keyword: string): Promise<void> {
      this.setData({ status: 'loading', errorMessage: '', searched: keyword });
      try {
        const page = await listGoods({ keyword, page: 1, pageSize: PAGE_SIZE });
        if (this.data.searched !== keyword) return;
        this.setData({ status: 'ready', goods: page.items, page: page.page, hasMore: page.hasMore });
      } catch (e) {
        if (this.data.searched === keyword) this.setData({ status: 'error', errorMessage: userMessage(e) });
      }
    },

    async loadMore(): Promise<void> {
      const { searched, hasMore, loadingMore, page, status } = this.data;
      if (status !== 'ready' || !hasMore || loadingMore) return;
      this.setData({ loadingMore: true });
      try {
        const next = await listGoods({ keyword: searched, page: page + 1, pageSize: PAGE_SIZE });
        if (this.data.searched !== searched) return;
        const seen = new Set(this.data.goods.map((g) => g._id));
        this.setData({ goods: [...this.data.goods, ...next.items.filter((g) => !seen.has(g._id))], page: next.page, hasMore: next.hasMore });
      } catch (e) {
        wx.showToast({ title: userMessage(e), icon: 'none' });
      } finally {
        this.setData({ loadingMore: false });
      }
    },

    onRetry() {
      if (this.data.searched) void this.search(this.data.searched);
    },

    onGoodsTap(e: WechatMiniprogram.TouchEvent) {
      const id = String(e.currentTarget.dataset.id ?? '');
      if (id) wx.navigateTo({ url: `/pages/goods/index?id=${encodeURIComponent(id)}` });
    },
  },
});
