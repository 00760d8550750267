/**
 * What a day's rollup and the direct computations read: the slim shapes of visits, events, users and orders (the
 * stored documents have more fields; only these are used, so readers may project to them).
 */
import type { Touch } from '../../../typings/shop/attribution';
import type { AnalyticsEvent } from '../../../typings/shop/analytics';
import type { EpochMs, Fen, OpenId } from '../../../typings/shop/common';

export interface VisitFact {
  openid: OpenId;
  at: EpochMs;
  touch: Touch;
}

export type EventFact = Pick<AnalyticsEvent, 'type' | 'openid' | 'at'> & Partial<Pick<AnalyticsEvent, 'page' | 'goodsId'>>;

export interface UserFact {
  _id: OpenId;
  createdAt: EpochMs;
  firstTouch: Touch;
}

export interface OrderFact {
  openid: OpenId;
  attribution: Touch;
  amounts: { totalFen: Fen };
  payment?: { paidAt?: EpochMs; paidFen?: Fen };
  refunds: Array<{ status: string; amountFen: Fen; refundedAt?: EpochMs }>;
}

/** A day's raw material. Items outside the day are ignored, so a reader may pass a superset. */
export interface DayFacts {
  visits: readonly VisitFact[];
  events: readonly EventFact[];
  /** Users created on the day, and those created 1, 7 and 30 days before (for the cohort returns). */
  users: readonly UserFact[];
  /** Orders paid on the day or refunded on the day. */
  orders: readonly OrderFact[];
}

/** What an order paid (the payment's amount, or the order total when the payment did not record one). */
export function paidFenOf(order: OrderFact): Fen {
  return order.payment?.paidFen ?? order.amounts.totalFen;
}
