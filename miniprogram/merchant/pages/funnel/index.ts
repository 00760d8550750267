// The purchase funnel (subpackage `merchant/`, staff only): visit → goods view → add to cart → checkout → paid over the
// last 7 / 30 days, for all visitors or one channel, as a funnel chart with the drop-off at each step and a table.
import type { ExportRequest, FunnelInput } from '../../../../typings/api/analytics';
import type { TouchChannel } from '../../../../typings/shop/attribution';
import type { FunnelChartSpec } from '../../charts/chart-spec';
import { lastDays, pickedRange, RECENT_RANGES, shopTodayFrom } from '../../charts/days';
import { FUNNEL_CHANNEL_CHOICES, funnelChart, funnelRows, type FunnelRowView } from '../../charts/funnel-view';
import { getFunnel } from '../../services/analytics';
import { loadStaffPage } from '../../utils/staff-load';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    ranges: RECENT_RANGES,
    days: 7,
    /** The shop's today: from the dashboard's link (the server's day), else the client's UTC+8 day. */
    today: '',
    channels: FUNNEL_CHANNEL_CHOICES,
    channel: 'all' as TouchChannel | 'all',
    range: { from: '', to: '' },
    spec: null as FunnelChartSpec | null,
    rows: [] as FunnelRowView[],
    exportRequest: null as ExportRequest | null,
  },
  methods: {
    onLoad(query: Record<string, string | undefined>) {
      const channel = FUNNEL_CHANNEL_CHOICES.find((c) => c.value === query.channel)?.value ?? 'all';
      this.setData({ channel, today: shopTodayFrom(query) });
      void this.load();
    },
    async load(): Promise<void> {
      await loadStaffPage(this, async () => {
        const range = lastDays(this.data.today || shopTodayFrom({}), this.data.days);
        const input: FunnelInput = { ...range, channel: this.data.channel };
        const result = await getFunnel(input);
        if (result.channel !== this.data.channel) return null; // switched meanwhile
        return { range, spec: funnelChart(result), rows: funnelRows(result), exportRequest: { report: 'funnel', params: input } };
      });
    },
    onChannel(e: WechatMiniprogram.TouchEvent) {
      const channel = FUNNEL_CHANNEL_CHOICES.find((c) => c.value === e.currentTarget.dataset.value)?.value;
      if (!channel || channel === this.data.channel) return;
      this.setData({ channel });
      void this.load();
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
