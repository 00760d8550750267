// The purchase funnel (subpackage `merchant/`, staff only): visit → goods view → add to cart → checkout → paid over the
// last 7 / 30 days, for all visitors or one channel, as a funnel chart with the drop-off at each step and a table.
import type { ExportRequest, FunnelInput } from '../../../../typings/api/analytics';
import type { TouchChannel } from '../../../../typings/shop/attribution';
import { userMessage } from '../../../services/cloud';
import type { FunnelChartSpec } from '../../charts/chart-spec';
import { lastDays, shopTodayFrom } from '../../charts/days';
import { FUNNEL_CHANNEL_CHOICES, funnelChart, funnelRows, type FunnelRowView } from '../../charts/funnel-view';
import { getFunnel } from '../../services/analytics';
import { isForbidden } from '../../utils/format';

type Status = 'loading' | 'ready' | 'forbidden' | 'error';

const RANGES = [
  { value: 7, label: '近 7 天' },
  { value: 30, label: '近 30 天' },
];

Component({
  data: {
    status: 'loading' as Status,
    errorMessage: '',
    ranges: RANGES,
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
      this.setData({ status: 'loading', errorMessage: '' });
      const range = lastDays(this.data.today || shopTodayFrom({}), this.data.days);
      const input: FunnelInput = { ...range, channel: this.data.channel };
      try {
        const result = await getFunnel(input);
        if (result.channel !== this.data.channel) return; // switched meanwhile
        this.setData({ status: 'ready', range, spec: funnelChart(result), rows: funnelRows(result), exportRequest: { report: 'funnel', params: input } });
      } catch (e) {
        this.setData({ status: isForbidden(e) ? 'forbidden' : 'error', errorMessage: userMessage(e) });
      }
    },
    onChannel(e: WechatMiniprogram.TouchEvent) {
      const channel = FUNNEL_CHANNEL_CHOICES.find((c) => c.value === e.currentTarget.dataset.value)?.value;
      if (!channel || channel === this.data.channel) return;
      this.setData({ channel });
      void this.load();
    },
    onRange(e: WechatMiniprogram.TouchEvent) {
      const days = Number(e.currentTarget.dataset.value);
      if (!RANGES.some((r) => r.value === days) || days === this.data.days) return;
      this.setData({ days });
      void this.load();
    },
    onRetry() {
      void this.load();
    },
  },
});
