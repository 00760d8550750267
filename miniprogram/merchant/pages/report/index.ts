// Day / week / month / quarter report (subpackage `merchant/`, staff only): every number of the period against the
// previous period of the same kind, a column chart of both, and "previous period" to step back in time. `period` and
// `key` may come in the query (e.g. `?period=week&key=2026-W14`).
import type { ExportRequest, PeriodReportInput, ReportPeriodKind } from '../../../../typings/api/analytics';
import type { CategoryChartSpec } from '../../charts/chart-spec';
import { comparisonChart, distinctRows, periodHeading, reportRows, type PeriodHeading, type ReportRow } from '../../charts/report-view';
import { getPeriodReport } from '../../services/analytics';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

const PERIODS: ReadonlyArray<{ value: ReportPeriodKind; label: string }> = [
  { value: 'day', label: '日报' },
  { value: 'week', label: '周报' },
  { value: 'month', label: '月报' },
  { value: 'quarter', label: '季报' },
];

const isPeriod = (v: unknown): v is ReportPeriodKind => PERIODS.some((p) => p.value === v);

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    periods: PERIODS,
    period: 'day' as ReportPeriodKind,
    /** '' = the current period. */
    key: '',
    previousKey: '',
    heading: { current: '', previous: '', days: '', partial: '' } as PeriodHeading,
    rows: [] as ReportRow[],
    distinct: [] as Array<{ label: string; current: string; previous: string }>,
    chartSpec: null as CategoryChartSpec | null,
    exportRequest: null as ExportRequest | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const period = isPeriod(query.period) ? query.period : 'day';
      this.setData({ period, key: query.key ?? '' });
      void this.load();
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const input: PeriodReportInput = this.data.key ? { period: this.data.period, key: this.data.key } : { period: this.data.period };
        const view = await getPeriodReport(input);
        return {
          key: view.current.period.key,
          previousKey: view.previous.period.key,
          heading: periodHeading(view),
          rows: reportRows(view),
          distinct: distinctRows(view),
          chartSpec: comparisonChart(view),
          exportRequest: { report: 'period', params: { period: this.data.period, key: view.current.period.key } },
        };
      });
    },
    onPeriod(e: WechatMiniprogram.TouchEvent) {
      const period = e.currentTarget.dataset.value;
      if (!isPeriod(period) || (period === this.data.period && this.data.status === 'ready')) return;
      this.setData({ period, key: '' });
      void this.load();
    },
    onPrevious() {
      if (!this.data.previousKey) return;
      this.setData({ key: this.data.previousKey });
      void this.load();
    },
    onCurrent() {
      this.setData({ key: '' });
      void this.load();
    },
    onRetry() {
      void this.load();
    },
  },
});
