/**
 * Contract of the `analytics` cloud function (server/analytics). `track.batch` stores the caller's tracked events:
 * each event is checked on its own, the valid ones are stored with the caller's openid (from the platform, never from
 * the event) and the others are refused with their index and reason, so a bad event never costs the good ones.
 * Server events (paid, refunded, completed) are written by the order functions and refused here as forged.
 */
import type { ActionSpec } from '../envelope';
import type { EpochMs, Fen, OpenId } from '../shop/common';
import type { TouchChannel } from '../shop/attribution';
import type { DayMetrics, DimensionRow, FunnelCounts, SegmentName } from '../shop/analytics';

interface EventBase {
  /** Device time of the event (ms). Accepted from 2 days before to 10 minutes after the server's time. */
  at: EpochMs;
  /** Random id of the launch session. */
  session?: string;
}

/** What the mini-program may send (the server's zod schema: server/analytics/tracking/event-schema.ts). */
export type TrackEventInput =
  | (EventBase & { type: 'page_view'; page: string })
  | (EventBase & { type: 'goods_view'; goodsId: string; page?: string })
  | (EventBase & { type: 'add_to_cart'; goodsId: string; skuId: string; quantity: number; page?: string })
  | (EventBase & { type: 'checkout_start'; page?: string })
  | (EventBase & { type: 'share'; target: 'chat' | 'group' | 'timeline' | 'poster' | 'other'; page?: string; goodsId?: string })
  | (EventBase & { type: 'search'; keyword: string; page?: string });

export interface TrackRefusal {
  /** Index of the event in the batch. */
  index: number;
  reason: 'forged' | 'oversized' | 'malformed' | 'stale' | 'future';
  detail: string;
}

export interface TrackBatchInput {
  /** 1–200 events; only the first 50 are considered, the rest are refused as oversized. */
  events: TrackEventInput[];
}

export interface TrackBatchResult {
  accepted: number;
  refused: TrackRefusal[];
}

// ───────────────────────────── Dashboard (staff only) ─────────────────────────────
// Every action below answers FORBIDDEN to anyone not in the `staff` collection (UNAUTHENTICATED without an openid)
// and INVALID_INPUT for a bad input (a from–to range is at most 400 days; from ≤ to). They read the `analytics_daily` rollup
// documents (one per shop day, O(days), never the events) plus, for today, a live rollup of today's facts.
// Days are the shop's days `YYYY-MM-DD` (Asia/Shanghai by default); rates are fractions 0…1; money is fen.

/** A shop day key `YYYY-MM-DD`. */
export type DayKey = string;

export type ReportPeriodKind = 'day' | 'week' | 'month' | 'quarter';

/** A shop period: key `2026-03-31`, `2026-W14` (ISO, Monday start), `2026-03`, `2026-Q1`; first/last day inclusive. */
export interface PeriodRef {
  kind: ReportPeriodKind;
  key: string;
  first: DayKey;
  last: DayKey;
}

/** The headline numbers of a day or a period. */
export interface Headline {
  visitors: number;
  newUsers: number;
  payingCustomers: number;
  orders: number;
  gmvFen: Fen;
  refunds: number;
  refundFen: Fen;
  /** GMV ÷ orders, rounded to the fen (0 without orders). */
  aovFen: Fen;
  /** Paying customers ÷ visitors (0 without visitors). */
  conversion: number;
}
export type HeadlineName = keyof Headline;

/** Relative change (current − previous) ÷ previous per number; null when the previous value is 0. */
export type Change<K extends string> = Record<K, number | null>;

/** One point of a daily trend (a day without a rollup is all zeros, `hasData: false`). */
export interface TrendPoint extends Headline {
  day: DayKey;
  visits: number;
  pageViews: number;
  hasData: boolean;
}

export interface OverviewInput {
  /** Length of the trend: the completed days ending yesterday (today is not in it, see `today`). 7–90, default 30. */
  days?: number;
}

export interface OverviewResult {
  /** When `today` was counted (its live rollup, at most 2 minutes old); today counts up to this instant. */
  asOf: EpochMs;
  timeZone: string;
  today: { day: DayKey } & Headline;
  /**
   * Yesterday up to the same shop time as `asOf` (e.g. 00:00–09:30 when asOf is 09:30): what today is compared with,
   * so a morning is not measured against a whole day. `until` is the cut-off (excluded).
   */
  yesterdaySameTime: { day: DayKey; until: EpochMs } & Headline;
  /** The whole of yesterday (from its rollup, or live when it has none yet): shown as secondary text. */
  yesterday: { day: DayKey } & Headline;
  /** today vs yesterdaySameTime. */
  change: Change<HeadlineName>;
  /** Oldest first, `days` points: the completed days ending yesterday (today, a partial day, is left out). */
  trend: TrendPoint[];
}

/** A period's report: `metrics` are sums of the daily rollups (people counts are visitor-days, see README). */
export interface PeriodReportView {
  period: PeriodRef;
  metrics: DayMetrics;
  aovFen: Fen;
  /** metrics.payingCustomers ÷ metrics.visitors. */
  conversion: number;
  /** Days of the period that had a rollup. */
  daysWithData: number;
  /**
   * Distinct people over the whole period (a person who came on Monday and Tuesday counts once), maintained by the
   * nightly rollup in `analytics_periods`; null for a day report or when the period has no such document.
   * visitors = people with a visit or a paid order in the period; payingCustomers = people with a paid order.
   */
  distinct: { visitors: number; payingCustomers: number; conversion: number } | null;
}

export type MetricName = keyof DayMetrics | 'aovFen' | 'conversion';

export interface PeriodReportInput {
  period: ReportPeriodKind;
  /** The period's key; default: the current period (today's). */
  key?: string;
}

export interface ComparedReportView {
  current: PeriodReportView;
  previous: PeriodReportView;
  change: Change<MetricName>;
}

export type RetentionGrain = 'day' | 'week' | 'month';

export interface RetentionInput {
  grain: RetentionGrain;
  /**
   * Cohorts: day 1–120 (ending yesterday, the last rolled-up day), week 1–26 / month 1–13 (ending with the current
   * week / month; also the number of columns).
   */
  count: number;
}

/** Day-1/7/30 retention of one day's new users; null while day D+k has no rollup. */
export interface DayRetentionRow {
  day: DayKey;
  cohort: number;
  d1: number | null;
  d7: number | null;
  d30: number | null;
  /** Returned users behind each rate (null like the rate). */
  returned: { d1: number | null; d7: number | null; d30: number | null };
}

/** A weekly/monthly cohort: column k = users of the cohort active in the k-th period after (0 = the cohort's own). */
export interface CohortTableRow {
  cohort: string;
  size: number;
  /** null for periods after today. */
  retained: Array<number | null>;
  rates: Array<number | null>;
}

export type RetentionResult =
  | { grain: 'day'; rows: DayRetentionRow[] }
  | { grain: 'week' | 'month'; columns: number; rows: CohortTableRow[] };

export type FunnelStepName = keyof FunnelCounts;

export interface FunnelStepView {
  step: FunnelStepName;
  users: number;
  /** users ÷ previous step's users (1 for the first step; 0 when the previous step is 0). */
  fromPrevious: number;
  /** 1 − fromPrevious (0 for the first step). */
  dropOff: number;
  /** users ÷ first step's users. */
  fromStart: number;
}

export interface FunnelInput {
  from: DayKey;
  to: DayKey;
  /** `all` (default) or the channel of each person's first visit of the day. */
  channel?: TouchChannel | 'all';
}

export interface FunnelResult {
  from: DayKey;
  to: DayKey;
  channel: TouchChannel | 'all';
  /** Summed over the days (distinct people per day). */
  steps: FunnelStepView[];
  /** Per day, for a chart (oldest first). */
  days: Array<{ day: DayKey } & FunnelCounts>;
  /** The same totals per channel (channels with visitors only). */
  byChannel: Array<{ channel: TouchChannel } & FunnelCounts>;
}

export type { SegmentName };

/** N and M of the segment definitions (shop settings `segments`, defaults 30 / 90). */
export interface SegmentDefinitionsView {
  atRiskDays: number;
  churnedDays: number;
}

export interface SegmentsInput {
  /** Length of the series ending yesterday, 1–400, default 30. */
  days?: number;
}

export interface SegmentsResult {
  definitions: SegmentDefinitionsView;
  /** Human definitions, in the order a customer is assigned (first that applies). */
  descriptions: Array<{ segment: SegmentName; text: string }>;
  /** Counts now (customer facts as of the last nightly rollup, idle days counted to today). */
  counts: Record<SegmentName, number>;
  /** Counts at the end of each day, from the daily rollups (a day without a rollup: counts null). */
  series: Array<{ day: DayKey; counts: Record<SegmentName, number> | null }>;
}

export interface SegmentMembersInput {
  segment: SegmentName;
  /** From the previous page's nextCursor. */
  cursor?: string;
  /** 1–1000, default 200. */
  limit?: number;
}

/** A member of a segment as the owner recognises them (facts as of the last nightly rollup). */
export interface SegmentMemberView {
  openid: OpenId;
  /** The nickname of the user's profile; absent when they never set one. */
  nickname?: string;
  /** Shop day of their last visit / last paid order; absent when none. */
  lastVisitDay?: DayKey;
  lastOrderDay?: DayKey;
  /** Paid orders in all. */
  paidOrders: number;
  /** Distinct shop days with a visit. */
  visitDays: number;
}

export interface SegmentMembersResult {
  segment: SegmentName;
  /** In openid order (the cursor's order). */
  members: SegmentMemberView[];
  /** Absent on the last page. */
  nextCursor?: string;
}

/** A dimension value's totals over the days with its share of each total (0…1). */
export interface ChannelRow extends DimensionRow {
  share: { visits: number; newUsers: number; orders: number; gmvFen: number };
}

export interface ChannelsInput {
  from: DayKey;
  to: DayKey;
}

export interface ChannelsResult {
  from: DayKey;
  to: DayKey;
  /** Per channel (qr, share, search, official_account, direct, other), sorted by GMV then visits. */
  channels: ChannelRow[];
  /** Per launch scene number (key = the scene as a string). */
  scenes: ChannelRow[];
  /** Per printed QR code id (e.g. one per table). */
  qrCodes: ChannelRow[];
  /** Per sharer's referral code: the visits, new users, orders and GMV each sharer's links brought. */
  referrers: ChannelRow[];
  /** Share events (people sharing) over the days. */
  shares: number;
}

/** Which report to export, with the input of the action that shows it. */
export type ExportRequest =
  | { report: 'daily'; params: { from: DayKey; to: DayKey } }
  | { report: 'period'; params: PeriodReportInput }
  | { report: 'retention'; params: RetentionInput }
  | { report: 'funnel'; params: FunnelInput }
  | { report: 'segments'; params: SegmentsInput }
  | { report: 'segment_members'; params: { segment: SegmentName } }
  | { report: 'channels'; params: ChannelsInput & { dimension?: 'channels' | 'scenes' | 'qrCodes' | 'referrers' } };

export type ExportReportName = ExportRequest['report'];

export interface ExportResult {
  /** Cloud storage file `exports/<report>-<ts>.csv` (UTF-8 with BOM, so Excel shows Chinese text). */
  fileID: string;
  /** Download link (temporary). */
  tempFileURL: string;
  /** Data rows (without the header). */
  rows: number;
}

export type AnalyticsActions = {
  'track.batch': ActionSpec<TrackBatchInput, TrackBatchResult>;
  /** Today so far vs yesterday up to the same time (and yesterday's whole day), and a trend of completed days. */
  'dashboard.overview': ActionSpec<OverviewInput, OverviewResult>;
  /** A day / week / month / quarter report vs the previous one. */
  'reports.period': ActionSpec<PeriodReportInput, ComparedReportView>;
  'retention.cohorts': ActionSpec<RetentionInput, RetentionResult>;
  'funnel.get': ActionSpec<FunnelInput, FunnelResult>;
  'segments.get': ActionSpec<SegmentsInput, SegmentsResult>;
  'segments.members': ActionSpec<SegmentMembersInput, SegmentMembersResult>;
  'channels.get': ActionSpec<ChannelsInput, ChannelsResult>;
  /** Any report as CSV in cloud storage. */
  'reports.export': ActionSpec<ExportRequest, ExportResult>;
};
