import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { EmulatorController } from '../controller';
import { pointSdkAt, startTestEmulator } from '../testing';
import { outboxService, type OutboxEntry } from '../outbox';
import { openapiService, parseWxacodePayload, type OpenApiService } from './index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk');

const USER = 'oUser_subscriber_0001';

describe('openapi through the real wx-server-sdk', () => {
  let emu: EmulatorController;
  let restore: () => void;
  let projectDir: string;
  let openapi: OpenApiService;

  const post = async (p: string, body: unknown) => {
    const r = await fetch(`${emu.baseUrl}${p}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };
  const outbox = async (query: string) => ((await (await fetch(`${emu.baseUrl}/_emulator/outbox?${query}`)).json()) as { entries: OutboxEntry[] }).entries;

  beforeAll(async () => {
    projectDir = mkdtempSync(path.join(os.tmpdir(), 'emu-openapi-'));
    writeFileSync(
      path.join(projectDir, 'emulator.config.json'),
      JSON.stringify({
        subscribeTemplates: ['TPL_SHIPPED', { id: 'TPL_PAID', keys: ['thing1', 'amount2'] }],
        msgSecCheck: { words: ['赌博', { word: '代开发票', label: 20008 }] },
      }),
    );
    emu = await startTestEmulator({ projectDir, manualClockStart: Date.UTC(2024, 0, 1), services: [outboxService, openapiService] });
    openapi = emu.service<OpenApiService>('openapi');
    restore = pointSdkAt(emu, { openid: USER });
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  });

  afterAll(async () => {
    restore();
    await emu.stop();
    rmSync(projectDir, { recursive: true, force: true });
  });

  describe('subscribeMessage.send', () => {
    const message = (templateId: string, touser = USER) => ({
      touser,
      templateId,
      page: 'pages/order/detail?id=1',
      data: { thing1: { value: '连衣裙' }, amount2: { value: '¥59.00' } },
    });

    it('sends once per accepted authorisation, then answers 43101', async () => {
      const granted = await post('/_emulator/openapi/subscribe', { openid: USER, templateIds: ['TPL_PAID'], accept: true });
      expect(granted.body).toEqual({ errMsg: 'requestSubscribeMessage:ok', TPL_PAID: 'accept' });

      const ok = await cloud.openapi.subscribeMessage.send(message('TPL_PAID'));
      expect(ok).toMatchObject({ errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' });

      await expect(cloud.openapi.subscribeMessage.send(message('TPL_PAID'))).rejects.toMatchObject({
        errCode: 43101,
        errMsg: expect.stringContaining('openapi.subscribeMessage.send:fail user refuse to accept the msg rid:'),
      });

      const sent = await outbox(`api=subscribeMessage.send&touser=${USER}`);
      expect(sent.map((e) => e.errCode)).toEqual([0, 43101]);
      expect(sent[0]).toMatchObject({
        kind: 'openapi',
        openid: USER,
        at: Date.UTC(2024, 0, 1),
        request: { touser: USER, template_id: 'TPL_PAID', data: { thing1: { value: '连衣裙' } } },
      });
    });

    it('answers 40037 for a template not in emulator.config.json, 40003 for a bad touser, 47003 for missing data', async () => {
      await expect(cloud.openapi.subscribeMessage.send(message('TPL_UNKNOWN'))).rejects.toMatchObject({ errCode: 40037 });
      await expect(cloud.openapi.subscribeMessage.send(message('TPL_SHIPPED', 'not an openid!'))).rejects.toMatchObject({ errCode: 40003 });
      openapi.grantSubscription(USER, ['TPL_PAID']);
      await expect(
        cloud.openapi.subscribeMessage.send({ touser: USER, templateId: 'TPL_PAID', data: { thing1: { value: 'x' } } }),
      ).rejects.toMatchObject({ errCode: 47003, errMsg: expect.stringContaining('data.amount2.value is empty') });
      // a refused request leaves the authorisation unspent
      expect(openapi.subscriptionCount(USER, 'TPL_PAID')).toBe(1);
      // the phone side refuses unknown templates too (wx.requestSubscribeMessage errCode 20001)
      expect((await post('/_emulator/openapi/subscribe', { openid: USER, templateIds: ['TPL_NOPE'] })).body).toMatchObject({ errCode: 20001 });
      const rejected = await post('/_emulator/openapi/subscribe', { openid: USER, templateIds: ['TPL_SHIPPED'], accept: false });
      expect(rejected.body).toMatchObject({ TPL_SHIPPED: 'reject' });
      expect(openapi.subscriptionCount(USER, 'TPL_SHIPPED')).toBe(0);
    });
  });

  describe('customerServiceMessage.send', () => {
    const CS_USER = 'oUser_cs_0002';
    const text = { touser: CS_USER, msgtype: 'text', text: { content: '您的订单已发货' } };

    it('needs a user message within 48 hours, and allows 5 replies per window', async () => {
      await expect(cloud.openapi.customerServiceMessage.send(text)).rejects.toMatchObject({ errCode: 45015 });
      openapi.noteCustomerMessage(CS_USER);
      for (let i = 0; i < 5; i++) await expect(cloud.openapi.customerServiceMessage.send(text)).resolves.toMatchObject({ errCode: 0 });
      await expect(cloud.openapi.customerServiceMessage.send(text)).rejects.toMatchObject({ errCode: 45047 });

      await post('/_emulator/openapi/customer-message', { openid: CS_USER });
      await expect(
        cloud.openapi.customerServiceMessage.send({
          touser: CS_USER,
          msgtype: 'miniprogrampage',
          miniprogrampage: { title: '订单', pagepath: 'pages/order/detail?id=1', thumbMediaId: 'MEDIA' },
        }),
      ).resolves.toMatchObject({ errCode: 0 });
      await expect(cloud.openapi.customerServiceMessage.send({ touser: CS_USER, msgtype: 'video', video: {} })).rejects.toMatchObject({ errCode: 40008 });

      await emu.clock.advance(48 * 3600 * 1000 + 1);
      await expect(cloud.openapi.customerServiceMessage.send(text)).rejects.toMatchObject({ errCode: 45015 });
      const okSends = await outbox(`api=customerServiceMessage.send&touser=${CS_USER}&ok=true`);
      expect(okSends).toHaveLength(6);
      expect(okSends[5].request).toMatchObject({ msgtype: 'miniprogrampage', miniprogrampage: { thumb_media_id: 'MEDIA' } });
    });
  });

  describe('wxacode.getUnlimited', () => {
    it('returns a PNG QR code that decodes back to its scene and page', async () => {
      const res = await cloud.openapi.wxacode.getUnlimited({ scene: 'id=42&s=abc', page: 'pages/goods/detail', width: 280 });
      expect(res.contentType).toBe('image/png');
      expect(Buffer.isBuffer(res.buffer)).toBe(true);
      const png = PNG.sync.read(res.buffer);
      const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
      expect(code).not.toBeNull();
      expect(parseWxacodePayload(code!.data)).toMatchObject({ scene: 'id=42&s=abc', page: 'pages/goods/detail', envVersion: 'release' });
      const [entry] = await outbox('api=wxacode.getUnlimited');
      expect(entry.response).toMatchObject({ contentType: 'image/png', bytes: res.buffer.length });
    });

    it('refuses a scene over 32 characters (40169) and a page with a leading slash (41030)', async () => {
      await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'x'.repeat(33) })).rejects.toMatchObject({ errCode: 40169 });
      await expect(cloud.openapi.wxacode.getUnlimited({ scene: 'a=1', page: '/pages/index/index' })).rejects.toMatchObject({ errCode: 41030 });
    });
  });

  describe('security.msgSecCheck', () => {
    it('v2 answers pass / risky with the configured label', async () => {
      const ok = await cloud.openapi.security.msgSecCheck({ content: '这条裙子很好看', version: 2, scene: 2, openid: USER });
      expect(ok).toMatchObject({ errCode: 0, result: { suggest: 'pass', label: 100 } });
      const risky = await cloud.openapi.security.msgSecCheck({ content: '可以代开发票吗', version: 2, scene: 2, openid: USER });
      expect(risky.result).toEqual({ suggest: 'risky', label: 20008 });
      expect(risky.detail).toEqual(expect.arrayContaining([expect.objectContaining({ strategy: 'keyword', keyword: '代开发票' })]));
      expect(typeof risky.traceId).toBe('string');
      await expect(cloud.openapi.security.msgSecCheck({ content: 'x', version: 2, scene: 9, openid: USER })).rejects.toMatchObject({ errCode: 40129 });
    });

    it('v1 throws 87014 for risky content', async () => {
      await expect(cloud.openapi.security.msgSecCheck({ content: '来赌博' })).rejects.toMatchObject({ errCode: 87014 });
      await expect(cloud.openapi.security.msgSecCheck({ content: 'hello' })).resolves.toMatchObject({ errCode: 0 });
    });
  });

  describe('cloud.getOpenData', () => {
    it('resolves a minted share cloud id and refuses a forged one', async () => {
      const minted = await post('/_emulator/openapi/cloudid', { openid: USER, kind: 'shareInfo', data: { openGId: 'GgroupA' } });
      const cloudID = minted.body.cloudID as string;
      expect(cloudID).toMatch(/^27_/);
      const res = await cloud.getOpenData({ list: [cloudID] });
      expect(res.errCode).toBe(0);
      expect(res.list).toEqual([
        { cloudID, data: { openGId: 'GgroupA', watermark: { timestamp: Math.floor(emu.clock.now() / 1000), appid: emu.ctx.options.appId } } },
      ]);

      await expect(cloud.getOpenData({ list: ['27_forged'] })).rejects.toMatchObject({ errCode: -601005 });
    });
  });

  it('names an API the emulator does not implement', async () => {
    await expect(cloud.openapi.urlscheme.generate({})).rejects.toMatchObject({
      errCode: -604100,
      errMsg: expect.stringContaining('openapi.urlscheme.generate is not supported by the local emulator'),
    });
    expect(emu.quota.totals().openapiCalls).toBeGreaterThan(10);
  });
});

describe('openapi state', () => {
  it('keeps authorisations, reply windows and cloud ids in the data folder across restarts', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'emu-openapi-state-'));
    try {
      let emu = await startTestEmulator({ dataDir, projectDir: dataDir, manualClockStart: 1_700_000_000_000, services: [openapiService] });
      let svc = emu.service<OpenApiService>('openapi');
      svc.grantSubscription('oPersist', ['ANY_TEMPLATE_ID', 'OTHER'], { ANY_TEMPLATE_ID: true, OTHER: 'reject' });
      svc.noteCustomerMessage('oPersist');
      const cloudID = svc.mintCloudId('oPersist', 'shareInfo', { openGId: 'G1' });
      await emu.stop();

      emu = await startTestEmulator({ dataDir, projectDir: dataDir, manualClockStart: 1_700_000_000_000, services: [openapiService] });
      svc = emu.service<OpenApiService>('openapi');
      expect(svc.subscriptionCount('oPersist', 'ANY_TEMPLATE_ID')).toBe(1);
      expect(svc.subscriptionCount('oPersist', 'OTHER')).toBe(0);
      expect(svc.customerWindows.get('oPersist')).toMatchObject({ remaining: 5, until: 1_700_000_000_000 + 48 * 3600 * 1000 });
      expect(svc.resolveCloudId(cloudID)).toEqual({ cloudID, data: { openGId: 'G1', watermark: { timestamp: 1_700_000_000, appid: emu.ctx.options.appId } } });
      expect(() => svc.resolveCloudId(cloudID, 'oSomeoneElse')).toThrow('cloudID and calling user does not match');
      await fetch(`${emu.baseUrl}/_emulator/reset`, { method: 'POST' });
      expect(svc.subscriptionCount('oPersist', 'ANY_TEMPLATE_ID')).toBe(0);
      await emu.stop();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
