import type { EmulatorController } from '../controller';
import type { EmulatorContext } from '../core/context';
import type { CallerIdentity, InvokeResult } from '../core/contracts';
import { sendJson, type Route } from '../core/http';
import { newId } from '../core/ids';
import type { EmulatorService, StatusSection } from '../core/service';
import { escapeHtml, htmlTable } from '../status/page';
import { formatChinaTime } from '../timers/cron';
import { functionFor, readCustomerServiceConfig, type CustomerServiceConfig } from './config';
import { CustomerMessageError, ENTER_SESSION_EVENT, pushEvent, type CustomerMessage } from './push-event';

/**
 * getWXContext().SOURCE of a push invocation. The platform's documented SOURCE list has no value for message
 * pushes; `wx_unknown` ("微信未知来源调用") is the emulator's choice. OPENID is the customer, as the documented
 * example relies on (`touser: wxContext.OPENID`).
 */
export const CUSTOMER_PUSH_SOURCE = 'wx_unknown';

export interface PushRecord {
  id: string;
  at: number;
  functionName: string;
  event: Record<string, unknown>;
  ok: boolean;
  result?: unknown;
  error?: { code: string; message: string };
  requestId?: string;
}

export interface PushOutcome {
  functionName: string;
  event: Record<string, unknown>;
  result: InvokeResult;
}

/** What the openapi service offers for the reply window (optional: used when that service runs). */
type CustomerWindowNoter = { noteCustomerMessage?: (openid: string, at?: number, action?: 'message' | 'enterSession') => unknown };

const MAX_KEPT = 200;

export class NoPushFunctionError extends Error {
  constructor(msgType: string, event: string) {
    super(
      `no function receives customer-service ${event ? `event "${event}"` : `"${msgType}" messages`}: set customerService.function ` +
        '(or a customerService.callbacks entry) in emulator.config.json',
    );
    this.name = 'NoPushFunctionError';
  }
}

/**
 * Service `customer-service`: what WeChat does when a user writes to the mini-program's customer service —
 * the configured cloud function is invoked with the push event, as the customer, after the openapi service has
 * opened the customer's reply window (so the function can answer with customerServiceMessage.send).
 */
export class CustomerServiceService implements EmulatorService {
  readonly name = 'customer-service';
  private config: CustomerServiceConfig;
  private pushes: PushRecord[] = [];

  constructor(private readonly ctx: EmulatorContext) {
    this.config = readCustomerServiceConfig(ctx.options.projectDir);
  }

  /** Replaces the emulator.config.json setting (tests), or re-reads the file when called without arguments. */
  configure(config?: Partial<CustomerServiceConfig>): void {
    const base = readCustomerServiceConfig(this.ctx.options.projectDir);
    this.config = { ...base, ...(config ?? {}), callbacks: config?.callbacks ?? base.callbacks };
  }

  history(): PushRecord[] {
    return [...this.pushes];
  }

  async deliver(message: CustomerMessage, opts: { source?: string } = {}): Promise<PushOutcome> {
    const now = this.ctx.clock.now();
    const event = pushEvent(message, { now, appId: this.ctx.options.appId });
    const eventName = message.msgType === 'event' ? String(event.Event) : '';
    const functionName = functionFor(this.config, message.msgType, eventName);
    if (!functionName) throw new NoPushFunctionError(message.msgType, eventName);

    // The user's action opens the reply window before the function runs (it may reply at once).
    if (message.msgType !== 'event' || eventName === ENTER_SESSION_EVENT) {
      this.openapi()?.noteCustomerMessage?.(message.openid, now, message.msgType === 'event' ? 'enterSession' : 'message');
    }

    const identity: CallerIdentity = { openid: message.openid, appid: this.ctx.options.appId, source: opts.source ?? CUSTOMER_PUSH_SOURCE };
    let result: InvokeResult;
    try {
      result = await this.ctx.functions().invoke(functionName, event, identity);
    } catch (e) {
      result = { ok: false, code: 'SYS_ERR', message: (e as Error).message, requestId: '', durationMs: 0 };
    }
    this.pushes.push({
      id: newId(),
      at: now,
      functionName,
      event,
      ok: result.ok,
      ...(result.ok ? { result: result.result } : { error: { code: result.code, message: result.message } }),
      ...(result.requestId ? { requestId: result.requestId } : {}),
    });
    if (this.pushes.length > MAX_KEPT) this.pushes.splice(0, this.pushes.length - MAX_KEPT);
    this.ctx.log(`customer-service ${message.msgType} from ${message.openid} → ${functionName}: ${result.ok ? 'ok' : result.code}`);
    return { functionName, event, result };
  }

  async reset(): Promise<void> {
    this.pushes = [];
  }

  routes(): Route[] {
    return [
      {
        method: 'POST',
        path: '/_emulator/customer-service/message',
        handler: async ({ res, json }) => {
          const body = await json<CustomerMessage & { source?: string }>();
          try {
            sendJson(res, 200, await this.deliver(body, { source: body.source }));
          } catch (e) {
            if (e instanceof CustomerMessageError) return sendJson(res, 400, { code: 'INVALID_PARAM', message: e.message });
            if (e instanceof NoPushFunctionError) return sendJson(res, 404, { code: 'FUNCTION_NOT_CONFIGURED', message: e.message });
            throw e;
          }
        },
      },
      {
        method: 'GET',
        path: '/_emulator/customer-service/messages',
        handler: ({ res }) => sendJson(res, 200, { pushes: this.pushes }),
      },
    ];
  }

  status(): StatusSection[] {
    const routing = this.config.callbacks.length || this.config.function
      ? [
          ...this.config.callbacks.map((c) => `<code>${escapeHtml(c.msgType)}${c.event ? `/${escapeHtml(c.event)}` : ''}</code> → <code>${escapeHtml(c.functionName)}</code>`),
          ...(this.config.function ? [`everything else → <code>${escapeHtml(this.config.function)}</code>`] : []),
        ].join('<br>')
      : '<span class="muted">No <code>customerService</code> in emulator.config.json: pushes are refused.</span>';
    const rows = this.pushes
      .slice(-30)
      .reverse()
      .map((p) => [
        escapeHtml(formatChinaTime(p.at)),
        escapeHtml(String(p.event.FromUserName)),
        escapeHtml(String(p.event.MsgType) + (p.event.Event ? `/${String(p.event.Event)}` : '')),
        `<code>${escapeHtml(p.functionName)}</code>`,
        p.ok ? '<span class="ok">ok</span>' : `<span class="err">${escapeHtml(p.error?.code ?? '')}</span>`,
        `<pre>${escapeHtml(JSON.stringify(p.event.Content ?? p.event.PagePath ?? p.event.PicUrl ?? p.event.SessionFrom ?? ''))}</pre>`,
      ]);
    return [
      {
        title: 'Customer-service push',
        html:
          `<p>${routing}</p><p class="muted">Send one: <code>POST /_emulator/customer-service/message {"openid", "msgType": "text", "content"}</code></p>` +
          htmlTable(['at (UTC+8)', 'from', 'type', 'function', 'result', 'content'], rows),
      },
    ];
  }

  private openapi(): CustomerWindowNoter | null {
    try {
      return this.ctx.service<CustomerWindowNoter>('openapi');
    } catch {
      return null;
    }
  }
}

export const customerServiceService = (ctx: EmulatorContext): CustomerServiceService => new CustomerServiceService(ctx);

/** A user writes to customer service (or enters the session): the configured function receives the push. */
export function deliverCustomerMessage(emu: EmulatorController, message: CustomerMessage, opts: { source?: string } = {}): Promise<PushOutcome> {
  return emu.service<CustomerServiceService>('customer-service').deliver(message, opts);
}
