/**
 * The dashboard's answers from loaded rollups (pure): headline numbers, the overview, a period report with its
 * distinct counts, the funnel per day and channel, channels, segment series. The handlers (dashboard-actions.ts) load
 * the documents and call these; the CSV export (export-rows.ts) turns the same answers into rows.
 */
import type {
  ChannelsResult,
  ComparedReportView,
  FunnelResult,
  Headline,
  HeadlineName,
  OverviewResult,
  PeriodReportView,
  TrendPoint,
} from '../../../typings/api/analytics';
import type { TouchChannel } from '../../../typings/shop/attribution';
import type { DailyRollup, DayMetrics, FunnelCounts, SegmentName } from '../../../typings/shop/analytics';
import { emptyMetrics, FUNNEL_CHANNELS } from '../domain/daily-rollup';
import { dimensionShares } from '../domain/channels';
import { FUNNEL_STEPS, funnelSteps } from '../domain/funnel';
import type { PeriodStats } from '../domain/period-stats';
import { comparedReport, lookupFrom, type PeriodReport } from '../domain/reports';
import type { SegmentDefinitions } from '../domain/segments';
import { daysFrom, type DayKey, type Period } from '../domain/shop-calendar';

export function headlineOf(m: DayMetrics): Headline {
  return {
    visitors: m.visitors,
    newUsers: m.newUsers,
    payingCustomers: m.payingCustomers,
    orders: m.orders,
    gmvFen: m.gmvFen,
    refunds: m.refunds,
    refundFen: m.refundFen,
    aovFen: m.orders ? Math.round(m.gmvFen / m.orders) : 0,
    conversion: m.visitors ? m.payingCustomers / m.visitors : 0,
  };
}

const relative = (cur: number, prev: number): number | null => (prev === 0 ? null : (cur - prev) / prev);

export function overviewOf(
  days: readonly DayKey[],
  byDay: ReadonlyMap<DayKey, Pick<DailyRollup, 'totals'>>,
  yesterday: Pick<DailyRollup, 'totals'> | undefined,
  meta: { asOf: number; timeZone: string },
): OverviewResult {
  const today = days[days.length - 1];
  const yesterdayKey = days[days.length - 2];
  const t = headlineOf(byDay.get(today)?.totals ?? emptyMetrics());
  const y = headlineOf(yesterday?.totals ?? emptyMetrics());
  const change = {} as Record<HeadlineName, number | null>;
  for (const k of Object.keys(t) as HeadlineName[]) change[k] = relative(t[k], y[k]);
  const trend: TrendPoint[] = days.map((day) => {
    const r = byDay.get(day);
    const m = r?.totals ?? emptyMetrics();
    return { day, ...headlineOf(m), visits: m.visits, pageViews: m.pageViews, hasData: r !== undefined };
  });
  return { asOf: meta.asOf, timeZone: meta.timeZone, today: { day: today, ...t }, yesterday: { day: yesterdayKey, ...y }, change, trend };
}

function periodView(r: PeriodReport, stats: PeriodStats | undefined): PeriodReportView {
  return {
    period: r.period,
    metrics: r.metrics,
    aovFen: r.aovFen,
    conversion: r.conversion,
    daysWithData: r.daysWithData,
    distinct:
      r.period.kind === 'day' || !stats
        ? null
        : { visitors: stats.visitors, payingCustomers: stats.payingCustomers, conversion: stats.visitors ? stats.payingCustomers / stats.visitors : 0 },
  };
}

export function periodReportOf(
  period: Period,
  rollups: ReadonlyArray<Pick<DailyRollup, 'day' | 'totals'>>,
  stats: ReadonlyMap<string, PeriodStats>,
  statsId: (p: Period) => string,
): ComparedReportView {
  const r = comparedReport(period, lookupFrom(rollups));
  return { current: periodView(r.current, stats.get(statsId(r.current.period))), previous: periodView(r.previous, stats.get(statsId(r.previous.period))), change: r.change };
}

const zeroFunnel = (): FunnelCounts => ({ visited: 0, viewedGoods: 0, addedToCart: 0, startedCheckout: 0, paid: 0 });

export function funnelOf(from: DayKey, to: DayKey, channel: TouchChannel | 'all', byDay: ReadonlyMap<DayKey, Pick<DailyRollup, 'funnel'>>): FunnelResult {
  const perChannel = new Map<TouchChannel | 'all', FunnelCounts>();
  const days = daysFrom(from, to).map((day) => {
    const counts = zeroFunnel();
    for (const row of byDay.get(day)?.funnel ?? []) {
      let sum = perChannel.get(row.channel);
      if (!sum) perChannel.set(row.channel, (sum = zeroFunnel()));
      for (const s of FUNNEL_STEPS) sum[s] += row[s];
      if (row.channel === channel) for (const s of FUNNEL_STEPS) counts[s] += row[s];
    }
    return { day, ...counts };
  });
  const byChannel = FUNNEL_CHANNELS.filter((c) => (perChannel.get(c)?.visited ?? 0) > 0).map((c) => ({ channel: c, ...perChannel.get(c)! }));
  return { from, to, channel, steps: funnelSteps(perChannel.get(channel) ?? zeroFunnel()), days, byChannel };
}

export function channelsOf(from: DayKey, to: DayKey, rollups: readonly DailyRollup[]): ChannelsResult {
  return {
    from,
    to,
    channels: dimensionShares(rollups, 'channels'),
    scenes: dimensionShares(rollups, 'scenes'),
    qrCodes: dimensionShares(rollups, 'qrCodes'),
    referrers: dimensionShares(rollups, 'referrers'),
    shares: rollups.reduce((n, r) => n + r.totals.shares, 0),
  };
}

export function segmentDescriptions(defs: SegmentDefinitions): Array<{ segment: SegmentName; text: string }> {
  return [
    { segment: 'churned', text: `流失：${defs.churnedDays} 天以上没有访问也没有下单` },
    { segment: 'at_risk', text: `流失风险：${defs.atRiskDays} 天以上没有访问也没有下单` },
    { segment: 'active_customer', text: '活跃顾客：付过款，且未进入流失风险' },
    { segment: 'new_returning', text: '回访新客：没付过款，在两天或以上访问过' },
    { segment: 'new_first_visit', text: '首访新客：没付过款，只在一天访问过' },
  ];
}
