/**
 * The member centre on the emulator (member function, member.centre): the tier and progress the server computed,
 * the tier's benefits, every tier, the balance with what expires soon, and the links to points and the zone.
 */
import { loadPage, type PageHandle } from '../../../test/page-harness';
import { type OrderTestEnv, startOrderEnv } from '../../../server/orders/test-support';
import { MEMBER_SETTINGS, memberWithPoints, seedMember } from '../../../server/member/test-support';

const SILVER = 'o-page-member';
const NEWBIE = 'o-page-member-new';
const DAY = 86_400_000;
const LOAD_MS = 20_000;

let env: OrderTestEnv;
let page: PageHandle | undefined;

beforeAll(async () => {
  env = await startOrderEnv({ settings: MEMBER_SETTINGS });
  // earned 340 days ago: expires in 25 days (within the 30-day notice)
  seedMember(env, memberWithPoints(SILVER, 1500, env.emu.clock.now() - 340 * DAY));
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await env?.stop();
});

it('shows the tier, the progress to the next tier, the benefits and the balance', async () => {
  page = await loadPage('pages/member/index', { emulator: env.emu, openid: SILVER });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.data.status).toBe('ready');
  expect(page.text('#tier')).toBe('银卡');
  expect(page.text('#balance')).toContain('1500');
  expect(page.text('#expiring')).toContain('1500 积分将于');
  expect(page.data.percent).toBe(30);
  expect(page.text('#progress-text')).toBe('再消费 2000 元或再得 3500 积分升级为金卡');
  expect(page.text('#benefits')).toContain('会员价 95 折');
  expect(page.text('#tier-1')).toContain('（当前）');
  expect(page.text('#tier-2')).toContain('积分 1.5 倍');

  await page.tap('#open-ledger');
  await page.tap('#open-exchange');
  await page.tap('#open-zone');
  expect(page.wx.callsTo('navigateTo')).toEqual([
    { url: '/pages/points/index?tab=ledger' },
    { url: '/pages/points/index?tab=gifts' },
    { url: '/pages/member-zone/index' },
  ]);
});

it('a customer with no account yet is an ordinary member with the way to the first tier', async () => {
  page = await loadPage('pages/member/index', { emulator: env.emu, openid: NEWBIE });
  await page.waitFor((d) => d.status !== 'loading', LOAD_MS);
  expect(page.text('#tier')).toBe('普通会员');
  expect(page.text('#progress-text')).toBe('再得 1000 积分升级为银卡');
  expect(page.exists('#benefits')).toBe(false);
  expect(page.exists('#expiring')).toBe(false);
});
