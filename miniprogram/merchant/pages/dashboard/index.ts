// The owner's dashboard (subpackage `merchant/`, staff only): today so far against yesterday up to the same time, with
// the change of each number and yesterday's whole day beside it, a trend chart of the 30 completed days (people or
// money; today, not over yet, is on the cards, not on the line), and the way to the other reports. The server decides
// who may see it (`dashboard.overview` answers FORBIDDEN to anyone not on the staff list); the page shows the refusal.
import type { ExportRequest, OverviewResult } from '../../../../typings/api/analytics';
import type { CategoryChartSpec } from '../../charts/chart-spec';
import { periodTitle } from '../../charts/labels';
import { comparisonNote, headlineCards, trendChart, type HeadlineCard, type TrendMetric } from '../../charts/overview-view';
import { getOverview } from '../../services/analytics';
import { shortTime } from '../../utils/format';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

const TREND_DAYS = 30;

/** Where the dashboard leads. */
const LINKS = [
  { id: 'to-report', title: '日报 · 周报 · 月报 · 季报', description: '每个数字与上一期相比', icon: 'chart-bar', url: '/merchant/pages/report/index' },
  { id: 'to-retention', title: '留存', description: '新用户次日、7日、30日回访；按周、按月的同期群', icon: 'chart-bubble', url: '/merchant/pages/retention/index' },
  { id: 'to-funnel', title: '转化漏斗', description: '访问 → 浏览 → 加购 → 结算 → 支付，分渠道', icon: 'filter', url: '/merchant/pages/funnel/index' },
  { id: 'to-segments', title: '顾客分群', description: '新客、活跃、流失风险……可定向发券', icon: 'usergroup', url: '/merchant/pages/segments/index' },
  { id: 'to-channels', title: '渠道与分享', description: '扫码、分享、搜索、公众号带来的访客和成交', icon: 'share', url: '/merchant/pages/channels/index' },
];

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    asOf: '',
    comparison: '',
    todayTitle: '',
    cards: [] as HeadlineCard[],
    trend: [] as OverviewResult['trend'],
    metric: 'people' as TrendMetric,
    trendSpec: null as CategoryChartSpec | null,
    exportRequest: null as ExportRequest | null,
    links: LINKS,
  },
  methods: {
    onLoad() {
      void this.load();
    },
    onPullDownRefresh() {
      void this.load().then(() => wx.stopPullDownRefresh());
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const overview = await getOverview(TREND_DAYS);
        return {
          asOf: shortTime(overview.asOf),
          comparison: comparisonNote(shortTime(overview.asOf).slice(-5)),
          todayTitle: periodTitle(overview.today.day),
          trend: overview.trend,
          cards: headlineCards(overview.today, overview.yesterdaySameTime, overview.yesterday, overview.change),
          trendSpec: trendChart(overview.trend, this.data.metric),
          links: LINKS.map((l) => ({ ...l, url: `${l.url}?today=${overview.today.day}` })),
          exportRequest: { report: 'daily', params: { from: overview.trend[0]?.day ?? overview.today.day, to: overview.yesterday.day } },
        };
      });
    },
    onMetric(e: WechatMiniprogram.TouchEvent) {
      const metric = e.currentTarget.dataset.metric as TrendMetric;
      if (this.data.status !== 'ready' || metric === this.data.metric) return;
      this.setData({ metric, trendSpec: trendChart(this.data.trend, metric) });
    },
    onRetry() {
      void this.load();
    },
    onOpen(e: WechatMiniprogram.TouchEvent) {
      const url = String(e.currentTarget.dataset.url ?? '');
      if (url) wx.navigateTo({ url });
    },
  },
});
