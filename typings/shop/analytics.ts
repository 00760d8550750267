/**
 * Operations data: tracked events and the daily rollup documents every report reads (server/analytics).
 * Days are the shop's days (`YYYY-MM-DD` in the shop's time zone, Asia/Shanghai by default).
 */
import type { TouchChannel } from './attribution';
import type { EpochMs, Fen, OpenId } from './common';

/** Events the mini-program may send (`analytics` function, action `track.batch`). */
export type ClientEventType = 'page_view' | 'goods_view' | 'add_to_cart' | 'checkout_start' | 'share' | 'search';

/** Events only the functions themselves write (never accepted from a client). */
export type ServerEventType = 'paid' | 'refunded' | 'completed';

export type EventType = ClientEventType | ServerEventType;

/** `events` collection: one tracked event. */
export interface AnalyticsEvent {
  type: EventType;
  /** Who: always the caller's openid from the platform context (never from the event). */
  openid: OpenId;
  /** When it happened on the device (clamped by the server to a window around the receive time). */
  at: EpochMs;
  /** When the server stored it. */
  receivedAt: EpochMs;
  /** Page route, e.g. `pages/goods/detail`. */
  page?: string;
  goodsId?: string;
  skuId?: string;
  quantity?: number;
  /** share: where to (`chat`, `group`, `timeline`, `poster`). */
  target?: string;
  /** search: the keyword. */
  keyword?: string;
  /** Client-side session id (random per launch), to group a session's events. */
  session?: string;
  /** Server events: the order concerned, and the amount (paid or refunded). */
  orderId?: string;
  amountFen?: Fen;
}

/** The day's headline numbers. Counts of people are distinct openids within the day. */
export interface DayMetrics {
  /** Launches (visits collection). */
  visits: number;
  /** Distinct people with a visit or an event that day. */
  visitors: number;
  /** Users created that day (first visit ever). */
  newUsers: number;
  pageViews: number;
  goodsViews: number;
  addToCarts: number;
  checkoutStarts: number;
  shares: number;
  /** Distinct payers (orders paid that day). */
  payingCustomers: number;
  /** Orders paid that day. */
  orders: number;
  /** Sum paid for those orders. */
  gmvFen: Fen;
  /** Successful refunds completed that day (any order). */
  refunds: number;
  refundFen: Fen;
}

/** One value of a dimension (channel, scene, QR code, referrer). Visits by the visit's touch; orders by the order's attribution. */
export interface DimensionRow {
  key: string;
  visits: number;
  visitors: number;
  /** New users whose first touch had this value. */
  newUsers: number;
  orders: number;
  gmvFen: Fen;
}

export interface PageRow {
  page: string;
  views: number;
  visitors: number;
}

/** Distinct people reaching each step in the day (closed funnel: they did this step and every earlier one that day). */
export interface FunnelCounts {
  visited: number;
  viewedGoods: number;
  addedToCart: number;
  startedCheckout: number;
  paid: number;
}

export interface FunnelRow extends FunnelCounts {
  /** `all`, or the channel of the person's first visit that day. */
  channel: TouchChannel | 'all';
}

/** Of the users created k days before this day, how many came back (visit or event) this day. */
export interface CohortReturns {
  d1: number;
  d7: number;
  d30: number;
}

/** Customer segments (server/analytics/domain/segments.ts has the definitions). */
export type SegmentName = 'new_first_visit' | 'new_returning' | 'active_customer' | 'at_risk' | 'churned';

/** `analytics_daily` collection: `_id` is the day key. Re-rolling a day replaces the document. */
export interface DailyRollup {
  _id: string;
  day: string;
  timeZone: string;
  totals: DayMetrics;
  channels: DimensionRow[];
  scenes: DimensionRow[];
  qrCodes: DimensionRow[];
  referrers: DimensionRow[];
  pages: PageRow[];
  funnel: FunnelRow[];
  returning: CohortReturns;
  /** Customers per segment at the end of the day (written by the rollup from `customer_facts`). */
  segments?: Record<SegmentName, number>;
  computedAt: EpochMs;
}
