/**
 * The goods page and goods cards tell the customer, before checkout, what the server decided for them: the member
 * price of their tier, the new-user price, the 满减 tags, and the member-only lock (buying off, a way to the member
 * centre). Real pages on the emulator with the café catalogue, the test shop's tiers (银卡 95折 / 金卡 9折) and
 * promotions.
 */
import { memberWithPoints, RULES } from '../../../server/member/test-support';
import { useCafePages } from '../../../test/cafe-emulator';
import type { PageHandle } from '../../../test/page-harness';
import { writePreviewIfAsked } from '../../../test/page-preview';

const cafe = useCafePages();

const SILVER = 'o-page-silver'; // tier 1, no paid order: also new
const GOLD = 'o-page-gold'; // tier 2, has a paid order
const PAID = 'o-page-paid'; // tier 0, has a paid order

beforeAll(() => {
  const now = Date.now();
  const window = { startsAt: now - 86_400_000, endsAt: now + 86_400_000, enabled: true };
  const coll = (name: string) => cafe.db.collection(name);
  coll('shop_settings').updateMany({ _id: 'default' }, { $set: { pricing: RULES } });
  coll('goods').updateMany({ _id: 'g-cheesecake' }, { $set: { minTier: 2 } });
  coll('promotions').insertOne({ _id: 'fr-shop', kind: 'full_reduction', title: '全店满减', scope: { type: 'shop' }, tiers: [{ thresholdFen: 10000, reduceFen: 1000 }], ...window });
  coll('promotions').insertOne({ _id: 'fr-coffee', kind: 'full_reduction', title: '咖啡满减', scope: { type: 'categories', categoryIds: ['c-coffee'] }, tiers: [{ thresholdFen: 5000, reduceFen: 800 }], ...window });
  coll('promotions').insertOne({ _id: 'nu', kind: 'new_user_price', title: '新人专享', items: [{ goodsId: 'g-latte', skuId: 's-latte-m-hot', priceFen: 990 }], ...window });
  for (const [openid, points] of [[SILVER, 1200], [GOLD, 6000]] as const) coll('members').insertOne(memberWithPoints(openid, points, now - 1000) as unknown as Record<string, unknown>);
  for (const openid of [GOLD, PAID]) coll('orders').insertOne({ _id: `paid-${openid}`, orderNo: `NO-${openid}`, openid, status: 'completed', createdAt: now - 5000 });
});

async function open(pagePath: string, openid: string, query?: Record<string, string>): Promise<PageHandle> {
  const page = await cafe.open(pagePath, { openid, ...(query ? { query } : {}) });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('ready');
  return page;
}

/** Disabled buttons in the bottom bar (the rendered TDesign buttons carry the disabled class). */
function disabledBarButtons(page: PageHandle): number {
  return (page.dom as unknown as { querySelectorAll(s: string): { length: number } }).querySelectorAll(
    '.main--goods__bar-actions .t-button--t-button--disabled',
  ).length;
}

it('member-only goods above the caller’s tier: a lock banner, buying off, a way to the member centre', async () => {
  const goods = await open('pages/goods/index', SILVER, { id: 'g-cheesecake' });
  expect(goods.text('#member-lock')).toContain('金卡及以上会员专享');
  expect(goods.text('#go-member')).toBe('去会员中心');
  expect(goods.data.locked).toBe(true);
  // no 银卡价 for a goods the caller cannot buy
  expect(goods.exists('#member-price')).toBe(false);
  expect(disabledBarButtons(goods)).toBe(2); // 加入购物车 and 立即购买
  // a tap anyway (the handler is still bound) opens nothing and says why
  goods.instance.onBuyNowTap();
  expect(goods.data.pickerVisible).toBe(false);
  expect(goods.wx.callsTo('showToast')).toEqual([{ title: '金卡及以上会员专享，升级会员后可购买', icon: 'none' }]);
  await goods.tap('#member-lock');
  expect(goods.wx.callsTo('navigateTo')).toEqual([expect.objectContaining({ url: '/pages/member/index' })]);
  writePreviewIfAsked(goods, 'pages/goods/index', { title: 'member-only, tier 1' });
});

it('member-only goods for 金卡: no lock, a 会员专享 tag, the member price, buying on', async () => {
  const goods = await open('pages/goods/index', GOLD, { id: 'g-cheesecake' });
  expect(goods.exists('#member-lock')).toBe(false);
  expect(goods.text('#member-only-tag')).toBe('金卡及以上会员专享');
  expect(goods.text('#member-price')).toBe('金卡价 ¥25.20');
  expect(goods.data.locked).toBe(false);
  expect(disabledBarButtons(goods)).toBe(0);
  await goods.tap('#buy-now');
  expect(goods.data.pickerVisible).toBe(true);
});

it('tier 0 with a paid order: no member price, no new-user tag; the 满减 tags still show', async () => {
  const goods = await open('pages/goods/index', PAID, { id: 'g-latte' });
  expect(goods.exists('#member-price')).toBe(false);
  expect(goods.exists('#new-user-price')).toBe(false);
  expect(goods.data.fullReductionTags).toEqual(['满50减8', '满100减10']);
});

it('goods cards: a 会员专享 badge on member-only goods only (home and search lists)', async () => {
  const home = await open('pages/home/index', PAID);
  expect(home.text('#goods-g-cheesecake')).toContain('会员专享');
  expect(home.text('#goods-g-latte')).not.toContain('会员专享');
  writePreviewIfAsked(home, 'pages/home/index', { title: 'cards with the 会员专享 badge' });
  const search = await open('pages/search/index', PAID, { keyword: '蛋糕' });
  await search.waitFor((d) => Array.isArray(d.goods) && d.goods.length > 0);
  expect(search.text('#goods-g-cheesecake')).toContain('会员专享');
});

it('a tier-1 customer who is new: 银卡价 next to the price, 新人价 on the listed SKU, 满减 tags; the chosen SKU’s prices', async () => {
  const goods = await open('pages/goods/index', SILVER, { id: 'g-latte' });
  expect(goods.text('#price')).toBe('¥18.00 - ¥22.00');
  // SKUs differ and none is chosen: the lowest, with 起
  expect(goods.text('#member-price')).toBe('银卡价 ¥17.10起');
  expect(goods.text('#new-user-price')).toBe('新人价 ¥9.90 · 仅限首单');
  expect(goods.text('#full-reduction-0')).toBe('满50减8');
  expect(goods.text('#full-reduction-1')).toBe('满100减10');
  expect(goods.exists('#member-lock')).toBe(false);
  writePreviewIfAsked(goods, 'pages/goods/index', { title: 'tier 1, new customer' });

  await goods.tap('#add-to-cart');
  await goods.tap('#option-0-0'); // 中杯
  await goods.tap('#option-1-0'); // 热
  expect(goods.text('#picker-price')).toBe('¥18.00');
  expect(goods.text('#picker-member-price')).toBe('银卡价 ¥17.10');
  expect(goods.text('#picker-new-user-price')).toBe('新人价 ¥9.90 · 仅限首单');
  await goods.tap('#option-0-0'); // un-choose 中杯
  await goods.tap('#option-0-1'); // 大杯
  expect(goods.text('#picker-member-price')).toBe('银卡价 ¥20.90');
  expect(goods.exists('#picker-new-user-price')).toBe(false); // the offer lists 中杯热 only
});
