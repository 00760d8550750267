/**
 * The demo shop's past: `days` shop days (90 by default) of believable customers, deterministic from a seed.
 * New customers arrive every day (more at weekends, more as the shop grows) through a table's QR code, a friend's
 * share, WeChat search, an official-account article, or directly; some come back (regulars often, most rarely, and
 * less as time passes). Each visit is a launch (`visits`) and the client events it would send (`events`: page
 * views, searches, goods views, add to cart, checkout, shares); a checkout is usually paid, through a planned order
 * (built by orders.ts with the shop's own domain: quote, draft, transitions), mostly completed, a few refunded.
 * Today so far is generated too (up to `now`), so the dashboard's live "today" has numbers. Times are within
 * opening hours (08:00–21:00, Asia/Shanghai).
 */
import type { Touch, UserDoc } from '../../typings/shop/attribution';
import type { AnalyticsEvent } from '../../typings/shop/analytics';
import type { GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import { addDays, dayKeyOf, dayRange, type DayKey } from '../../server/analytics/domain/shop-calendar';
import type { DemoOrderPlan, Step } from './orders';
import type { Rng } from './rng';

const MINUTE = 60_000;
const TZ = 'Asia/Shanghai';

export interface HistoryOptions {
  now: number;
  /** Whole shop days before today (default 90). */
  days?: number;
  rng: Rng;
  goods: readonly GoodsDoc[];
  skus: readonly SkuDoc[];
  /** New customers on an ordinary weekday at the start (default 22); grows ×1.8 over the span. */
  newPerDay?: number;
}

export interface DemoHistory {
  /** The shop days rolled up (oldest first, ending yesterday). */
  days: DayKey[];
  users: UserDoc[];
  visits: Array<{ _id: string; openid: string; at: number; touch: Touch }>;
  events: Array<AnalyticsEvent & { _id: string }>;
  orderPlans: DemoOrderPlan[];
}

const TABLES = ['A1', 'A2', 'A3', 'A4', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3', 'D1', 'D2'];
const ARTICLES = ['oa-new-beans', 'oa-autumn-menu', 'oa-latte-art'];
const KEYWORDS = ['拿铁', '美式', '燕麦拿铁', '咖啡豆', '挂耳', '可颂', '贝果', '提拉米苏', '巴斯克', '抹茶', '杯子', '生日蛋糕'];
const MAIN_PAGES = { home: 'pages/home/index', category: 'pages/category/index', goods: 'pages/goods/index', search: 'pages/search/index', cart: 'pages/cart/index', checkout: 'pages/checkout/index', user: 'pages/user/index' };
/** Relative weight of each opening hour 08 … 20 (morning coffee, lunch, afternoon tea). */
const HOUR_WEIGHTS = [9, 8, 5, 6, 9, 7, 5, 7, 8, 6, 5, 4, 3];

type TouchSeed = Omit<Touch, 'at'>;

function pickWeighted<T>(rng: Rng, items: ReadonlyArray<[T, number]>): T {
  const total = items.reduce((n, [, w]) => n + w, 0);
  let x = rng.next() * total;
  for (const [item, w] of items) if ((x -= w) < 0) return item;
  return items[items.length - 1][0];
}

const pick = <T>(rng: Rng, list: readonly T[]): T => list[rng.int(list.length)];

export function buildDemoHistory(opts: HistoryOptions): DemoHistory {
  const { rng, now } = opts;
  const spanDays = opts.days ?? 90;
  const today = dayKeyOf(now, TZ);
  const days = Array.from({ length: spanDays }, (_, i) => addDays(today, i - spanDays));
  const base = opts.newPerDay ?? 22;

  const sellable = opts.skus.filter((s) => s.onShelf && s.stock > 0);
  const onShelf = opts.goods.filter((g) => g.onShelf && sellable.some((s) => s.goodsId === g._id));
  const skusOf = new Map(onShelf.map((g) => [g._id, sellable.filter((s) => s.goodsId === g._id)]));

  const users: UserDoc[] = [];
  const visits: DemoHistory['visits'] = [];
  const events: DemoHistory['events'] = [];
  const orderPlans: DemoOrderPlan[] = [];
  /** Customers with their habit: the chance of coming back on a day, fading with age. */
  const people: Array<{ openid: string; createdDay: number; returnRate: number; sharer: boolean }> = [];
  const sharers: string[] = [];
  const sharerSet = new Set<string>();
  let session = 0;

  const HOURS = HOUR_WEIGHTS.map((w, i) => [i, w] as [number, number]);
  const starts = new Map<DayKey, number>();
  const startOf = (day: DayKey) => {
    let s = starts.get(day);
    if (s === undefined) starts.set(day, (s = dayRange(day, TZ).start));
    return s;
  };
  const timeOn = (day: DayKey): number => {
    const hour = 8 + pickWeighted(rng, HOURS);
    return startOf(day) + hour * 60 * MINUTE + rng.int(60) * MINUTE + rng.int(60) * 1000;
  };

  const firstTouchSeed = (): TouchSeed => {
    const channel = pickWeighted<string>(rng, [['qr', 40], ['share', 22], ['search', 16], ['official_account', 11], ['direct', 6], ['other', 5]]);
    switch (channel) {
      case 'qr': {
        const table = pick(rng, TABLES);
        return rng.next() < 0.85 ? { scene: 1047, channel: 'qr', store: 'main', table, qr: `table-${table}` } : { scene: 1047, channel: 'qr', qr: 'door-poster', campaign: 'poster' };
      }
      case 'share':
        return sharers.length ? { scene: pick(rng, [1007, 1007, 1008, 1044]), channel: 'share', referrer: pick(rng, sharers) } : { scene: 1047, channel: 'qr', qr: 'door-poster', campaign: 'poster' };
      case 'search':
        return { scene: pick(rng, [1053, 1005, 1006]), channel: 'search' };
      case 'official_account':
        return { scene: 1058, channel: 'official_account', campaign: pick(rng, ARTICLES) };
      case 'direct':
        return { scene: 1001, channel: 'direct' };
      default:
        return { scene: pick(rng, [1037, 1045, 1000]), channel: 'other' };
    }
  };
  const returnTouchSeed = (): TouchSeed => {
    const channel = pickWeighted<string>(rng, [['direct', 50], ['qr', 30], ['official_account', 10], ['share', 10]]);
    if (channel === 'qr') {
      const table = pick(rng, TABLES);
      return { scene: 1047, channel: 'qr', store: 'main', table, qr: `table-${table}` };
    }
    if (channel === 'official_account') return { scene: pick(rng, [1035, 1058]), channel: 'official_account', ...(rng.next() < 0.6 ? { campaign: pick(rng, ARTICLES) } : {}) };
    if (channel === 'share' && sharers.length) return { scene: 1007, channel: 'share', referrer: pick(rng, sharers) };
    return { scene: pick(rng, [1001, 1089, 1104]), channel: 'direct' };
  };

  /** One launch and what the customer does in it. */
  const visit = (p: (typeof people)[number], at: number, seed: TouchSeed): void => {
    const touch: Touch = { at, ...seed };
    visits.push({ _id: `h-v${String(visits.length).padStart(6, '0')}`, openid: p.openid, at, touch });
    const s = `h-s${++session}`;
    let t = at + 2000;
    const ev = (e: Omit<AnalyticsEvent, 'openid' | 'at' | 'receivedAt' | 'session'>) => {
      t += (5 + rng.int(80)) * 1000;
      if (t > now) return false;
      events.push({ _id: `h-e${String(events.length).padStart(7, '0')}`, openid: p.openid, at: t, receivedAt: t + 3000, session: s, ...e });
      return true;
    };
    ev({ type: 'page_view', page: MAIN_PAGES.home });
    if (rng.next() < 0.2) {
      ev({ type: 'page_view', page: MAIN_PAGES.search });
      ev({ type: 'search', keyword: pick(rng, KEYWORDS), page: MAIN_PAGES.search });
    } else if (rng.next() < 0.45) ev({ type: 'page_view', page: MAIN_PAGES.category });
    const looked = rng.next() < 0.72 ? 1 + rng.int(3) : 0;
    const cart: Array<[string, string[], number]> = [];
    for (let i = 0; i < looked; i++) {
      const g = pick(rng, onShelf);
      ev({ type: 'page_view', page: MAIN_PAGES.goods });
      ev({ type: 'goods_view', goodsId: g._id, page: MAIN_PAGES.goods });
      if (rng.next() < (p.sharer ? 0.2 : 0.03)) {
        ev({ type: 'share', target: pick(rng, ['chat', 'chat', 'group', 'timeline']), goodsId: g._id, page: MAIN_PAGES.goods });
        const code = `ref-${p.openid.slice(2)}`;
        if (!sharerSet.has(code)) {
          sharerSet.add(code);
          sharers.push(code);
        }
      }
      if (rng.next() < 0.42) {
        const sku = pick(rng, skusOf.get(g._id)!);
        const quantity = rng.next() < 0.8 ? 1 : 2;
        if (ev({ type: 'add_to_cart', goodsId: g._id, skuId: sku._id, quantity, page: MAIN_PAGES.goods })) cart.push([g._id, sku.specValues, quantity]);
      }
    }
    if (rng.next() < 0.1) ev({ type: 'page_view', page: MAIN_PAGES.user });
    if (cart.length === 0) return;
    ev({ type: 'page_view', page: MAIN_PAGES.cart });
    if (rng.next() > 0.68) return;
    ev({ type: 'page_view', page: MAIN_PAGES.checkout });
    if (!ev({ type: 'checkout_start', page: MAIN_PAGES.checkout })) return;
    if (rng.next() > 0.84) return; // walked away at the payment sheet
    const placedAt = t + 20_000;
    const paidAfter = MINUTE;
    if (placedAt + paidAfter > now) return;
    const delivery = cart.some(([goodsId]) => goodsId.startsWith('g-beans') || goodsId === 'g-mug' || goodsId === 'g-tumbler' || goodsId === 'g-dripbag') && rng.next() < 0.7;
    const steps: Step[] = [{ event: 'pay', after: paidAfter }];
    const r = rng.next();
    if (r < 0.04) {
      steps.push({ event: 'request_refund', after: 5 * MINUTE, reason: pick(rng, ['临时有事', '点错了规格', '等太久了']), by: 'customer' }, { event: 'approve_refund', after: 10 * MINUTE }, { event: 'refund_succeeded', after: 2 * MINUTE });
    } else if (delivery) {
      steps.push({ event: 'ship', after: (3 + rng.int(20)) * 60 * MINUTE, company: '顺丰速运', trackingNo: `SF${String(1_000_000_000 + orderPlans.length)}` }, { event: 'confirm_receipt', after: (2 + rng.int(2)) * 1440 * MINUTE });
    } else {
      steps.push({ event: 'mark_ready', after: (4 + rng.int(10)) * MINUTE }, { event: 'verify_pickup', after: (3 + rng.int(20)) * MINUTE });
    }
    // steps that would fall after now are left for later (the order stays in its state)
    let end = placedAt;
    const happened: Step[] = [];
    for (const st of steps) {
      if (end + st.after > now) break;
      end += st.after;
      happened.push(st);
    }
    orderPlans.push({
      id: `h-o-${String(orderPlans.length + 1).padStart(5, '0')}`,
      openid: p.openid,
      ago: now - placedAt,
      fulfilment: delivery ? 'delivery' : 'pickup',
      items: cart,
      steps: happened,
      touch: seed,
    });
  };

  const userOf = new Map<string, UserDoc>();
  const allDays = [...days, today];
  allDays.forEach((day, index) => {
    const { start } = dayRange(day, TZ);
    const isToday = day === today;
    const weekend = [0, 6].includes(new Date(start + 12 * 3600_000).getUTCDay());
    const growth = 1 + (0.8 * index) / spanDays;
    let newCount = Math.round(base * growth * (weekend ? 1.35 : 1) * (0.8 + 0.4 * rng.next()));
    if (isToday) newCount = Math.round((newCount * Math.max(0, Math.min(1, (now - start) / 86_400_000))));
    // the regulars and the occasional ones come back
    for (const p of people) {
      const age = index - p.createdDay;
      if (age <= 0) continue;
      if (rng.next() < p.returnRate * Math.exp(-age / 75)) {
        const times = rng.next() < 0.85 ? 1 : 2;
        for (let k = 0; k < times; k++) {
          const at = timeOn(day);
          if (at <= now) visit(p, at, returnTouchSeed());
        }
      }
    }
    // new customers
    for (let k = 0; k < newCount; k++) {
      const at = timeOn(day);
      if (at > now) continue;
      const openid = `h-${String(users.length + 1).padStart(5, '0')}`;
      const seed = firstTouchSeed();
      const r = rng.next();
      const p = { openid, createdDay: index, returnRate: r < 0.5 ? 0.012 : r < 0.85 ? 0.06 : 0.22, sharer: rng.next() < 0.15 };
      const touch: Touch = { at, ...seed };
      const user: UserDoc = { _id: openid, createdAt: at, firstTouch: touch, lastTouch: touch };
      users.push(user);
      userOf.set(openid, user);
      people.push(p);
      visit(p, at, seed);
    }
  });
  visits.sort((a, b) => a.at - b.at);
  events.sort((a, b) => a.at - b.at);
  for (const v of visits) {
    const u = userOf.get(v.openid);
    if (u) u.lastTouch = v.touch;
  }
  return { days, users, visits, events, orderPlans };
}
