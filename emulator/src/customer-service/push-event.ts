import { randomBytes, randomInt } from 'node:crypto';

/** What a user sends to the mini-program's customer service (or does: entering the session). */
export interface CustomerMessage {
  /** The customer. */
  openid: string;
  msgType: 'text' | 'image' | 'miniprogrampage' | 'event';
  /** text */
  content?: string;
  /** image */
  picUrl?: string;
  mediaId?: string;
  /** miniprogrampage (a mini-program card) */
  title?: string;
  appId?: string;
  pagePath?: string;
  thumbUrl?: string;
  thumbMediaId?: string;
  /** event: defaults to `user_enter_tempsession` */
  event?: string;
  sessionFrom?: string;
  /** Seconds; defaults to the emulator clock. */
  createTime?: number;
  msgId?: string;
  /** ToUserName; defaults to the emulator's appId. */
  toUserName?: string;
}

export class CustomerMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CustomerMessageError';
  }
}

export const ENTER_SESSION_EVENT = 'user_enter_tempsession';

function msgId(createTime: number): string {
  return `${randomBytes(20).toString('hex')}${randomInt(1_000_000_000, 9_999_999_999)}_${createTime}`;
}

function need(v: unknown, field: string, msgType: string): string {
  if (typeof v !== 'string' || !v) throw new CustomerMessageError(`a ${msgType} message needs ${field}`);
  return v;
}

/**
 * The event a cloud function receives for a customer-service push: the message's fields in the push format's
 * PascalCase JSON (the documented text example:
 * `{"FromUserName":"ohl4…","ToUserName":"wx3d…","Content":"测试","CreateTime":1555684067,"MsgId":"49d7…_1555684067","MsgType":"text"}`).
 */
export function pushEvent(m: CustomerMessage, defaults: { now: number; appId: string }): Record<string, unknown> {
  if (!m || typeof m.openid !== 'string' || !m.openid) throw new CustomerMessageError('openid (the customer) is required');
  const createTime = m.createTime ?? Math.floor(defaults.now / 1000);
  if (!Number.isInteger(createTime) || createTime < 0) throw new CustomerMessageError('createTime is in whole seconds');
  const head = { ToUserName: m.toUserName ?? defaults.appId, FromUserName: m.openid, CreateTime: createTime, MsgType: m.msgType };
  switch (m.msgType) {
    case 'text':
      return { ...head, Content: need(m.content, 'content', 'text'), MsgId: m.msgId ?? msgId(createTime) };
    case 'image': {
      if (!m.picUrl && !m.mediaId) throw new CustomerMessageError('an image message needs picUrl or mediaId');
      const mediaId = m.mediaId ?? randomBytes(24).toString('base64url');
      return { ...head, PicUrl: m.picUrl ?? `http://mmbiz.qpic.cn/local/${mediaId}/0`, MediaId: mediaId, MsgId: m.msgId ?? msgId(createTime) };
    }
    case 'miniprogrampage':
      return {
        ...head,
        MsgId: m.msgId ?? msgId(createTime),
        Title: m.title ?? '',
        AppId: m.appId ?? defaults.appId,
        PagePath: need(m.pagePath, 'pagePath', 'miniprogrampage'),
        ThumbUrl: m.thumbUrl ?? '',
        ThumbMediaId: m.thumbMediaId ?? '',
      };
    case 'event':
      return { ...head, Event: m.event ?? ENTER_SESSION_EVENT, SessionFrom: m.sessionFrom ?? '' };
    default:
      throw new CustomerMessageError(`msgType must be text, image, miniprogrampage or event (got ${String((m as { msgType?: unknown }).msgType)})`);
  }
}
