// Retention (subpackage `merchant/`, staff only): of each day's / week's / month's new users, the share who came
// back — day-1/7/30 for daily cohorts, then week by week or month by month — as a table whose cells darken with the
// rate (a heat map in WXML: a table reads better than a chart here).
import type { ExportRequest, RetentionGrain, RetentionInput } from '../../../../typings/api/analytics';
import { cohortTable, type CohortTableView } from '../../charts/retention-view';
import { getRetention } from '../../services/analytics';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

const GRAINS: ReadonlyArray<{ value: RetentionGrain; label: string; count: number }> = [
  { value: 'day', label: '按日', count: 30 },
  { value: 'week', label: '按周', count: 12 },
  { value: 'month', label: '按月', count: 6 },
];

const EXPLAIN: Record<RetentionGrain, string> = {
  day: '每行是一天的新用户：次日 / 第 7 天 / 第 30 天又来过的比例。空格表示那一天还没到。',
  week: '每行是一周的新用户：之后每一周里又来过的比例（当周为 100%）。',
  month: '每行是一个月的新用户：之后每个月里又来过的比例（当月为 100%）。',
};

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    grains: GRAINS,
    grain: 'day' as RetentionGrain,
    explain: EXPLAIN.day,
    table: { columns: [], rows: [] } as CohortTableView,
    exportRequest: null as ExportRequest | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const grain = GRAINS.find((g) => g.value === query.grain)?.value ?? 'day';
      this.setData({ grain, explain: EXPLAIN[grain] });
      void this.load();
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const grain = this.data.grain;
        const input: RetentionInput = { grain, count: GRAINS.find((g) => g.value === grain)!.count };
        const result = await getRetention(input);
        if (grain !== this.data.grain) return null; // switched meanwhile
        return { table: cohortTable(result), exportRequest: { report: 'retention', params: input } };
      });
    },
    onGrain(e: WechatMiniprogram.TouchEvent) {
      const grain = GRAINS.find((g) => g.value === e.currentTarget.dataset.value)?.value;
      if (!grain || grain === this.data.grain) return;
      this.setData({ grain, explain: EXPLAIN[grain] });
      void this.load();
    },
    onRetry() {
      void this.load();
    },
  },
});
