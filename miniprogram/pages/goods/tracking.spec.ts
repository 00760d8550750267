/**
 * Tracking from real pages: opening the goods page queues a `page_view` (services/page-view.ts, on onShow) and a
 * `goods_view`; a search on the search page queues a `page_view` and a `search`. Flushed (the harness's
 * flushTracking, what the 3 s timer or app hide does) they are stored in the emulator's `events` collection through
 * `analytics` / `track.batch`, with the caller's openid from the platform. The coupon centre and my coupons record
 * their page views the same way.
 */
import path from 'node:path';
import { startTestEmulator } from '../../../emulator/src/testing';
import type { EmulatorController } from '../../../emulator/src/controller';
import type { DatabaseService } from '../../../emulator/src/database';
import { seedCafe } from '../../../server/catalogue/__fixtures__/cafe-catalogue';
import { loadPage, type PageHandle } from '../../../test/page-harness';

let emu: EmulatorController;
let page: PageHandle | undefined;
let db: DatabaseService;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../../..') });
  await seedCafe(emu);
  db = emu.service<DatabaseService>('database');
  if (!db.collection('events').exists()) db.createCollection('events');
});
afterEach(() => {
  page?.detach();
  page = undefined;
});
afterAll(async () => {
  await emu?.stop();
});

const stored = (openid: string) => db.collection('events').find({ openid }, { order: { at: 1 } }).map(({ _id, at, receivedAt, ...e }) => e);

it('a goods page view and goods view reach the events collection', async () => {
  page = await loadPage('pages/goods/index', { emulator: emu, openid: 'o-tracked', query: { id: 'g-latte' } });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('ready');
  expect(stored('o-tracked')).toEqual([]); // queued, not sent yet
  await page.flushTracking();
  expect(stored('o-tracked')).toEqual([
    { type: 'page_view', page: 'pages/goods/index', openid: 'o-tracked', session: expect.any(String) },
    { type: 'goods_view', goodsId: 'g-latte', page: 'pages/goods/index', openid: 'o-tracked', session: expect.any(String) },
  ]);
});

it('a search is tracked with its keyword, once per search asked for', async () => {
  page = await loadPage('pages/search/index', { emulator: emu, openid: 'o-searcher' });
  page.instance.onSubmit({ detail: { value: ' 拿铁 ' } });
  await page.waitFor((d) => d.status === 'ready');
  await page.flushTracking();
  expect(stored('o-searcher').map((e) => [e.type, e.page, e.keyword])).toEqual([
    ['page_view', 'pages/search/index', undefined],
    ['search', 'pages/search/index', '拿铁'],
  ]);
});

it.each(['pages/coupons/index', 'pages/my-coupons/index'])('a page view of %s reaches the events collection', async (route) => {
  const openid = `o-viewer-${route.split('/')[1]}`;
  page = await loadPage(route, { emulator: emu, openid });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('ready');
  expect(stored(openid)).toEqual([]); // queued, not sent yet
  await page.flushTracking();
  expect(stored(openid)).toEqual([{ type: 'page_view', page: route, openid, session: expect.any(String) }]);
});
