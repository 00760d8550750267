/**
 * A small hand-made shop history (Asia/Shanghai) used by the analytics tests; the expected numbers are worked out
 * by hand in the specs. Users A, B (created 03-30), C, D (created 03-31). Note the 23:30 / 00:30 orders around
 * midnight 03-31 → 04-01 (also a month and quarter boundary).
 */
import type { Touch } from '../../../typings/shop/attribution';
import { dayRange } from './shop-calendar';
import type { DayFacts, EventFact, OrderFact, UserFact, VisitFact } from './rollup-input';

/** Epoch ms of a shop-time `YYYY-MM-DD` + `HH:mm`. */
export function at(day: string, hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return dayRange(day).start + (h * 60 + m) * 60_000;
}

const touch = (when: number, t: Omit<Touch, 'at'>): Touch => ({ at: when, ...t });
const QR: Omit<Touch, 'at'> = { scene: 1047, channel: 'qr', qr: 'Q1' };
const SHARE: Omit<Touch, 'at'> = { scene: 1007, channel: 'share', referrer: 'rA' };
const SEARCH: Omit<Touch, 'at'> = { scene: 1053, channel: 'search' };
const DIRECT: Omit<Touch, 'at'> = { scene: 1001, channel: 'direct' };

const visit = (openid: string, day: string, hhmm: string, t: Omit<Touch, 'at'>): VisitFact => ({ openid, at: at(day, hhmm), touch: touch(at(day, hhmm), t) });
const user = (id: string, day: string, hhmm: string, t: Omit<Touch, 'at'>): UserFact => ({ _id: id, createdAt: at(day, hhmm), firstTouch: touch(at(day, hhmm), t) });
const event = (openid: string, day: string, hhmm: string, type: EventFact['type'], extra: Partial<EventFact> = {}): EventFact => ({
  openid, at: at(day, hhmm), type, ...extra,
});
const order = (openid: string, t: Omit<Touch, 'at'>, paidFen: number, paidAt?: number, refunds: OrderFact['refunds'] = []): OrderFact => ({
  openid,
  attribution: touch(paidAt ?? 0, t),
  amounts: { totalFen: paidFen },
  ...(paidAt !== undefined ? { payment: { paidAt, paidFen } } : {}),
  refunds,
});

export const USERS: UserFact[] = [
  user('A', '2026-03-30', '10:00', QR),
  user('B', '2026-03-30', '23:30', SHARE),
  user('C', '2026-03-31', '00:30', SEARCH),
  user('D', '2026-03-31', '12:00', DIRECT),
];

export const VISITS: VisitFact[] = [
  visit('A', '2026-03-30', '10:00', QR),
  visit('B', '2026-03-30', '23:30', SHARE),
  visit('C', '2026-03-31', '00:30', SEARCH),
  visit('A', '2026-03-31', '09:00', DIRECT),
  visit('D', '2026-03-31', '12:00', DIRECT),
  visit('C', '2026-04-01', '00:20', QR),
  visit('A', '2026-04-06', '10:00', DIRECT),
];

export const EVENTS: EventFact[] = [
  event('A', '2026-03-30', '10:01', 'page_view', { page: 'pages/index/index' }),
  event('A', '2026-03-30', '10:02', 'goods_view', { goodsId: 'g1' }),
  event('A', '2026-03-30', '10:03', 'add_to_cart', { goodsId: 'g1' }),
  event('A', '2026-03-30', '10:04', 'checkout_start'),
  event('B', '2026-03-30', '23:35', 'goods_view', { goodsId: 'g1' }),
  event('C', '2026-03-31', '00:40', 'page_view', { page: 'pages/index/index' }),
  event('C', '2026-03-31', '00:41', 'goods_view', { goodsId: 'g2' }),
  event('C', '2026-03-31', '00:42', 'add_to_cart', { goodsId: 'g2' }),
  event('A', '2026-03-31', '09:05', 'page_view', { page: 'pages/index/index' }),
  event('A', '2026-03-31', '09:06', 'checkout_start'),
  event('D', '2026-03-31', '12:01', 'share'),
  // a payment claimed by an event (should a forged one slip into storage): money comes from orders only
  event('B', '2026-03-31', '13:00', 'paid'),
  event('C', '2026-04-01', '00:21', 'goods_view', { goodsId: 'g2' }),
  event('C', '2026-04-01', '00:22', 'add_to_cart', { goodsId: 'g2' }),
  event('C', '2026-04-01', '00:25', 'checkout_start'),
];

export const ORDERS: OrderFact[] = [
  order('A', QR, 3000, at('2026-03-30', '23:30')),
  order('C', SEARCH, 5000, at('2026-03-31', '00:30'), [
    { status: 'succeeded', amountFen: 2000, refundedAt: at('2026-04-01', '08:30') },
    { status: 'rejected', amountFen: 3000 },
  ]),
  order('A', DIRECT, 1000, at('2026-03-31', '23:30')),
  order('D', DIRECT, 800), // never paid
  order('C', QR, 4000, at('2026-04-01', '00:30')),
];

export const HISTORY: DayFacts = { visits: VISITS, events: EVENTS, users: USERS, orders: ORDERS };

/** The days of the history that have activity. */
export const ACTIVE_DAYS = ['2026-03-30', '2026-03-31', '2026-04-01', '2026-04-06'];
