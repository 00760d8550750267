/** The demo dataset: deterministic, believable, and consistent by its own checks — also once seeded. */
import path from 'node:path';
import type { EmulatorController } from '../emulator/src/controller';
import { seedDataset } from '../emulator/src/seed';
import type { StorageService } from '../emulator/src/storage';
import { startTestEmulator } from '../emulator/src/testing';
import type { GoodsDoc, SkuDoc } from '../typings/shop/catalogue';
import type { OrderDoc } from '../typings/shop/order';
import { DEMO_CUSTOMER, DEMO_STAFF, demoProblems, demoShop, type DemoShop } from './demo-shop';

const NOW = Date.UTC(2024, 5, 1, 4, 0, 0);
let shop: DemoShop;

beforeAll(() => {
  shop = demoShop({ now: NOW, history: false });
});

const col = <T>(name: string) => shop.dataset.collections[name] as unknown as T[];

it('is the same dataset every time for the same time', () => {
  const again = demoShop({ now: NOW, history: false });
  expect(again.dataset.collections).toEqual(shop.dataset.collections);
  expect(Object.keys(again.dataset.files)).toEqual(Object.keys(shop.dataset.files));
  for (const [p, bytes] of Object.entries(again.dataset.files)) expect(bytes.equals(shop.dataset.files[p])).toBe(true);
});

it('is a believable coffee-and-bakery shop with orders in every state', () => {
  const [settings] = col<Record<string, unknown>>('shop_settings');
  expect(settings).toMatchObject({ _id: 'default', name: '开店·Demo 咖啡与烘焙', shipping: { flatFeeFen: 800, freeOverFen: 9900 }, pickupEnabled: true, deliveryEnabled: true });
  expect(String(settings.notice)).not.toBe('');
  expect(String(settings.openHours)).not.toBe('');
  expect(col('categories').length).toBeGreaterThanOrEqual(5);
  const goods = col<GoodsDoc>('goods');
  expect(goods.length).toBeGreaterThanOrEqual(30);
  expect(goods.every((g) => /[\u4e00-\u9fff]/.test(g.title) && g.description.length > 10)).toBe(true);
  expect(goods.some((g) => g.specs.length >= 2)).toBe(true);
  expect(col('staff')).toContainEqual({ _id: DEMO_STAFF, role: 'owner', name: expect.any(String) });
  expect(col<{ _id: string }>('users').map((u) => u._id)).toContain(DEMO_CUSTOMER);
  const statuses = new Set(col<OrderDoc>('orders').map((o) => o.status));
  expect([...statuses].sort()).toEqual(['cancelled', 'completed', 'paid', 'ready', 'refund_requested', 'refunded', 'shipped', 'unpaid']);
  expect(col<OrderDoc>('orders').filter((o) => o.openid === DEMO_CUSTOMER).length).toBeGreaterThanOrEqual(5);
});

it('passes its own consistency checks', () => {
  expect(demoProblems(shop)).toEqual([]);
  const skus = col<SkuDoc>('skus');
  expect(skus.every((s) => Number.isSafeInteger(s.priceFen) && s.priceFen > 0)).toBe(true);
  expect(skus.some((s) => s.sold > 0) && skus.some((s) => s.reserved > 0) && skus.some((s) => s.refundedToStock > 0)).toBe(true);
});

it('the checks catch a broken counter, price, picture or goods without SKU', () => {
  const broken = (mutate: (s: DemoShop) => void) => {
    const copy: DemoShop = {
      dataset: { collections: structuredClone(shop.dataset.collections), files: { ...shop.dataset.files } },
      initialStock: { ...shop.initialStock },
      fileIds: { ...shop.fileIds },
    };
    mutate(copy);
    return demoProblems(copy);
  };
  expect(broken((s) => ((s.dataset.collections.skus[0] as unknown as SkuDoc).reserved += 1)).join('\n')).toMatch(/reserved/);
  expect(broken((s) => ((s.dataset.collections.skus[3] as unknown as SkuDoc).priceFen = 12.5)).join('\n')).toMatch(/not a positive integer fen/);
  expect(broken((s) => delete s.dataset.files[Object.keys(s.dataset.files)[5]]).join('\n')).toMatch(/has no bytes/);
  expect(broken((s) => (s.dataset.collections.skus = s.dataset.collections.skus.filter((k) => k.goodsId !== 'g-mug'))).join('\n')).toMatch(/g-mug has no SKU/);
  expect(broken((s) => ((s.dataset.collections.goods[0] as unknown as GoodsDoc).sales += 2)).join('\n')).toMatch(/sales/);
});

describe('seeded into the emulator', () => {
  let emu: EmulatorController;
  beforeAll(async () => {
    emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '..') });
  });
  afterAll(async () => {
    await emu?.stop();
  });

  it('every picture a document references exists in cloud storage', async () => {
    const report = await seedDataset(emu, shop.dataset);
    expect(report.collections).toMatchObject({ goods: col('goods').length, skus: col('skus').length, orders: col('orders').length });
    const storage = emu.service<StorageService>('storage');
    const referenced = [
      ...col<GoodsDoc>('goods').flatMap((g) => g.images),
      ...col<{ icon: string }>('categories').map((c) => c.icon),
      String(col<{ logo: string }>('shop_settings')[0].logo),
      ...col<OrderDoc>('orders').flatMap((o) => o.lines.map((l) => l.image)),
    ];
    expect(referenced.length).toBeGreaterThan(40);
    for (const id of new Set(referenced)) {
      expect(id).toMatch(/^cloud:\/\//);
      const bytes = await storage.getFile(id);
      expect(bytes?.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });
});
