/**
 * The member zone on the emulator (member function, zone.goods): member-only goods, those above the customer's tier
 * shown locked (a tap explains, no navigation), the others open the goods page.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { MEMBER_SETTINGS, memberWithPoints, seedMember } from '../../../server/member/test-support';

const SILVER = 'o-page-zone';
const LOAD_MS = 20_000;

let env: OrderTestEnv;
let page: PageHandle | undefined;

beforeAll(async () => {
  env = await startOrderEnv({
    seeds: [
      { id: 'g-plain', title: '美式', skus: [{ id: 's-plain', priceFen: 2000, stock: 5 }] },
      { id: 'g-silver', title: '银卡专享杯', skus: [{ id: 's-silver', priceFen: 5000, stock: 5 }] },
      { id: 'g-gold', title: '金卡专享豆', skus: [{ id: 's-gold', priceFen: 9000, stock: 5 }] },
    ],
    settings: MEMBER_SETTINGS,
  });
  env.coll('goods').updateMany({ _id: 'g-silver' }, { $set: { minTier: 1 } });
  env.coll('goods').updateMany({ _id: 'g-gold' }, { $set: { minTier: 2 } });
  seedMember(env, memberWithPoints(SILVER, 1200, env.emu.clock.now() - 1000));
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

it('lists the member-only goods, locked above the customer’s tier', async () => {
  page = await loadPage('pages/member-zone/index', { emulator: env.emu, openid: SILVER });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('ready');
  expect(page.data.rows.map((r: { goodsId: string; locked: boolean }) => [r.goodsId, r.locked])).toEqual([
    ['g-silver', false],
    ['g-gold', true],
  ]);
  expect(page.exists('#goods-g-plain')).toBe(false);
  expect(page.text('#goods-g-gold')).toContain('金卡专享');
  expect(page.text('#upgrade')).toContain('解锁 1 件');

  await page.tap('#goods-g-gold');
  expect(page.wx.callsTo('navigateTo')).toEqual([]);
  expect(page.wx.callsTo('showToast')).toEqual([expect.objectContaining({ title: '升级为金卡即可购买' })]);
  await page.tap('#goods-g-silver');
  expect(page.wx.callsTo('navigateTo')).toEqual([{ url: '/pages/goods/index?id=g-silver' }]);
});
