// Channels and sharing (subpackage `merchant/`, staff only): visits, new users, orders and GMV per channel, launch
// scene, printed QR code or sharer over the last 7 / 30 days, as a column chart and a table with each one's share.
import type { ChannelsResult, ExportRequest } from '../../../../typings/api/analytics';
import type { CategoryChartSpec } from '../../charts/chart-spec';
import { channelChart, channelRows, DIMENSION_CHOICES, type ChannelDimension, type ChannelRowView } from '../../charts/channels-view';
import { lastDays, pickedRange, RECENT_RANGES, shopTodayFrom } from '../../charts/days';
import { countText } from '../../charts/labels';
import { getChannels } from '../../services/analytics';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

/** The chart, rows and export of one dimension of the answer. */
function dimensionView(
  result: ChannelsResult,
  dimension: ChannelDimension,
): { spec: CategoryChartSpec; rows: ChannelRowView[]; exportRequest: ExportRequest } {
  return {
    spec: channelChart(result, dimension),
    rows: channelRows(result[dimension], dimension),
    exportRequest: { report: 'channels', params: { from: result.from, to: result.to, dimension } },
  };
}

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    ranges: RECENT_RANGES,
    days: 7,
    /** The shop's today: from the dashboard's link (the server's day), else the client's UTC+8 day. */
    today: '',
    dimensions: DIMENSION_CHOICES,
    dimension: 'channels' as ChannelDimension,
    range: { from: '', to: '' },
    result: null as ChannelsResult | null,
    spec: null as CategoryChartSpec | null,
    rows: [] as ChannelRowView[],
    shares: '0',
    exportRequest: null as ExportRequest | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const dimension = DIMENSION_CHOICES.find((d) => d.value === query.dimension)?.value ?? 'channels';
      this.setData({ dimension, today: shopTodayFrom(query) });
      void this.load();
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const range = lastDays(this.data.today || shopTodayFrom({}), this.data.days);
        const result = await getChannels(range.from, range.to);
        return { range, result, shares: countText(result.shares), ...dimensionView(result, this.data.dimension) };
      });
    },
    /** Chart, table and export of the chosen dimension (no new call: the answer has every dimension). */
    show() {
      const result = this.data.result;
      if (result) this.setData(dimensionView(result, this.data.dimension));
    },
    onDimension(e: WechatMiniprogram.TouchEvent) {
      const dimension = DIMENSION_CHOICES.find((d) => d.value === e.currentTarget.dataset.value)?.value;
      if (!dimension || dimension === this.data.dimension) return;
      this.setData({ dimension });
      this.show();
    },
    onRange(e: WechatMiniprogram.TouchEvent) {
      const days = pickedRange(e.currentTarget.dataset.value, this.data.days);
      if (days === null) return;
      this.setData({ days });
      void this.load();
    },
    onRetry() {
      void this.load();
    },
  },
});
