/**
 * Subscription messages on the emulator: the built `notify` function records the customer's authorisations,
 * sendOrderMessage (real wx-server-sdk, in this process) spends them, and the emulator's openapi service plays
 * WeChat (its own authorisation count, 43101 when there is none) and records every send in the outbox.
 */
import path from 'node:path';
import type { EmulatorController } from '../../emulator/src/controller';
import type { OpenApiService } from '../../emulator/src/openapi';
import type { OutboxService } from '../../emulator/src/outbox';
import { pointSdkAt, startTestEmulator } from '../../emulator/src/testing';
import type { OrderDoc } from '../../typings/shop/order';
import { sampleOrder } from '../domain/__fixtures__/shop';
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/config/subscribe';
import { getDatabase } from '../lib/cloud';
import { ensureCollections } from '../lib/collections';
import type { ActionContext } from '../lib/context';
import { createLogger } from '../lib/logger';
import { docsOf } from './db-results';
import { MESSAGE_LOG_COLLECTION, type MessageLogDoc } from './message-log';
import { sendOrderMessage } from './order-messages';
import { SUBSCRIPTIONS_COLLECTION, subscriptionId } from './subscriptions';

const CUSTOMER = 'o_customer_openid'; // the fixture order's customer
const PAID = SUBSCRIBE_TEMPLATES.paid;
const READY = SUBSCRIBE_TEMPLATES.ready;

let emu: EmulatorController;
let restore: () => void;

beforeAll(async () => {
  emu = await startTestEmulator({ projectDir: path.resolve(__dirname, '../..') });
  restore = pointSdkAt(emu);
  await ensureCollections(getDatabase());
});
afterAll(async () => {
  restore?.();
  await emu?.stop();
});

function ctx(over: Partial<ActionContext> = {}): ActionContext {
  return {
    openid: '',
    appid: 'wx0000000000000000',
    unionid: '',
    source: 'wx_paycallback',
    requestId: 'test',
    db: getDatabase(),
    now: () => Date.UTC(2024, 5, 1, 4, 5),
    log: createLogger({}, () => undefined),
    ...over,
  };
}

function paidOrder(id: string): OrderDoc {
  const o = sampleOrder('pickup');
  return { ...o, _id: id, status: 'paid', payment: { transactionId: 't', paidFen: o.amounts.totalFen, paidAt: Date.UTC(2024, 5, 1, 4, 1) } };
}

async function callNotify(action: string, input: unknown, openid = CUSTOMER): Promise<any> {
  const res = await fetch(`${emu.baseUrl}/functions/notify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ data: { action, input } }),
  });
  return ((await res.json()) as { result: unknown }).result;
}

const sends = () => emu.service<OutboxService>('outbox').list({ api: 'subscribeMessage.send' });
const openapi = () => emu.service<OpenApiService>('openapi');

async function logOf(orderId: string): Promise<MessageLogDoc[]> {
  return docsOf<MessageLogDoc>(getDatabase().collection(MESSAGE_LOG_COLLECTION).where({ orderId }));
}

async function ourCount(templateId: string): Promise<number> {
  const [doc] = await docsOf<{ count: number }>(getDatabase().collection(SUBSCRIPTIONS_COLLECTION).where({ _id: subscriptionId(CUSTOMER, templateId) }));
  return doc?.count ?? 0;
}

describe('notify.recordSubscription', () => {
  it('adds one per accepted known template and ignores rejections and unknown ids', async () => {
    const out = await callNotify('notify.recordSubscription', { results: { [PAID]: 'accept', [READY]: 'reject', NOT_OURS: 'accept' } });
    expect(out).toMatchObject({ ok: true, data: { accepted: [PAID] } });
    expect(out.data.counts[PAID]).toBe(1);
    expect(out.data.counts[READY]).toBe(0);
    expect(out.data.counts).not.toHaveProperty('NOT_OURS');
    await expect(callNotify('notify.subscriptions', {})).resolves.toMatchObject({ ok: true, data: { counts: { [PAID]: 1 } } });
  });

  it('refuses bad input and a caller without an openid', async () => {
    await expect(callNotify('notify.recordSubscription', { results: { [PAID]: 'maybe' } })).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    await expect(callNotify('notify.recordSubscription', {})).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    await expect(callNotify('notify.recordSubscription', { results: { [PAID]: 'accept' } }, '')).resolves.toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
    expect(await ourCount(PAID)).toBe(1);
  });
});

describe('sendOrderMessage', () => {
  it('spends the authorisation on one send, with the template data filled from the order', async () => {
    openapi().grantSubscription(CUSTOMER, [PAID]); // what the phone did when the customer tapped 允许
    const before = sends().length;
    await expect(sendOrderMessage(ctx(), paidOrder('m-1'), 'paid')).resolves.toEqual({ sent: true });
    const sent = sends().slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      errCode: 0,
      openid: CUSTOMER,
      request: {
        touser: CUSTOMER,
        template_id: PAID,
        page: 'pages/order-detail/index?id=m-1',
        data: { character_string1: { value: '20240601120000ABCDEFGH' }, amount2: { value: '¥34.99' }, time4: { value: '2024-06-01 12:01' } },
      },
    });
    expect(await ourCount(PAID)).toBe(0);
    expect(await logOf('m-1')).toEqual([expect.objectContaining({ openid: CUSTOMER, kind: 'paid', templateId: PAID, status: 'sent', reason: '' })]);
  });

  it('never sends twice for the same order and kind (a duplicate callback)', async () => {
    openapi().grantSubscription(CUSTOMER, [PAID]);
    await callNotify('notify.recordSubscription', { results: { [PAID]: 'accept' } });
    const before = sends().length;
    await expect(sendOrderMessage(ctx(), paidOrder('m-1'), 'paid')).resolves.toEqual({ sent: false, reason: 'duplicate' });
    expect(sends().length).toBe(before);
    expect(await logOf('m-1')).toHaveLength(1);
    expect(await ourCount(PAID)).toBe(1); // still there for the next order
  });

  it('skips and records a send when no authorisation is left', async () => {
    await expect(sendOrderMessage(ctx(), paidOrder('m-2'), 'paid')).resolves.toEqual({ sent: true }); // uses the one left
    const before = sends().length;
    await expect(sendOrderMessage(ctx(), paidOrder('m-3'), 'paid')).resolves.toEqual({ sent: false, reason: 'no_authorisation' });
    expect(sends().length).toBe(before); // WeChat was not even asked
    expect(await logOf('m-3')).toEqual([expect.objectContaining({ kind: 'paid', status: 'skipped', reason: 'no_authorisation' })]);
  });

  it('records a refusal by WeChat (43101) without failing, and forgets our count', async () => {
    await callNotify('notify.recordSubscription', { results: { [READY]: 'accept' } }); // our count says 1, WeChat has none
    const order = { ...paidOrder('m-4'), status: 'ready' as const };
    await expect(sendOrderMessage(ctx(), order, 'ready')).resolves.toEqual({ sent: false, reason: 'user_refused' });
    expect(sends().at(-1)).toMatchObject({ errCode: 43101, request: { template_id: READY } });
    expect(await logOf('m-4')).toEqual([expect.objectContaining({ kind: 'ready', status: 'skipped', reason: 'user_refused' })]);
    expect(await ourCount(READY)).toBe(0);
  });

  it('two concurrent sends share one authorisation: exactly one goes out', async () => {
    openapi().grantSubscription(CUSTOMER, [READY]);
    openapi().grantSubscription(CUSTOMER, [READY]);
    await callNotify('notify.recordSubscription', { results: { [READY]: 'accept' } });
    const out = await Promise.all([sendOrderMessage(ctx(), paidOrder('m-5'), 'ready'), sendOrderMessage(ctx(), paidOrder('m-6'), 'ready')]);
    expect(out.filter((o) => o.sent)).toHaveLength(1);
    expect(out.filter((o) => !o.sent)).toEqual([{ sent: false, reason: 'no_authorisation' }]);
    expect(await ourCount(READY)).toBe(0);
  });

  it('never throws, even when the database fails', async () => {
    const broken = { collection: () => { throw new Error('db down'); }, command: getDatabase().command } as unknown as ActionContext['db'];
    await expect(sendOrderMessage(ctx({ db: broken }), paidOrder('m-7'), 'paid')).resolves.toEqual({ sent: false, reason: 'error' });
    await expect(sendOrderMessage(ctx(), null as unknown as OrderDoc, 'paid')).resolves.toEqual({ sent: false, reason: 'error' });
  });
});
