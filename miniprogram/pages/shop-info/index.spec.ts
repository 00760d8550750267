/**
 * The shop-info page against a real emulator: the page → services/shop → services/cloud → the emulator's gateway →
 * the built `shop` function (real wx-server-sdk) → the emulated database. The settings document is written with the
 * real SDK, as the seed does.
 */
import path from 'node:path';
import { pointSdkAt, startTestEmulator } from '../../../emulator/src/testing';
import type { EmulatorController } from '../../../emulator/src/controller';
import { ensureCollections } from '../../../server/lib/collections';
import { loadPage, type PageHandle } from '../../../test/page-harness';

const PROJECT_DIR = path.resolve(__dirname, '../../..');

const SETTINGS = {
  name: '街角咖啡',
  notice: '本周日店休一天',
  address: '上海市徐汇区衡山路 12 号',
  phone: '021-64371234',
  openHours: '每天 08:00-20:00',
  pickupEnabled: true,
  deliveryEnabled: true,
  shipping: { flatFeeFen: 600, freeOverFen: 8800 },
};

let emu: EmulatorController;
let page: PageHandle | undefined;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: PROJECT_DIR });
  const restore = pointSdkAt(emu);
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const cloud = require('wx-server-sdk') as typeof import('wx-server-sdk');
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    const db = cloud.database();
    await ensureCollections(db);
    await db.collection('shop_settings').doc('default').set({ data: SETTINGS });
  } finally {
    restore();
  }
});

afterEach(() => {
  page?.detach();
  page = undefined;
});

afterAll(async () => {
  await emu?.stop();
});

it('shows the name, notice, address, hours and phone the shop function answers', async () => {
  page = await loadPage('pages/shop-info/index', { emulator: emu, openid: 'o-customer-1' });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('ready');

  expect(page.text('#name')).toBe('街角咖啡');
  expect(page.text('#notice')).toContain('本周日店休一天');
  expect(page.text('#address')).toContain('上海市徐汇区衡山路 12 号');
  expect(page.text('#hours')).toContain('每天 08:00-20:00');
  expect(page.text('#call')).toContain('021-64371234');
  expect(page.text()).toContain('到店自提');
  expect(page.text()).toContain('送货上门');
  // the call went through the emulator gateway as a request, not through wx.cloud
  // (only the shop function's: the page-view tracker may send its batch to `analytics` on a slow machine)
  expect((page.wx.callsTo('request') as Array<{ url: string }>).filter((c) => !c.url.endsWith('/functions/analytics'))).toEqual([
    expect.objectContaining({ url: `${emu.baseUrl}/functions/shop`, method: 'POST', data: { data: { action: 'settings.get', input: {} } } }),
  ]);
  expect(page.wx.callsTo('cloud.callFunction')).toEqual([]);
});

it('tapping the phone row calls wx.makePhoneCall with the shop phone', async () => {
  page = await loadPage('pages/shop-info/index', { emulator: emu, openid: 'o-customer-1' });
  await page.waitFor((d) => d.status === 'ready');
  expect(page.wx.callsTo('makePhoneCall')).toEqual([]);
  await page.tap('#call');
  expect(page.wx.callsTo('makePhoneCall')).toEqual([{ phoneNumber: '021-64371234' }]);
});

it('works the same through wx.cloud.callFunction (cloud mode), as the calling openid', async () => {
  page = await loadPage('pages/shop-info/index', { emulator: emu, openid: 'o-customer-2', mode: 'cloud' });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.text('#name')).toBe('街角咖啡');
  expect((page.wx.callsTo('cloud.callFunction') as Array<{ name: string }>).filter((c) => c.name !== 'analytics')).toEqual([
    { name: 'shop', data: { action: 'settings.get', input: {} } },
  ]);
  expect(page.wx.callsTo('request')).toEqual([]);

  const res = await fetch(`${emu.baseUrl}/_emulator/invocations?limit=20`);
  const { invocations } = (await res.json()) as { invocations: Array<{ functionName: string; openid?: string }> };
  expect(invocations).toContainEqual(expect.objectContaining({ functionName: 'shop', openid: 'o-customer-2' }));
});

it('shows a retryable error when the cloud cannot be reached', async () => {
  page = await loadPage('pages/shop-info/index', { emulator: { baseUrl: 'http://127.0.0.1:9' }, openid: 'o-customer-1' });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('error');
  expect(page.text()).toContain('网络不给力，请稍后再试');
  expect(page.exists('#retry')).toBe(true);
  expect(page.exists('#name')).toBe(false);

  await page.tap('#retry');
  await page.waitFor((d) => d.status === 'error');
  expect(page.wx.callsTo('request')).toHaveLength(2);
});
