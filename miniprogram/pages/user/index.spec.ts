/**
 * The user centre on a real emulator: the profile from `user.me`, nickname and avatar changes through
 * `user.updateProfile`, the order-list links, and the back-office entry shown to staff only.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestEmulator } from '../../../emulator/src/testing';
import type { EmulatorController } from '../../../emulator/src/controller';
import type { DatabaseService } from '../../../emulator/src/database';
import type { StorageService } from '../../../emulator/src/storage';
import { seedCafe, STAFF_OPENID } from '../../../server/catalogue/__fixtures__/cafe-catalogue';
import { callFunction } from '../../../test/function-client';
import { loadPage, type PageHandle } from '../../../test/page-harness';

let emu: EmulatorController;
let page: PageHandle | undefined;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../../..') });
  await seedCafe(emu);
  for (const openid of ['o-user', 'o-cloud-user', STAFF_OPENID]) {
    const { reply } = await callFunction(emu, 'shop', { action: 'user.enter', input: { scene: 1001, query: {} } }, openid);
    expect(reply.ok).toBe(true);
  }
});
afterEach(() => {
  page?.detach();
  page = undefined;
});
afterAll(async () => {
  await emu?.stop();
});

const storedUser = (openid: string) => emu.service<DatabaseService>('database').collection('users').byId(openid) as Record<string, unknown>;

async function open(openid: string, mode: 'emulator' | 'cloud' = 'emulator'): Promise<PageHandle> {
  page = await loadPage('pages/user/index', { emulator: emu, openid, mode });
  await page.waitFor((d) => d.status !== 'loading');
  expect(page.data.status).toBe('ready');
  return page;
}

it('sets the nickname on blur, trimmed, and refuses one that is too long', async () => {
  const p = await open('o-user');
  expect(p.exists('#merchant')).toBe(false);
  expect(p.data.nickname).toBe('');

  await p.instance.onNicknameBlur({ detail: { value: '  阿明  ' } });
  expect(p.data.nickname).toBe('阿明');
  expect(storedUser('o-user')).toMatchObject({ nickname: '阿明' });
  expect(p.wx.callsTo('showToast')).toEqual([{ title: '昵称已更新', icon: 'success' }]);

  await p.instance.onNicknameBlur({ detail: { value: '名'.repeat(21) } });
  expect(p.wx.callsTo('showToast')).toContainEqual({ title: '昵称最多 20 个字', icon: 'none' });
  expect(p.data.nickname).toBe('阿明');
  expect(storedUser('o-user')).toMatchObject({ nickname: '阿明' });
});

it('links to each order tab', async () => {
  const p = await open('o-user');
  await p.tap('#orders-all');
  await p.tap('#orders-unpaid');
  await p.tap('#orders-to_fulfil');
  await p.tap('#orders-after_sale');
  expect(p.wx.callsTo('navigateTo')).toEqual([
    { url: '/pages/orders/index?status=all' },
    { url: '/pages/orders/index?status=unpaid' },
    { url: '/pages/orders/index?status=to_fulfil' },
    { url: '/pages/orders/index?status=after_sale' },
  ]);
});

it('links to my coupons, the coupon centre, the invite page and the new-user zone', async () => {
  const p = await open('o-user');
  await p.tap('#my-coupons');
  await p.tap('#coupon-centre');
  await p.tap('#invite');
  await p.tap('#new-user');
  expect(p.wx.callsTo('navigateTo')).toEqual([
    { url: '/pages/my-coupons/index' },
    { url: '/pages/coupons/index' },
    { url: '/pages/invite/index' },
    { url: '/pages/new-user/index' },
  ]);
});

it('links to the member centre, my points and the member zone', async () => {
  const p = await open('o-user');
  await p.tap('#member-centre');
  await p.tap('#my-points');
  await p.tap('#member-zone');
  expect(p.wx.callsTo('navigateTo')).toEqual([{ url: '/pages/member/index' }, { url: '/pages/points/index' }, { url: '/pages/member-zone/index' }]);
});

it('shows staff the back-office entry', async () => {
  const p = await open(STAFF_OPENID);
  await p.tap('#merchant');
  expect(p.wx.callsTo('navigateTo')).toEqual([{ url: '/merchant/pages/index/index' }]);
});

it('uploads a chosen avatar to cloud storage and saves its file id (cloud mode)', async () => {
  const p = await open('o-cloud-user', 'cloud');
  const uploads: Array<{ cloudPath: string; filePath: string }> = [];
  (globalThis as unknown as { wx: { cloud: Record<string, unknown> } }).wx.cloud.uploadFile = async (o: { cloudPath: string; filePath: string }) => {
    uploads.push(o);
    return { fileID: `cloud://local.6c6f-local-1250000000/${o.cloudPath}`, statusCode: 204, errMsg: 'cloud.uploadFile:ok' };
  };
  await p.instance.onChooseAvatar({ detail: { avatarUrl: 'http://tmp/avatar-123.jpeg' } });
  expect(uploads).toEqual([{ cloudPath: expect.stringMatching(/^avatars\/\d+-[0-9a-z]+\.jpeg$/), filePath: 'http://tmp/avatar-123.jpeg' }]);
  const fileId = `cloud://local.6c6f-local-1250000000/${uploads[0].cloudPath}`;
  expect(storedUser('o-cloud-user')).toMatchObject({ avatarFileId: fileId });
  expect(p.data.profile.avatarFileId).toBe(fileId);
  expect(p.wx.callsTo('showToast')).toEqual([{ title: '头像已更新', icon: 'success' }]);
});

it('uploads a chosen avatar through the emulator (emulator mode) and saves its file id', async () => {
  const tmp = path.join(mkdtempSync(path.join(os.tmpdir(), 'avatar-')), 'avatar.png');
  writeFileSync(tmp, Buffer.from('fake png bytes'));
  const p = await open('o-user');
  await p.instance.onChooseAvatar({ detail: { avatarUrl: tmp } });
  expect(p.wx.callsTo('showToast')).toEqual([{ title: '头像已更新', icon: 'success' }]);
  const saved = storedUser('o-user') as { avatarFileId: string };
  expect(saved.avatarFileId).toMatch(/^cloud:\/\/[^/]+\/avatars\/\d+-[0-9a-z]+\.png$/);
  expect(p.data.profile.avatarFileId).toBe(saved.avatarFileId);
  // the bytes really are in the emulator's storage under that file id
  const storage = emu.service<StorageService>('storage');
  expect((await storage.getFile(saved.avatarFileId))?.toString()).toBe('fake png bytes');
});
