/**
 * The staff dashboard's actions (contract: typings/api/analytics.ts). Each checks the caller is staff first
 * (server/staff/staff-guard.ts), then reads the day rollups it needs (O(days): one range read per 1000 days, plus a
 * live rollup of today when today is asked for), the period statistics or the customer facts' segment counts, and
 * answers with the pure views of report-views.ts.
 */
import type {
  ChannelsInput,
  ChannelsResult,
  ComparedReportView,
  FunnelInput,
  FunnelResult,
  OverviewInput,
  OverviewResult,
  PeriodReportInput,
  RetentionInput,
  RetentionResult,
  SegmentMembersInput,
  SegmentMembersResult,
  SegmentsInput,
  SegmentsResult,
} from '../../../typings/api/analytics';
import type { ActionContext } from '../../lib/context';
import { requireStaff } from '../../staff/staff-guard';
import { loadAnalyticsSettings, type AnalyticsSettings } from '../analytics-settings';
import { cohortTableFromStats } from '../domain/cohort-table';
import { periodStatsId } from '../domain/period-stats';
import { daysNeeded } from '../domain/reports';
import { dailyRetention } from '../domain/retention';
import { addDays, dayKeyOf, daysFrom, parsePeriod, periodAt, periodOfDay, previousPeriod, type DayKey, type Period } from '../domain/shop-calendar';
import { segmentCountsNow, segmentMembersPage } from '../segment-members';
import { liveRollup, loadDayRollups, loadPeriodStats } from './day-rollups';
import { DEFAULT_MEMBERS_PAGE } from './inputs';
import { channelsOf, funnelOf, overviewOf, periodReportOf, segmentDescriptions } from './report-views';

export interface Dashboard {
  ctx: ActionContext;
  settings: AnalyticsSettings;
  now: number;
  today: DayKey;
  live: { today: DayKey; tz: string; now: number };
}

/** Staff check and the shop's analytics settings (two reads, in parallel; FORBIDDEN wins). */
export async function openDashboard(ctx: ActionContext): Promise<Dashboard> {
  const [, settings] = await Promise.all([requireStaff(ctx), loadAnalyticsSettings(ctx.db)]);
  const now = ctx.now();
  const today = dayKeyOf(now, settings.timeZone);
  return { ctx, settings, now, today, live: { today, tz: settings.timeZone, now } };
}

export async function overview(input: OverviewInput, d: Dashboard): Promise<OverviewResult> {
  const days = daysFrom(addDays(d.today, -((input.days ?? 30) - 1)), d.today);
  const { byDay } = await loadDayRollups(d.ctx.db, days[0], d.today, d.live, TOTALS);
  const yesterdayKey = addDays(d.today, -1);
  const yesterday = byDay.get(yesterdayKey) ?? (await liveRollup(d.ctx.db, yesterdayKey, d.settings.timeZone, d.now));
  if (!byDay.has(yesterdayKey)) byDay.set(yesterdayKey, yesterday);
  return overviewOf(days, byDay, yesterday, { asOf: d.now, timeZone: d.settings.timeZone });
}

const statsIdOf = (p: Period) => periodStatsId(p.kind, p.key);
/** What the headline numbers need of a day's document. */
const TOTALS = ['totals'] as const;

export async function periodReport(input: PeriodReportInput, d: Dashboard): Promise<ComparedReportView> {
  const period = input.key ? parsePeriod(input.period, input.key) : periodAt(input.period, d.now, d.settings.timeZone);
  const days = daysNeeded(period);
  const [{ list }, stats] = await Promise.all([
    loadDayRollups(d.ctx.db, days[0], days[days.length - 1], d.live, TOTALS),
    period.kind === 'day' ? Promise.resolve(new Map()) : loadPeriodStats(d.ctx.db, [statsIdOf(period), statsIdOf(previousPeriod(period))]),
  ]);
  return periodReportOf(period, list, stats, statsIdOf);
}

export async function retention(input: RetentionInput, d: Dashboard): Promise<RetentionResult> {
  const lastRolled = addDays(d.today, -1);
  if (input.grain === 'day') {
    const days = daysFrom(addDays(lastRolled, -(input.count - 1)), lastRolled);
    // the rollups of the cohort days and of the 30 days after (returns d1/d7/d30), stored ones only
    const { list } = await loadDayRollups(d.ctx.db, days[0], lastRolled, { ...d.live, storedOnly: true }, ['totals', 'returning']);
    return { grain: 'day', rows: dailyRetention(days, list) };
  }
  const kind = input.grain;
  const cohorts: Period[] = [periodOfDay(kind, d.today)];
  while (cohorts.length < input.count) cohorts.unshift(previousPeriod(cohorts[0]));
  const [{ byDay }, stats] = await Promise.all([
    loadDayRollups(d.ctx.db, cohorts[0].first, d.today, d.live, TOTALS),
    loadPeriodStats(d.ctx.db, cohorts.map(statsIdOf)),
  ]);
  const rows = cohortTableFromStats(
    kind,
    cohorts,
    (day) => byDay.get(day)?.totals.newUsers ?? 0,
    (key) => stats.get(periodStatsId(kind, key))?.cohorts,
    input.count,
    d.today,
  );
  return { grain: kind, columns: input.count, rows };
}

export async function funnel(input: FunnelInput, d: Dashboard): Promise<FunnelResult> {
  const { byDay } = await loadDayRollups(d.ctx.db, input.from, input.to, d.live, ['funnel']);
  return funnelOf(input.from, input.to, input.channel ?? 'all', byDay);
}

export async function channels(input: ChannelsInput, d: Dashboard): Promise<ChannelsResult> {
  const { list } = await loadDayRollups(d.ctx.db, input.from, input.to, d.live, ['totals', 'channels', 'scenes', 'qrCodes', 'referrers']);
  return channelsOf(input.from, input.to, list);
}

export async function segments(input: SegmentsInput, d: Dashboard): Promise<SegmentsResult> {
  const last = addDays(d.today, -1);
  const days = daysFrom(addDays(last, -((input.days ?? 30) - 1)), last);
  const [{ byDay }, counts] = await Promise.all([
    loadDayRollups(d.ctx.db, days[0], last, d.live, ['segments']),
    segmentCountsNow(d.ctx.db, d.today, d.settings.segments),
  ]);
  return {
    definitions: d.settings.segments,
    descriptions: segmentDescriptions(d.settings.segments),
    counts,
    series: days.map((day) => ({ day, counts: byDay.get(day)?.segments ?? null })),
  };
}

export async function segmentMembers(input: SegmentMembersInput, d: Dashboard): Promise<SegmentMembersResult> {
  const page = await segmentMembersPage(d.ctx.db, input.segment, d.today, d.settings.segments, {
    ...(input.cursor ? { cursor: input.cursor } : {}),
    limit: input.limit ?? DEFAULT_MEMBERS_PAGE,
  });
  return { segment: input.segment, ...page };
}
