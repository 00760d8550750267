/**
 * The points page on the emulator (member function): the ledger with reasons, newest first; the exchange tab with
 * gifts, confirmation, the server's exchange (balance and stock follow), and a gift that cannot be exchanged.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { MEMBER_SETTINGS, memberWithPoints, seedMember, storedMember } from '../../../server/member/test-support';

const CUSTOMER = 'o-page-points-ledger';
const LOAD_MS = 20_000;

let env: OrderTestEnv;
let page: PageHandle | undefined;

beforeAll(async () => {
  env = await startOrderEnv({ settings: MEMBER_SETTINGS });
  seedMember(env, memberWithPoints(CUSTOMER, 400, env.emu.clock.now() - 1000));
  env.coll('points_gifts').insertMany([
    { _id: 'gift-sticker', title: '贴纸', image: '', description: '一套', pointsCost: 100, stock: 3, enabled: true, sort: 1 },
    { _id: 'gift-mug', title: '马克杯', image: '', description: '限量', pointsCost: 3000, stock: 5, enabled: true, sort: 2 },
  ]);
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

const confirming = { showModal: (o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false }) };

it('exchanges a gift after confirmation; the ledger shows the spend with its reason', async () => {
  page = await loadPage('pages/points/index', { emulator: env.emu, openid: CUSTOMER, query: { tab: 'gifts' }, wx: confirming });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('ready');
  expect(page.text('#balance')).toBe('400');
  expect(page.text('#row-gift-sticker')).toContain('100 积分 · 剩 3 件');
  expect(page.text('#exchange-gift-mug')).toBe('积分不足');

  await page.tap('#exchange-gift-sticker');
  await page.waitFor((d) => d.status === 'ready' && d.balance === 300, LOAD_MS);
  expect(page.wx.callsTo('showToast')).toContainEqual(expect.objectContaining({ title: '已兑换「贴纸」' }));
  expect(page.text('#row-gift-sticker')).toContain('剩 2 件');
  expect(env.coll('points_exchanges').find({ openid: CUSTOMER })).toHaveLength(1);

  // a tap on a gift the customer cannot afford asks nothing and changes nothing
  await page.tap('#exchange-gift-mug');
  expect(page.wx.callsTo('showModal')).toHaveLength(1);
  expect(storedMember(env, CUSTOMER)!.balance).toBe(300);

  await page.tap('#tab-ledger');
  await page.waitFor((d) => d.status === 'ready' && d.tab === 'ledger', LOAD_MS);
  expect(page.text('#entry-0')).toContain('使用 · 兑换「贴纸」');
  expect(page.text('#entry-0')).toContain('-100');
  expect(page.text('#entry-1')).toContain('+400');
});
