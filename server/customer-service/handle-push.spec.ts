/** The reply logic with doubles: the card path (thumbnail available) and failures. */
import type { OrderDoc } from '@typings/shop/order';
import { sampleOrder } from '../domain/__fixtures__/shop';
import type { ActionContext } from '../lib/context';
import { createLogger } from '../lib/logger';
import type { CsApi, CsMessage } from './cs-api';
import { handlePush } from './customer-service-function';
import { CS_TEXTS, intentOf } from './keywords';

function ctxWith(orders: OrderDoc[], openid = 'o_customer_openid'): ActionContext {
  const query = { where: () => query, orderBy: () => query, limit: () => query, get: async () => ({ data: orders }) };
  return {
    openid,
    appid: 'wx123',
    unionid: '',
    source: 'wx_unknown',
    requestId: '',
    db: { collection: () => query } as unknown as ActionContext['db'],
    now: () => 0,
    log: createLogger({}, () => undefined),
  };
}

function api(over: Partial<CsApi> = {}) {
  const sent: CsMessage[] = [];
  const a: CsApi = { send: async (_to, m) => void sent.push(m), thumbMediaId: async () => 'MEDIA-1', ...over };
  return { api: a, sent };
}

const push = (Content: string) => ({ MsgType: 'text', Content, FromUserName: 'o_customer_openid', ToUserName: 'gh_shop', CreateTime: 1700000000 });

describe('intentOf', () => {
  it('reads the configured keywords, refund before order, a person before both', () => {
    expect(intentOf('我的订单呢')).toBe('order');
    expect(intentOf('Where is my ORDER')).toBe('order');
    expect(intentOf('订单退款进度')).toBe('refund');
    expect(intentOf('转人工，订单有问题')).toBe('human');
    expect(intentOf('你好')).toBe('human');
  });
});

describe('handlePush', () => {
  it('sends the latest order as a mini-program card when a thumbnail can be made', async () => {
    const order = { ...sampleOrder('pickup'), _id: 'o-9', status: 'paid' as const };
    order.lines = order.lines.map((l) => ({ ...l, image: 'cloud://env.bucket/demo/goods/tee.png' }));
    const seen: string[] = [];
    const { api: a, sent } = api({ thumbMediaId: async (id) => (seen.push(id), 'MEDIA-1') });
    await expect(handlePush(push('订单'), ctxWith([order]), a)).resolves.toBe('success');
    expect(seen).toEqual(['cloud://env.bucket/demo/goods/tee.png']);
    expect(sent).toEqual([
      { msgtype: 'miniprogrampage', miniprogrampage: { title: '已付款 · Goods tee 等4件 · ¥34.99', pagepath: 'pages/order-detail/index?id=o-9', thumbMediaId: 'MEDIA-1' } },
    ]);
  });

  it('falls back to a text with a mini-program link when the thumbnail fails', async () => {
    const order = { ...sampleOrder('pickup'), _id: 'o-9' };
    order.lines = order.lines.map((l) => ({ ...l, image: 'cloud://env.bucket/x.png' }));
    const { api: a, sent } = api({ thumbMediaId: async () => Promise.reject(new Error('no media')) });
    await expect(handlePush(push('订单'), ctxWith([order]), a)).resolves.toBe('success');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ msgtype: 'text' });
    expect(JSON.stringify(sent[0])).toContain('data-miniprogram-appid=\\"wx123\\"');
  });

  it('hands over when the reply cannot be sent, and answers only the platform’s openid', async () => {
    const { api: a } = api({ send: async () => Promise.reject(new Error('45015 window closed')) });
    await expect(handlePush(push('订单'), ctxWith([]), a)).resolves.toMatchObject({ MsgType: 'transfer_customer_service', ToUserName: 'o_customer_openid', FromUserName: 'gh_shop', CreateTime: 1700000000 });
    const { api: b, sent } = api();
    await expect(handlePush(push('订单'), ctxWith([], ''), b)).resolves.toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(sent).toEqual([]);
  });

  it('tells the customer when there is no refund to report', async () => {
    const { api: a, sent } = api();
    await handlePush(push('退款'), ctxWith([sampleOrder('pickup')]), a);
    expect(sent).toEqual([{ msgtype: 'text', text: { content: CS_TEXTS.noRefund } }]);
  });
});
