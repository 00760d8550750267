/**
 * A small café catalogue for handler and page tests (test-only), seeded into an emulator through the `/admin` wire
 * protocol (emulator/src/seed): 3 categories, 6 goods (one off shelf, one whose title holds regex metacharacters),
 * their SKUs, shop settings, one staff member, and the latte's cover image in cloud storage.
 */
import type { EmulatorController } from '../../../emulator/src/controller';
import { seedDataset } from '../../../emulator/src/seed';
import { fileIdFor } from '../../../emulator/src/storage/paths';
import type { CategoryDoc, GoodsDoc, SkuDoc, SpecDef } from '../../../typings/shop/catalogue';
import { goodsPriceRange } from '../../domain/sku-matrix';
import { COLLECTIONS } from '../../lib/collections';
import { goodsSearchText } from '../search-text';

export const T0 = Date.UTC(2025, 0, 1);
export const STAFF_OPENID = 'o-staff-owner';
export const LATTE_IMAGE_PATH = 'goods/latte.jpg';

export const CATEGORIES: CategoryDoc[] = [
  { _id: 'c-coffee', name: '咖啡', sort: 1 },
  { _id: 'c-dessert', name: '甜点', sort: 2 },
  { _id: 'c-empty', name: '周边', sort: 3 },
];

const LATTE_SPECS: SpecDef[] = [
  { name: '杯型', values: ['中杯', '大杯'] },
  { name: '温度', values: ['热', '冰'] },
];

function sku(id: string, goodsId: string, specValues: string[], priceFen: number, stock: number, onShelf = true): SkuDoc {
  return { _id: id, goodsId, specValues, priceFen, stock, reserved: 0, sold: 0, refundedToStock: 0, restocked: 0, onShelf };
}

export const SKUS: SkuDoc[] = [
  sku('s-latte-m-hot', 'g-latte', ['中杯', '热'], 1800, 10),
  sku('s-latte-m-ice', 'g-latte', ['中杯', '冰'], 1800, 0),
  sku('s-latte-l-hot', 'g-latte', ['大杯', '热'], 2200, 5),
  sku('s-latte-l-ice', 'g-latte', ['大杯', '冰'], 2200, 8, false),
  sku('s-americano', 'g-americano', [], 1500, 50),
  sku('s-cheesecake', 'g-cheesecake', [], 2800, 3),
  sku('s-special', 'g-special', [], 990, 20),
  sku('s-macaron', 'g-macaron', [], 1200, 0),
  sku('s-gone', 'g-gone', [], 100, 10),
];

function goods(id: string, title: string, over: Partial<GoodsDoc>): GoodsDoc {
  const base: GoodsDoc = {
    _id: id,
    title,
    categoryId: 'c-coffee',
    images: [`https://img.example.com/${id}.jpg`],
    description: `${title}的介绍`,
    specs: [],
    onShelf: true,
    minPriceFen: 0,
    maxPriceFen: 0,
    sales: 0,
    tags: [],
    createdAt: T0,
    searchText: '',
    ...over,
  };
  const range = goodsPriceRange(SKUS.filter((s) => s.goodsId === id));
  return {
    ...base,
    minPriceFen: range?.minPriceFen ?? 0,
    maxPriceFen: range?.maxPriceFen ?? 0,
    searchText: goodsSearchText(base),
  };
}

export function cafeGoods(envId: string): GoodsDoc[] {
  return [
    goods('g-latte', '拿铁咖啡', {
      specs: LATTE_SPECS,
      tags: ['推荐'],
      sales: 120,
      images: [fileIdFor(envId, LATTE_IMAGE_PATH), 'https://img.example.com/latte-2.jpg'],
      createdAt: T0 + 1,
    }),
    goods('g-americano', '美式咖啡', { sales: 200, createdAt: T0 + 2 }),
    goods('g-cheesecake', '芝士蛋糕', { categoryId: 'c-dessert', tags: ['推荐'], sales: 30, createdAt: T0 + 3 }),
    goods('g-special', '特价(限时)*咖啡', { sales: 5, createdAt: T0 + 4 }),
    goods('g-macaron', '马卡龙', { categoryId: 'c-dessert', sales: 1, createdAt: T0 + 5 }),
    goods('g-gone', '已下架的饼干', { categoryId: 'c-dessert', onShelf: false, sales: 999, tags: ['推荐'], createdAt: T0 + 6 }),
  ];
}

export const SHOP_SETTINGS = {
  _id: 'default',
  name: '街角咖啡',
  notice: '新品上市',
  address: '上海市徐汇区衡山路 12 号',
  phone: '021-64371234',
  openHours: '每天 08:00-20:00',
  pickupEnabled: true,
  deliveryEnabled: true,
  shipping: { flatFeeFen: 600, freeOverFen: 8800 },
};

/** Seeds the café into `emu` (every collection of COLLECTIONS is created, most of them empty). */
export async function seedCafe(emu: EmulatorController): Promise<void> {
  const envId = emu.ctx.options.envId;
  const collections: Record<string, Array<Record<string, unknown>>> = {};
  for (const name of COLLECTIONS) collections[name] = [];
  Object.assign(collections, {
    shop_settings: [SHOP_SETTINGS],
    categories: CATEGORIES,
    goods: cafeGoods(envId),
    skus: SKUS,
    staff: [{ _id: STAFF_OPENID, role: 'owner', name: '店长' }],
  });
  await seedDataset(emu, {
    collections: collections as Record<string, Array<Record<string, unknown>>>,
    files: { [LATTE_IMAGE_PATH]: Buffer.from('not really a jpeg') },
  });
}
