import { AppError } from './errors';
import type { Database } from './cloud';
import type { Logger } from './logger';

/** What every action handler gets besides its validated input. */
export interface ActionContext {
  /**
   * The caller's openid, from the platform (`cloud.getWXContext()`), NEVER from the event: a client can put
   * anything in an event. '' when the call comes from no user (timer trigger, console test).
   */
  openid: string;
  appid: string;
  unionid: string;
  /** `wx_client`, `wx_devtools`, `scf` (called by another function), `timer`, … */
  source: string;
  /** The platform's id of this invocation ('' when unknown). */
  requestId: string;
  /** The database of the current environment. */
  db: Database;
  /** The current time, ms since epoch. Handlers read time only through this (tests pass a fixed clock). */
  now(): number;
  log: Logger;
}

/** The caller's openid, or an UNAUTHENTICATED refusal when the call carries none. */
export function requireOpenid(ctx: Pick<ActionContext, 'openid'>): string {
  if (!ctx.openid) throw new AppError('UNAUTHENTICATED', '请在微信中打开小程序后重试');
  return ctx.openid;
}
