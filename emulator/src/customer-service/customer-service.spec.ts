import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EmulatorController } from '../controller';
import type { CallerIdentity } from '../core/contracts';
import { pointSdkAt, startTestEmulator } from '../testing';
import { outboxService, type OutboxService } from '../outbox';
import { openapiService, type OpenApiService } from '../openapi';
import { chinaToUtc } from '../timers/cron';
import { FakeFunctions, fakeFunctionsService } from '../timers/fake-functions';
import { customerServiceService, deliverCustomerMessage, type CustomerServiceService } from './index';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cloud = require('wx-server-sdk');

const START = chinaToUtc(2024, 6, 1, 9, 0, 0);
const CUSTOMER = 'oCustomer_000000000000000001';

describe('customer-service push (fake functions, real openapi + outbox)', () => {
  let emu: EmulatorController;
  let fns: FakeFunctions;
  let restore: () => void;
  let projectDir: string;

  beforeAll(async () => {
    projectDir = mkdtempSync(path.join(os.tmpdir(), 'emu-kefu-'));
    writeFileSync(
      path.join(projectDir, 'emulator.config.json'),
      JSON.stringify({ customerService: { function: 'kefu', callbacks: [{ msgType: 'event', event: 'user_enter_tempsession', functionName: 'kefuEnter' }] } }),
    );
    emu = await startTestEmulator({
      projectDir,
      manualClockStart: START,
      services: [
        outboxService,
        openapiService,
        fakeFunctionsService({
          // Replies at once, as the documented example does (touser = the invocation's OPENID).
          kefu: async (event: unknown, identity: CallerIdentity) => {
            await cloud.openapi.customerServiceMessage.send({ touser: identity.openid, msgtype: 'text', text: { content: `收到: ${(event as { Content?: string }).Content}` } });
            return 'success';
          },
          kefuEnter: () => 'success',
        }),
        customerServiceService,
      ],
    });
    fns = emu.service<FakeFunctions>('functions');
    restore = pointSdkAt(emu, { openid: CUSTOMER });
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV });
  });

  afterAll(async () => {
    restore();
    await emu.stop();
    rmSync(projectDir, { recursive: true, force: true });
  });

  it('invokes the configured function with the push event, as the customer, and lets it reply', async () => {
    const out = await deliverCustomerMessage(emu, { openid: CUSTOMER, msgType: 'text', content: '在吗？' });
    expect(out.functionName).toBe('kefu');
    expect(out.result).toMatchObject({ ok: true, result: 'success' });
    const call = fns.callsTo('kefu').at(-1)!;
    expect(call.event).toEqual({
      ToUserName: emu.ctx.options.appId,
      FromUserName: CUSTOMER,
      CreateTime: Math.floor(START / 1000),
      MsgType: 'text',
      Content: '在吗？',
      MsgId: expect.stringMatching(new RegExp(`_${Math.floor(START / 1000)}$`)),
    });
    expect(call.identity).toEqual({ openid: CUSTOMER, appid: emu.ctx.options.appId, source: 'wx_unknown' });
    // The reply went out inside the window the message opened.
    const sent = emu.service<OutboxService>('outbox').list({ api: 'customerServiceMessage.send', touser: CUSTOMER });
    expect(sent.map((e) => e.errCode)).toEqual([0]);
    expect(emu.service<OpenApiService>('openapi').customerWindows.get(CUSTOMER)).toMatchObject({ lastActionAt: START });
  });

  it('routes <msgType, event> pairs to their own function; entering the session opens the short window', async () => {
    await emu.clock.advance(60_000);
    const out = await deliverCustomerMessage(emu, { openid: 'oOther_customer_00000000001', msgType: 'event', sessionFrom: 'goods:42' });
    expect(out.functionName).toBe('kefuEnter');
    expect(out.event).toEqual({
      ToUserName: emu.ctx.options.appId,
      FromUserName: 'oOther_customer_00000000001',
      CreateTime: Math.floor(emu.clock.now() / 1000),
      MsgType: 'event',
      Event: 'user_enter_tempsession',
      SessionFrom: 'goods:42',
    });
    expect(emu.service<OpenApiService>('openapi').customerWindows.get('oOther_customer_00000000001')).toMatchObject({ remaining: 2 });
  });

  it('builds image and mini-program card events', async () => {
    const img = await deliverCustomerMessage(emu, { openid: CUSTOMER, msgType: 'image', picUrl: 'http://mmbiz.qpic.cn/x/0' });
    expect(img.event).toMatchObject({ MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/x/0', MediaId: expect.any(String), MsgId: expect.any(String) });
    const card = await deliverCustomerMessage(emu, { openid: CUSTOMER, msgType: 'miniprogrampage', title: '连衣裙', pagePath: 'pages/goods/detail?id=1' });
    expect(card.event).toMatchObject({ MsgType: 'miniprogrampage', Title: '连衣裙', PagePath: 'pages/goods/detail?id=1', AppId: emu.ctx.options.appId, ThumbUrl: '', ThumbMediaId: '' });
  });

  it('accepts pushes over HTTP and refuses malformed ones', async () => {
    const post = (body: unknown) => fetch(`${emu.baseUrl}/_emulator/customer-service/message`, { method: 'POST', body: JSON.stringify(body) });
    const ok = await post({ openid: CUSTOMER, msgType: 'text', content: 'hi' });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: { ok: boolean } }).result.ok).toBe(true);
    expect((await post({ openid: CUSTOMER, msgType: 'text' })).status).toBe(400);
    expect((await post({ msgType: 'text', content: 'x' })).status).toBe(400);
    expect((await post({ openid: CUSTOMER, msgType: 'voice' })).status).toBe(400);
    const history = emu.service<CustomerServiceService>('customer-service').history();
    expect(history.at(-1)).toMatchObject({ functionName: 'kefu', ok: true, result: 'success' });
    const page = await (await fetch(`${emu.baseUrl}/`)).text();
    expect(page).toContain('Customer-service push');
  });

  it('refuses when no function is configured for the type', async () => {
    const svc = emu.service<CustomerServiceService>('customer-service');
    svc.configure({ function: undefined, callbacks: [] });
    try {
      await expect(deliverCustomerMessage(emu, { openid: CUSTOMER, msgType: 'text', content: 'x' })).rejects.toThrow(/customerService\.function/);
    } finally {
      svc.configure();
    }
  });
});
