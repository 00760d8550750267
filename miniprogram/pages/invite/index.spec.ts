/**
 * The invite page on the emulator: the customer's code, rewards and share card (the path carries the code, not the
 * openid), a friend opening the card accepts the invite once, the invite list and counts; a self-invite is told so.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import type { CouponTemplate } from '../../../typings/marketing/coupon';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { couponTemplate } from '../../../server/marketing/__fixtures__/coupons';

const LOAD_MS = 20_000;
const HOST = 'o-page-host';
const FRIEND = 'o-page-friend';
let env: OrderTestEnv;
let page: PageHandle | undefined;

beforeAll(async () => {
  env = await startOrderEnv({});
  const now = env.emu.clock.now();
  const t = (id: string, amountFen: number, title: string): CouponTemplate =>
    couponTemplate(id, now, { title, benefit: { kind: 'fixed', amountFen }, validity: { type: 'days_after_claim', days: 30 }, totalQuantity: null, createdAt: now });
  env.coll('coupon_templates').insertMany([t('r-host', 1000, '邀请奖励'), t('r-friend', 500, '新朋友券')] as unknown as Record<string, unknown>[]);
  env.coll('campaigns').insertOne({ _id: 'invite', enabled: true, inviterTemplateId: 'r-host', inviteeTemplateId: 'r-friend', updatedAt: now });
  env.coll('users').insertMany([
    { _id: HOST, createdAt: now, nickname: '阿花' },
    { _id: FRIEND, createdAt: now, nickname: '阿草' },
  ]);
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

it('shows the customer’s invite with its rewards and a share card carrying the code', async () => {
  page = await loadPage('pages/invite/index', { emulator: env.emu, openid: HOST });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('ready');
  expect(page.text('#reward-inviter')).toBe('你得：邀请奖励 · 10元无门槛');
  expect(page.text('#reward-invitee')).toBe('好友得：新朋友券 · 5元无门槛');
  const code = page.data.code as string;
  expect(code).toMatch(/^[a-z0-9]{8}$/);
  expect(page.instance.onShareAppMessage()).toEqual({ title: expect.any(String), path: `/pages/invite/index?r=${code}` });
  expect(page.instance.onShareAppMessage().path).not.toContain(HOST);
  expect(page.exists('#no-friends')).toBe(true);
  expect(page.exists('#accepted')).toBe(false);
});

it('a friend opening the card accepts once; the host then sees them in the list', async () => {
  const code = env.coll('invites').byId(HOST)!.code as string;
  page = await loadPage('pages/invite/index', { emulator: env.emu, openid: FRIEND, query: { r: code } });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.text('#accepted')).toBe('已接受 阿* 的邀请，首单支付后你们都能得到优惠券');
  expect(env.coll('invite_bindings').byId(FRIEND)).toMatchObject({ inviter: HOST, status: 'bound' });
  page.detach();

  page = await loadPage('pages/invite/index', { emulator: env.emu, openid: FRIEND, query: { r: code } });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.text('#accepted')).toBe('你已接受过邀请');
  page.detach();

  page = await loadPage('pages/invite/index', { emulator: env.emu, openid: HOST, query: { r: code } });
  await page.waitFor((d) => d.status === 'ready', LOAD_MS);
  expect(page.text('#accepted')).toBe('不能接受自己的邀请');
  expect(page.text('#invited-count')).toBe('1');
  expect(page.text('#rewarded-count')).toBe('0');
  expect(page.text('#friend-0')).toContain('阿*');
  expect(page.text('#friend-0')).toContain('待首单');
});
