/**
 * The 社群专享 page on the emulator: opened from a group card it reads the share ticket, exchanges it for a cloudID
 * with wx.getShareInfo and claims with it (the server resolves the group); opened without a ticket it does not
 * claim; a cloudID the server cannot verify is refused with the server's message and nothing is issued.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import type { CouponTemplate } from '../../../typings/marketing/coupon';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { couponTemplate, mintCloudId } from '../../../server/marketing/__fixtures__/coupons';

const LOAD_MS = 20_000;
let env: OrderTestEnv;
let page: PageHandle | undefined;

const mint = (openid: string, openGId: string) => mintCloudId(env.emu.baseUrl, openid, { openGId });

/** wx as WeChat gives it to a page opened from a group card (scene 1044) whose share info is `cloudID`. */
const fromGroup = (cloudID: string) => ({
  getEnterOptionsSync: () => ({ scene: 1044, shareTicket: 'ticket-1', query: { t: 'grp' }, path: 'pages/community-coupon/index' }),
  getShareInfo: (o: { shareTicket: string; success?: (r: unknown) => void }) =>
    o.success?.({ cloudID, encryptedData: 'x', iv: 'y', errMsg: 'getShareInfo:ok' }),
});

beforeAll(async () => {
  env = await startOrderEnv({});
  const now = env.emu.clock.now();
  const t: CouponTemplate = couponTemplate('grp', now, {
    title: '群友专享券',
    benefit: { kind: 'fixed', amountFen: 800 },
    totalQuantity: 50,
    communityOnly: true,
    perGroupLimit: 10,
  });
  env.coll('coupon_templates').insertOne(t as unknown as Record<string, unknown>);
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

it('claims with the share ticket’s cloudID when opened from a group card', async () => {
  const cloudID = await mint('o-page-member', 'G-page');
  page = await loadPage('pages/community-coupon/index', { emulator: env.emu, openid: 'o-page-member', query: { t: 'grp' }, wx: fromGroup(cloudID) });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('ready');
  expect(page.text('#benefit')).toBe('8元无门槛');
  expect(page.text('#cap')).toBe('每个群限领 10 张');
  expect(page.wx.callsTo('showShareMenu')).toEqual([expect.objectContaining({ withShareTicket: true })]);

  await page.tap('#claim');
  await page.waitFor((d) => d.claimed === true, LOAD_MS);
  expect(page.wx.callsTo('getShareInfo')).toEqual([expect.objectContaining({ shareTicket: 'ticket-1' })]);
  expect(page.text('#notice')).toBe('领取成功！本群已领 1/10');
  expect(env.coll('user_coupons').find({ templateId: 'grp', openid: 'o-page-member' })).toEqual([expect.objectContaining({ groupId: 'G-page', source: 'community' })]);
  expect(page.instance.onShareAppMessage()).toEqual({ title: '社群专享：群友专享券', path: '/pages/community-coupon/index?t=grp' });
});

it('does not claim when opened without a share ticket', async () => {
  page = await loadPage('pages/community-coupon/index', {
    emulator: env.emu,
    openid: 'o-page-outsider',
    query: { t: 'grp' },
    wx: { getEnterOptionsSync: () => ({ scene: 1001, query: { t: 'grp' }, path: 'pages/community-coupon/index' }) },
  });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.text('#notice')).toBe('请从群聊中的分享卡片打开后领取');
  await page.tap('#claim');
  expect(page.wx.callsTo('getShareInfo')).toEqual([]);
  expect(env.coll('user_coupons').find({ openid: 'o-page-outsider' })).toEqual([]);
});

it('shows the server’s refusal for a cloudID it cannot verify, issuing nothing', async () => {
  const someoneElses = await mint('o-page-owner', 'G-page');
  page = await loadPage('pages/community-coupon/index', { emulator: env.emu, openid: 'o-page-thief', query: { t: 'grp' }, wx: fromGroup(someoneElses) });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  await page.tap('#claim');
  await page.waitFor((d) => d.claiming === false && d.notice !== '', LOAD_MS);
  expect(page.text('#notice')).toContain('无法确认群聊身份');
  expect(page.data.claimed).toBe(false);
  expect(env.coll('user_coupons').find({ openid: 'o-page-thief' })).toEqual([]);
});
