/**
 * The `customerService` cloud function: receives the customer-service message pushes (消息推送) and answers.
 *
 * - the customer opens the chat (event user_enter_tempsession) → the welcome text (never handed over: WeChat asks
 *   not to forward events);
 * - a text about an order (订单 / 物流 / …) → their latest order as a mini-program card (thumbnail: the first
 *   item's picture, uploaded as temporary media); if the thumbnail cannot be made, a text with a link opening the
 *   order instead;
 * - a text about a refund → where their refund stands;
 * - anything else (other texts, pictures, shared cards, asking for a person) → a text saying a person will answer,
 *   and the reply `{MsgType: 'transfer_customer_service'}`, which hands the message to the human queue
 *   (客服工具 / 网页版客服).
 * Keywords and texts: keywords.ts. The customer is getWXContext().OPENID (never a field of the event).
 *
 * Real cloud: 云开发控制台 → 设置 → 其他设置 → 消息推送 → add the message types (text, image, miniprogrampage, and
 * event user_enter_tempsession) → this function. Emulator: emulator.config.json `customerService.function`.
 */
import type { OrderDoc } from '@typings/shop/order';
import type { ActionContext } from '../lib/context';
import { platformContext, type PlatformContext } from '../lib/platform-context';
import { docsOf } from '../notify/db-results';
import { ORDERS } from '../orders/order-store';
import { platformCsApi, type CsApi } from './cs-api';
import { CS_TEXTS, intentOf } from './keywords';
import { orderCardTitle, orderLinkText, orderPagePath, refundStatusText } from './order-texts';

/** The push event fields used (PascalCase, as documented). */
export interface CsPushEvent {
  MsgType?: string;
  Content?: string;
  Event?: string;
  FromUserName?: string;
  ToUserName?: string;
  CreateTime?: number;
}

export interface TransferReply {
  ToUserName: string;
  FromUserName: string;
  CreateTime: number;
  MsgType: 'transfer_customer_service';
}

export type CsAnswer = 'success' | TransferReply | { ok: false; code: 'INVALID_INPUT'; message: string };

const ENTER_SESSION = 'user_enter_tempsession';

/** The customer's most recent orders (one query). */
async function recentOrders(ctx: ActionContext, openid: string): Promise<OrderDoc[]> {
  return docsOf<OrderDoc>(ctx.db.collection(ORDERS).where({ openid }).orderBy('createdAt', 'desc').limit(10));
}

async function sendOrderCard(ctx: ActionContext, api: CsApi, openid: string, order: OrderDoc): Promise<void> {
  const image = order.lines.find((l) => l.image.startsWith('cloud://'))?.image;
  let mediaId: string | null = null;
  if (image) {
    try {
      mediaId = await api.thumbMediaId(image);
    } catch (e) {
      ctx.log.warn('no card thumbnail, sending a link instead', { error: e });
    }
  }
  if (mediaId) {
    await api.send(openid, { msgtype: 'miniprogrampage', miniprogrampage: { title: orderCardTitle(order), pagepath: orderPagePath(order), thumbMediaId: mediaId } });
  } else {
    await api.send(openid, { msgtype: 'text', text: { content: orderLinkText(order, ctx.appid, CS_TEXTS.viewOrder) } });
  }
}

function transfer(event: CsPushEvent, openid: string): TransferReply {
  return {
    ToUserName: openid,
    FromUserName: String(event.ToUserName ?? ''),
    CreateTime: typeof event.CreateTime === 'number' ? event.CreateTime : 0,
    MsgType: 'transfer_customer_service',
  };
}

/** Handles one push. Failures to send are logged; a message that could not be answered goes to a person. */
export async function handlePush(event: CsPushEvent, ctx: ActionContext, api: CsApi): Promise<CsAnswer> {
  const openid = ctx.openid;
  if (!event || typeof event.MsgType !== 'string' || !openid) {
    return { ok: false, code: 'INVALID_INPUT', message: 'not a customer-service message push' };
  }
  const text = (content: string) => api.send(openid, { msgtype: 'text', text: { content } });
  try {
    if (event.MsgType === 'event') {
      if (event.Event === ENTER_SESSION && CS_TEXTS.welcome) await text(CS_TEXTS.welcome);
      return 'success';
    }
    const intent = event.MsgType === 'text' ? intentOf(String(event.Content ?? '')) : 'human';
    if (intent === 'order') {
      const [latest] = await recentOrders(ctx, openid);
      if (latest) await sendOrderCard(ctx, api, openid, latest);
      else await text(CS_TEXTS.noOrder);
      return 'success';
    }
    if (intent === 'refund') {
      const orders = await recentOrders(ctx, openid);
      const withRefund = orders.find((o) => o.refunds.length > 0);
      await text((withRefund && refundStatusText(withRefund)) || CS_TEXTS.noRefund);
      return 'success';
    }
  } catch (e) {
    ctx.log.error('auto-reply failed, handing over', { error: e });
    return transfer(event, openid);
  }
  try {
    await text(CS_TEXTS.handover);
  } catch (e) {
    ctx.log.warn('could not send the handover text', { error: e });
  }
  return transfer(event, openid);
}

/** The entry point the platform calls. Never throws. */
export async function customerServiceMain(event: unknown, context?: PlatformContext): Promise<CsAnswer> {
  let ctx: ActionContext;
  try {
    ctx = platformContext('customerService', context);
  } catch (e) {
    console.error(JSON.stringify({ level: 'error', msg: 'could not build the context', fn: 'customerService', error: String(e) }));
    return 'success';
  }
  return handlePush((event ?? {}) as CsPushEvent, ctx, platformCsApi(ctx.now));
}
