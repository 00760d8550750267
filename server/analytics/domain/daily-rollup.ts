/**
 * One shop day's events, visits, users and orders → one DailyRollup document (per shop totals, per channel / scene /
 * QR code / referrer, per page, funnel per channel, cohort returns). Pure: the same facts give the same document
 * (apart from `computedAt`), so re-rolling a day is idempotent, and a late event is counted when its day is rolled
 * up again. Facts outside the day are ignored.
 *
 * Rules:
 * - a visitor is anyone with a visit, a client event or a paid order that day; their day channel is the channel of
 *   their first visit that day (`direct` when they have no visit that day);
 * - server events (paid/refunded/completed) in the events are ignored: money and payers come from the orders only;
 * - visits per dimension use the visit's touch; new users use the user's first touch; orders and GMV use the
 *   order's attribution (the touch when it was placed);
 * - an order counts on the day it was PAID (payment.paidAt); a refund counts on the day it SUCCEEDED (refundedAt);
 * - the funnel is closed: a person counts at a step when they did it and every earlier step that day (a payer
 *   whose goods view was not tracked stops at `visited`), so each step is at most the one before;
 * - cohort returns d1/d7/d30: users created 1/7/30 days before who are visitors this day;
 * - with `until`, the day is cut off there: facts at or after `until` (visits, events, users created, payments,
 *   refunds) are ignored, giving the day "up to that time" (the dashboard's yesterday up to the same shop time).
 */
import type { TouchChannel, Touch } from '../../../typings/shop/attribution';
import type { CohortReturns, DailyRollup, DayMetrics, DimensionRow, FunnelCounts, FunnelRow, PageRow } from '../../../typings/shop/analytics';
import type { EpochMs } from '../../../typings/shop/common';
import { addDays, dayKeyOf, DEFAULT_SHOP_TIME_ZONE, type DayKey } from './shop-calendar';
import { paidFenOf, type DayFacts, type OrderFact, type UserFact } from './rollup-input';

export const FUNNEL_CHANNELS: readonly TouchChannel[] = ['qr', 'share', 'search', 'official_account', 'direct', 'other'];
export const RETURN_OFFSETS = { d1: 1, d7: 7, d30: 30 } as const;

export interface RollupOptions {
  timeZone?: string;
  /** Stamped as computedAt. */
  now: EpochMs;
  /** Cut-off: only facts strictly before this instant count (default: the whole day). */
  until?: EpochMs;
}

type DimensionName = 'channels' | 'scenes' | 'qrCodes' | 'referrers';
const DIMENSIONS: ReadonlyArray<[DimensionName, (t: Touch) => string | undefined]> = [
  ['channels', (t) => t.channel],
  ['scenes', (t) => String(t.scene)],
  ['qrCodes', (t) => t.qr],
  ['referrers', (t) => t.referrer],
];

class DimensionTally {
  private rows = new Map<string, { visits: number; visitors: Set<string>; newUsers: number; orders: number; gmvFen: number }>();
  private row(key: string) {
    let r = this.rows.get(key);
    if (!r) this.rows.set(key, (r = { visits: 0, visitors: new Set(), newUsers: 0, orders: 0, gmvFen: 0 }));
    return r;
  }
  visit(key: string, openid: string) {
    const r = this.row(key);
    r.visits++;
    r.visitors.add(openid);
  }
  newUser(key: string) {
    this.row(key).newUsers++;
  }
  order(key: string, fen: number) {
    const r = this.row(key);
    r.orders++;
    r.gmvFen += fen;
  }
  toRows(): DimensionRow[] {
    return [...this.rows.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, r]) => ({ key, visits: r.visits, visitors: r.visitors.size, newUsers: r.newUsers, orders: r.orders, gmvFen: r.gmvFen }));
  }
}

const emptyFunnel = (): FunnelCounts => ({ visited: 0, viewedGoods: 0, addedToCart: 0, startedCheckout: 0, paid: 0 });

export function emptyMetrics(): DayMetrics {
  return {
    visits: 0, visitors: 0, newUsers: 0, pageViews: 0, goodsViews: 0, addToCarts: 0, checkoutStarts: 0, shares: 0,
    payingCustomers: 0, orders: 0, gmvFen: 0, refunds: 0, refundFen: 0,
  };
}

function usersCreatedOn(users: readonly UserFact[], day: DayKey, tz: string, until = Infinity): UserFact[] {
  return users.filter((u) => u.createdAt < until && dayKeyOf(u.createdAt, tz) === day);
}

export function rollupDay(day: DayKey, facts: DayFacts, opts: RollupOptions): DailyRollup {
  const tz = opts.timeZone ?? DEFAULT_SHOP_TIME_ZONE;
  const until = opts.until ?? Infinity;
  const onDay = (at: EpochMs) => at < until && dayKeyOf(at, tz) === day;
  const paidOn = (o: OrderFact) => o.payment?.paidAt !== undefined && onDay(o.payment.paidAt);
  const totals = emptyMetrics();
  const tallies = new Map(DIMENSIONS.map(([name]) => [name, new DimensionTally()]));

  // Visits, in time order so each person's first visit of the day gives their day channel.
  const visits = facts.visits.filter((v) => onDay(v.at)).sort((a, b) => a.at - b.at);
  const visitors = new Set<string>();
  const dayChannel = new Map<string, TouchChannel>();
  for (const v of visits) {
    totals.visits++;
    visitors.add(v.openid);
    if (!dayChannel.has(v.openid)) dayChannel.set(v.openid, v.touch.channel);
    for (const [name, keyOf] of DIMENSIONS) {
      const key = keyOf(v.touch);
      if (key !== undefined) tallies.get(name)!.visit(key, v.openid);
    }
  }

  // Client events.
  const steps = { viewedGoods: new Set<string>(), addedToCart: new Set<string>(), startedCheckout: new Set<string>() };
  const pages = new Map<string, { views: number; visitors: Set<string> }>();
  for (const e of facts.events) {
    if (!onDay(e.at)) continue;
    if (e.type === 'paid' || e.type === 'refunded' || e.type === 'completed') continue; // orders are the truth for money
    visitors.add(e.openid);
    switch (e.type) {
      case 'page_view': {
        totals.pageViews++;
        if (e.page) {
          let p = pages.get(e.page);
          if (!p) pages.set(e.page, (p = { views: 0, visitors: new Set() }));
          p.views++;
          p.visitors.add(e.openid);
        }
        break;
      }
      case 'goods_view':
        totals.goodsViews++;
        steps.viewedGoods.add(e.openid);
        break;
      case 'add_to_cart':
        totals.addToCarts++;
        steps.addedToCart.add(e.openid);
        break;
      case 'checkout_start':
        totals.checkoutStarts++;
        steps.startedCheckout.add(e.openid);
        break;
      case 'share':
        totals.shares++;
        break;
      default:
        break;
    }
  }

  // New users.
  const created = usersCreatedOn(facts.users, day, tz, until);
  totals.newUsers = created.length;
  for (const u of created) {
    for (const [name, keyOf] of DIMENSIONS) {
      const key = keyOf(u.firstTouch);
      if (key !== undefined) tallies.get(name)!.newUser(key);
    }
  }

  // Orders paid today; refunds succeeded today.
  const payers = new Set<string>();
  for (const o of facts.orders) {
    if (paidOn(o)) {
      const fen = paidFenOf(o);
      totals.orders++;
      totals.gmvFen += fen;
      payers.add(o.openid);
      for (const [name, keyOf] of DIMENSIONS) {
        const key = keyOf(o.attribution);
        if (key !== undefined) tallies.get(name)!.order(key, fen);
      }
    }
    for (const r of o.refunds) {
      if (r.status === 'succeeded' && r.refundedAt !== undefined && onDay(r.refundedAt)) {
        totals.refunds++;
        totals.refundFen += r.amountFen;
      }
    }
  }
  totals.payingCustomers = payers.size;
  for (const p of payers) visitors.add(p);
  totals.visitors = visitors.size;

  // Funnel, overall and per day channel.
  // A closed funnel: a person counts at a step when they did it AND every earlier step that day.
  const funnelOf = (who: (openid: string) => boolean): FunnelCounts => {
    const f = emptyFunnel();
    for (const id of visitors) {
      if (!who(id)) continue;
      f.visited++;
      if (!steps.viewedGoods.has(id)) continue;
      f.viewedGoods++;
      if (!steps.addedToCart.has(id)) continue;
      f.addedToCart++;
      if (!steps.startedCheckout.has(id)) continue;
      f.startedCheckout++;
      if (payers.has(id)) f.paid++;
    }
    return f;
  };
  const channelOf = (openid: string): TouchChannel => dayChannel.get(openid) ?? 'direct';
  const funnel: FunnelRow[] = [{ channel: 'all', ...funnelOf(() => true) }];
  for (const channel of FUNNEL_CHANNELS) {
    const row = funnelOf((id) => channelOf(id) === channel);
    if (row.visited > 0) funnel.push({ channel, ...row });
  }

  // Cohort returns.
  const returning = {} as CohortReturns;
  for (const [name, offset] of Object.entries(RETURN_OFFSETS) as Array<[keyof CohortReturns, number]>) {
    returning[name] = usersCreatedOn(facts.users, addDays(day, -offset), tz).filter((u) => visitors.has(u._id)).length;
  }

  const pageRows: PageRow[] = [...pages.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([page, p]) => ({ page, views: p.views, visitors: p.visitors.size }));

  return {
    _id: day,
    day,
    timeZone: tz,
    totals,
    channels: tallies.get('channels')!.toRows(),
    scenes: tallies.get('scenes')!.toRows(),
    qrCodes: tallies.get('qrCodes')!.toRows(),
    referrers: tallies.get('referrers')!.toRows(),
    pages: pageRows,
    funnel,
    returning,
    computedAt: opts.now,
  };
}
