/**
 * Customer service on the emulator: a customer writes to the shop's customer service, the emulator pushes the
 * message to the built `customerService` function (emulator.config.json customerService.function) as that
 * customer, and the function's replies appear in the outbox. The demo shop's orders and pictures are the data.
 */
import path from 'node:path';
import type { EmulatorController } from '../../emulator/src/controller';
import { deliverCustomerMessage } from '../../emulator/src/customer-service';
import type { OutboxService } from '../../emulator/src/outbox';
import type { OrderDoc } from '../../typings/shop/order';
import { DEMO_CUSTOMER } from '../../scripts/demo-shop';
import { CS_TEXTS } from './keywords';
import { startDemoEmulator } from '../../test/demo-emulator';

let emu: EmulatorController;
let orders: OrderDoc[];

beforeAll(async () => {
  ({ emu, orders } = await startDemoEmulator());
});
afterAll(async () => {
  await emu?.stop();
});

const outbox = () => emu.service<OutboxService>('outbox');
/** What the function sent to `openid` during `work`. */
async function repliesDuring(openid: string, work: () => Promise<unknown>) {
  const before = outbox().list({ api: 'customerServiceMessage.send', openid }).length;
  const out = await work();
  return { out, sent: outbox().list({ api: 'customerServiceMessage.send', openid }).slice(before) };
}

const text = (openid: string, content: string) => deliverCustomerMessage(emu, { openid, msgType: 'text', content });

it('answers 订单 with the customer’s latest order: a card opening the order page, or a text link without media upload', async () => {
  const latest = orders.filter((o) => o.openid === DEMO_CUSTOMER).sort((a, b) => b.createdAt - a.createdAt)[0];
  const { out, sent } = await repliesDuring(DEMO_CUSTOMER, () => text(DEMO_CUSTOMER, '我的订单到哪了？'));
  expect((out as any).result).toMatchObject({ ok: true, result: 'success' });
  expect(sent).toHaveLength(1);
  // the function first tries to make the card's thumbnail from the order's first picture
  const upload = outbox().list({ api: 'customerServiceMessage.uploadTempMedia' }).at(-1);
  expect(upload).toBeDefined();
  if (upload!.errCode === 0) {
    expect(sent[0]).toMatchObject({
      errCode: 0,
      request: { touser: DEMO_CUSTOMER, msgtype: 'miniprogrampage', miniprogrampage: { pagepath: `pages/order-detail/index?id=${latest._id}` } },
    });
  } else {
    // the emulator does not implement uploadTempMedia (-604100 API not found): the text-with-link fallback
    expect(upload!.errCode).toBe(-604100);
    expect(sent[0]).toMatchObject({ errCode: 0, request: { touser: DEMO_CUSTOMER, msgtype: 'text' } });
    const content = (sent[0].request as { text: { content: string } }).text.content;
    expect(content).toContain(latest.orderNo);
    expect(content).toContain('待付款');
    expect(content).toContain(`data-miniprogram-path="pages/order-detail/index?id=${latest._id}"`);
  }
});

it('answers 退款 with where the refund stands', async () => {
  const { out, sent } = await repliesDuring(DEMO_CUSTOMER, () => text(DEMO_CUSTOMER, '退款什么时候到'));
  expect((out as any).result).toMatchObject({ ok: true, result: 'success' });
  expect(sent).toHaveLength(1);
  const refunding = orders.find((o) => o._id === 'demo-o-04')!;
  expect((sent[0].request as { text: { content: string } }).text.content).toBe(`订单 ${refunding.orderNo} 的退款 ¥30.00：商家审核中。`);
});

it('hands anything else to a person: a text saying so and the transfer_customer_service reply', async () => {
  const { out, sent } = await repliesDuring(DEMO_CUSTOMER, () => text(DEMO_CUSTOMER, '你们周末营业吗'));
  expect((out as any).result).toMatchObject({
    ok: true,
    result: { MsgType: 'transfer_customer_service', ToUserName: DEMO_CUSTOMER, FromUserName: emu.ctx.options.appId, CreateTime: expect.any(Number) },
  });
  expect(sent.map((s) => (s.request as { text: { content: string } }).text.content)).toEqual([CS_TEXTS.handover]);

  const picture = await deliverCustomerMessage(emu, { openid: DEMO_CUSTOMER, msgType: 'image', picUrl: 'http://mmbiz.qpic.cn/x/0' });
  expect(picture.result).toMatchObject({ ok: true, result: { MsgType: 'transfer_customer_service' } });
});

it('greets a customer entering the chat without handing over, and tells a customer without orders so', async () => {
  const { out, sent } = await repliesDuring('o-new-customer', () => deliverCustomerMessage(emu, { openid: 'o-new-customer', msgType: 'event' }));
  expect((out as any).result).toMatchObject({ ok: true, result: 'success' });
  expect(sent.map((s) => (s.request as { text: { content: string } }).text.content)).toEqual([CS_TEXTS.welcome]);

  const none = await repliesDuring('o-new-customer', () => text('o-new-customer', 'order status'));
  expect(none.sent.map((s) => (s.request as { text: { content: string } }).text.content)).toEqual([CS_TEXTS.noOrder]);
});

it('refuses to be called as an ordinary function (no push event)', async () => {
  const res = await fetch(`${emu.baseUrl}/functions/customerService`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': DEMO_CUSTOMER },
    body: JSON.stringify({ data: { action: 'x' } }),
  });
  expect(((await res.json()) as { result: unknown }).result).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});
