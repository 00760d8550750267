/**
 * The whole demo shop as a seed dataset (emulator/src/seed): settings, categories, goods, SKUs, staff, customers,
 * orders, and the PNG pictures they reference. Everything is generated from a fixed seed: the same `now` gives
 * the same dataset.
 */
import type { ShopSettings } from '../../typings/api/shop';
import type { UserDoc } from '../../typings/shop/attribution';
import type { CategoryDoc, GoodsDoc, SkuDoc } from '../../typings/shop/catalogue';
import type { OrderDoc } from '../../typings/shop/order';
import type { StaffDoc } from '../../typings/shop/staff';
import { goodsSearchText } from '../../server/catalogue/search-text';
import { expandSpecs, goodsPriceRange } from '../../server/domain/sku-matrix';
import type { Dataset } from '../../emulator/src/seed';
import { DEMO_CATEGORIES, DEMO_GOODS, skuPriceFen, specDefs } from './catalogue';
import { drawTile } from './images';
import { buildDemoOrders, DEMO_CUSTOMER, DEMO_STAFF } from './orders';
import { buildDemoHistory } from './history';
import { seededRng } from './rng';
import { deriveAnalytics } from '../../server/analytics/domain/history-rollup';
import { DEFAULT_SEGMENT_DEFINITIONS } from '../../server/analytics/domain/segments';
import { stockBaseline } from '../../server/domain/stock-plan';

export { DEMO_CUSTOMER, DEMO_STAFF } from './orders';

/** The WeChat Pay sub-merchant id of the demo shop (any digits work on the emulator). */
export const DEMO_SUB_MCH_ID = '1900000109';

export const DEMO_SETTINGS: ShopSettings & { payment: { subMchId: string } } = {
  name: '开店·Demo 咖啡与烘焙',
  logo: '',
  notice: '新店开业：自带杯饮品立减 2 元；咖啡豆满 99 元包邮。',
  address: '上海市徐汇区衡山路 12 号（近宝庆路）',
  phone: '021-64371234',
  openHours: '每天 08:00-21:00',
  timezone: 'Asia/Shanghai',
  currency: 'CNY',
  shipping: { flatFeeFen: 800, freeOverFen: 9900 },
  pickupEnabled: true,
  deliveryEnabled: true,
  payment: { subMchId: DEMO_SUB_MCH_ID },
};

export const DEMO_STAFF_DOCS: StaffDoc[] = [
  { _id: DEMO_STAFF, role: 'owner', name: '店长 阿杰' },
  { _id: 'demo-clerk', role: 'clerk', name: '店员 小林' },
];

const CUSTOMERS: Array<{ openid: string; nickname: string }> = [
  { openid: DEMO_CUSTOMER, nickname: '小满' },
  { openid: 'demo-customer-2', nickname: '林间' },
  { openid: 'demo-customer-3', nickname: '一一' },
];

const SEED = 20240601;
/** The history's random stream (history.ts); its orders use HISTORY_SEED + 1. */
export const HISTORY_SEED = SEED + 1;
const DAY = 24 * 3600 * 1000;

export interface DemoShop {
  dataset: Dataset & { collections: Record<string, Array<Record<string, unknown>>>; files: Record<string, Buffer> };
  /** Each SKU's stock before any order (the baseline every stock operation preserves). */
  initialStock: Record<string, number>;
  /** cloud path → file id, for every picture. */
  fileIds: Record<string, string>;
}

export interface DemoShopOptions {
  /** The seeding time: orders are placed in the days before it. */
  now: number;
  /** The file id a cloud path gets once uploaded (the emulator's: storage `fileIdFor`). */
  fileIdFor: (cloudPath: string) => string;
  /**
   * Also generate the shop's past (history.ts): `days` shop days of customers, visits, events and orders, and what
   * the nightly rollup would have written for them (analytics_daily, customer_facts, analytics_periods). Off: only
   * the few demo orders (fast, for tests).
   */
  history?: { days: number } | false;
}

/** Stock added while the history's orders are built, so no past order is refused; the shop's stock is set back after. */
const HISTORY_STOCK = 1_000_000;

export function buildDemoShop(opts: DemoShopOptions): DemoShop {
  const rng = seededRng(SEED);
  const files: Record<string, Buffer> = {};
  const fileIds: Record<string, string> = {};
  const picture = (cloudPath: string, bytes: Buffer): string => {
    files[cloudPath] = bytes;
    fileIds[cloudPath] = opts.fileIdFor(cloudPath);
    return fileIds[cloudPath];
  };

  const logo = picture('demo/shop/logo.png', drawTile([121, 85, 72], 'cup', 2));
  const categories: CategoryDoc[] = DEMO_CATEGORIES.map((c, i) => ({
    _id: c.id,
    name: c.name,
    sort: (i + 1) * 10,
    icon: picture(`demo/categories/${c.id}.png`, drawTile(c.color, c.shape, 2)),
  }));
  const categoryOf = new Map(DEMO_CATEGORIES.map((c) => [c.id, c]));

  const skus: SkuDoc[] = [];
  const goods: GoodsDoc[] = DEMO_GOODS.map((g, i) => {
    const cat = categoryOf.get(g.categoryId);
    if (!cat) throw new Error(`demo goods ${g.id}: unknown category ${g.categoryId}`);
    const specs = specDefs(g);
    const own: SkuDoc[] = expandSpecs(specs).map((values, k) => {
      const soldOut = g.soldOut?.some((v) => v.join('|') === values.join('|')) ?? false;
      const priceFen = skuPriceFen(g, values);
      return {
        _id: `${g.id}-${k + 1}`,
        goodsId: g.id,
        specValues: values,
        priceFen,
        ...(g.originalExtraFen ? { originalPriceFen: priceFen + g.originalExtraFen } : {}),
        stock: soldOut ? 0 : rng.between(12, 60),
        reserved: 0,
        sold: 0,
        refundedToStock: 0,
        restocked: 0,
        onShelf: true,
      };
    });
    skus.push(...own);
    const range = goodsPriceRange(own)!;
    const images = [picture(`demo/goods/${g.id}.png`, drawTile(cat.color, cat.shape, i))];
    const doc: GoodsDoc = {
      _id: g.id,
      title: g.title,
      categoryId: g.categoryId,
      images,
      description: g.description,
      specs,
      onShelf: g.onShelf ?? true,
      minPriceFen: range.minPriceFen,
      maxPriceFen: range.maxPriceFen,
      sales: 0,
      tags: g.tags,
      createdAt: opts.now - (40 - i) * DAY,
      searchText: '',
    };
    doc.searchText = goodsSearchText(doc);
    return doc;
  });
  const shownStock = new Map(skus.map((s) => [s._id, s.stock]));

  // The past first (its own random stream, so the rest of the dataset is the same with or without it).
  const history = opts.history ? buildDemoHistory({ now: opts.now, days: opts.history.days, rng: seededRng(HISTORY_SEED), goods, skus }) : undefined;
  let historyOrders: OrderDoc[] = [];
  if (history) {
    for (const s of skus) s.stock += HISTORY_STOCK;
    historyOrders = buildDemoOrders({ now: opts.now, rng: seededRng(HISTORY_SEED + 1), goods, skus, shipping: DEMO_SETTINGS.shipping }, history.orderPlans);
  }
  const orders: OrderDoc[] = [...buildDemoOrders({ now: opts.now, rng, goods, skus, shipping: DEMO_SETTINGS.shipping }), ...historyOrders].sort(
    (a, b) => b.createdAt - a.createdAt,
  );
  if (history) for (const s of skus) s.stock = shownStock.get(s._id)!;
  // What the shop started with: the stock everything since (reservations, sales, refunds, restocks) adds up from.
  const initialStock = Object.fromEntries(skus.map((s) => [s._id, stockBaseline(s)]));

  const users: UserDoc[] = CUSTOMERS.map((c, i) => {
    const first = orders.filter((o) => o.openid === c.openid).map((o) => o.attribution).sort((a, b) => a.at - b.at)[0];
    const touch = first ?? { at: opts.now - (10 + i) * DAY, scene: 1001, channel: 'direct' as const };
    return { _id: c.openid, createdAt: touch.at, firstTouch: touch, lastTouch: touch, nickname: c.nickname };
  });
  users.push(...(history?.users ?? []));
  const analytics = history
    ? deriveAnalytics(
        { visits: history.visits, events: history.events, users, orders },
        history.days,
        { timeZone: DEMO_SETTINGS.timezone, now: opts.now, segments: DEFAULT_SEGMENT_DEFINITIONS },
      )
    : undefined;
  const docs = (list: readonly object[]) => list as unknown as Array<Record<string, unknown>>;

  return {
    dataset: {
      collections: {
        shop_settings: [{ _id: 'default', ...DEMO_SETTINGS, logo }],
        categories: categories as unknown as Array<Record<string, unknown>>,
        goods: goods as unknown as Array<Record<string, unknown>>,
        skus: skus as unknown as Array<Record<string, unknown>>,
        staff: DEMO_STAFF_DOCS as unknown as Array<Record<string, unknown>>,
        users: users as unknown as Array<Record<string, unknown>>,
        orders: orders as unknown as Array<Record<string, unknown>>,
        ...(history && analytics
          ? {
              visits: docs(history.visits),
              events: docs(history.events),
              analytics_daily: docs(analytics.rollups),
              customer_facts: docs(analytics.customerFacts),
              analytics_periods: docs(analytics.periods),
            }
          : {}),
      },
      files,
    },
    initialStock,
    fileIds,
  };
}
