import path from 'node:path';
import type { EmulatorContext } from '../core/context';
import { TcbCodes } from '../core/errors';
import { sendJson, type Route } from '../core/http';
import type { ActionHandler, ActionReply, ActionRequest, EmulatorService, StatusSection } from '../core/service';
import type { OutboxService } from '../outbox';
import { escapeHtml, htmlTable } from '../status/page';
import { WxApiError, isObject, isValidOpenid, newRid, type OpenApiCall, type OpenApiCaller, type OpenApiHandler, type OpenApiResult } from './api';
import { readOpenApiConfig, type OpenApiConfig } from './config';
import { CustomerWindows, customerServiceSend, customerServiceSetTyping, type CustomerAction, type CustomerWindow } from './customer-service';
import { CloudIdError, CloudIdRegistry, type CloudIdRecord } from './open-data';
import { ApiType, decodeCommApiData, decodeGetOpenDataReq, encodeCommOpenApiResp, encodeGetOpenDataResp, type KeyValuePair } from './proto';
import { msgSecCheck } from './sec-check';
import { SubscribeAuthorisations, subscribeMessageSend } from './subscribe';
import { wxacodeByPath, wxacodeGetUnlimited } from './wxacode';
import { JsonStateFile } from './state-file';

/** errcode for an API the emulator does not implement (wx-server-sdk: WX_FUNCTIONS_SERVER_OPENAPI_NOT_FOUND). */
export const API_NOT_FOUND = -604100;
/** errcode when the calling function's config.json does not list the API (WX_FUNCTIONS_SERVER_OPENAPI_NO_PERMISSION). */
export const API_NO_PERMISSION = -604101;
/** wx.requestSubscribeMessage takes at most 3 one-time templates per call. */
export const MAX_TEMPLATES_PER_REQUEST = 3;

interface PersistedState {
  subscriptions: Array<[string, string, number]>;
  customerWindows: CustomerWindow[];
  cloudIds: CloudIdRecord[];
}

export interface SubscribeDecision {
  errMsg: string;
  [templateId: string]: string;
}

/**
 * Service `openapi`: the `wx.openApi` action (cloud calls: `cloud.openapi.*` and `cloud.getOpenData`), with
 * the user-side state those calls depend on (subscription authorisations, customer-service windows, cloud ids)
 * and a control API to set that state up.
 */
export class OpenApiService implements EmulatorService {
  readonly name = 'openapi';
  readonly subscriptions = new SubscribeAuthorisations();
  readonly customerWindows = new CustomerWindows();
  readonly cloudIds = new CloudIdRegistry();
  private config: OpenApiConfig;
  private readonly stateFile: JsonStateFile<PersistedState> | null;
  private readonly handlers: Record<string, OpenApiHandler>;

  constructor(private readonly ctx: EmulatorContext) {
    this.config = readOpenApiConfig(ctx.options.projectDir);
    this.stateFile = ctx.options.dataDir ? new JsonStateFile(path.join(ctx.options.dataDir, 'openapi-state.json')) : null;
    this.handlers = {
      'subscribeMessage.send': (c) =>
        subscribeMessageSend({ authorisations: this.subscriptions, templates: () => this.config.subscribeTemplates }, c),
      'customerServiceMessage.send': (c) => customerServiceSend(this.customerWindows, c),
      'customerServiceMessage.setTyping': (c) => customerServiceSetTyping(this.customerWindows, c),
      'wxacode.getUnlimited': (c) => wxacodeGetUnlimited(c),
      'wxacode.get': (c) => wxacodeByPath(c),
      'wxacode.createQRCode': (c) => wxacodeByPath(c),
      'security.msgSecCheck': (c) => msgSecCheck(() => this.config.secCheckWords, c),
      'cloudbase.getOpenData': (c) => this.cloudbaseGetOpenData(c),
    };
  }

  /** The open APIs answered (besides the getOpenData svrkit call). */
  supportedApis(): string[] {
    return Object.keys(this.handlers).sort();
  }

  // ---- in-process API -------------------------------------------------------------------------------

  /**
   * What wx.requestSubscribeMessage does on the phone: the user accepts (or rejects) one-time templates.
   * `accept` is one answer for all, or one per template id. Returns the result the mini-program would get.
   */
  grantSubscription(openid: string, templateIds: string[], accept: boolean | Record<string, boolean | 'accept' | 'reject'> = true): SubscribeDecision {
    if (!isValidOpenid(openid)) throw new WxApiError(40003, 'invalid openid');
    if (!Array.isArray(templateIds) || templateIds.length === 0) throw new WxApiError(20001, 'requestSubscribeMessage:fail No template data return, verify the template id exist');
    if (templateIds.length > MAX_TEMPLATES_PER_REQUEST) throw new WxApiError(20003, 'requestSubscribeMessage:fail Templates count out of max bounds');
    const known = this.config.subscribeTemplates;
    for (const t of templateIds) {
      if (typeof t !== 'string' || !t || (known && !known.has(t))) {
        throw new WxApiError(20001, 'requestSubscribeMessage:fail No template data return, verify the template id exist');
      }
    }
    const out: SubscribeDecision = { errMsg: 'requestSubscribeMessage:ok' };
    for (const t of templateIds) {
      const a = typeof accept === 'object' ? accept[t] : accept;
      const yes = a === true || a === 'accept';
      if (yes) this.subscriptions.grant(openid, t);
      out[t] = yes ? 'accept' : 'reject';
    }
    this.save();
    return out;
  }

  subscriptionCount(openid: string, templateId: string): number {
    return this.subscriptions.count(openid, templateId);
  }

  /** Records that a user messaged customer service (or entered the session) at `at`; opens the reply window. */
  noteCustomerMessage(openid: string, at: number = this.ctx.clock.now(), action: CustomerAction = 'message'): CustomerWindow {
    const w = this.customerWindows.note(openid, at, action);
    this.save();
    return { ...w };
  }

  /** Mints a cloud id for open data of a user (e.g. kind `shareInfo`, data `{openGId}`). */
  mintCloudId(openid: string, kind: string, data: Record<string, unknown>): string {
    if (!isValidOpenid(openid)) throw new WxApiError(40003, 'invalid openid');
    const rec = this.cloudIds.mint(openid, kind, data, this.ctx.clock.now());
    this.save();
    return rec.cloudID;
  }

  /**
   * What a cloud id stands for, as `{cloudID, data}` (data carries the watermark): the value the platform puts in
   * an event field holding `wx.cloud.CloudID(id)`, and an element of getOpenData's list. Throws CloudIdError.
   */
  resolveCloudId(cloudID: string, callerOpenid?: string): { cloudID: string; data: Record<string, unknown> } {
    return this.cloudIds.resolve(cloudID, this.ctx.options.appId, callerOpenid);
  }

  /** Replaces the emulator.config.json settings (tests), or re-reads the file when called without arguments. */
  configure(config?: Partial<OpenApiConfig>): void {
    const base = readOpenApiConfig(this.ctx.options.projectDir);
    this.config = { ...base, ...(config ?? {}) };
  }

  // ---- the wx.openApi action --------------------------------------------------------------------------

  actions(): Record<string, ActionHandler> {
    return { 'wx.openApi': (req) => this.handleOpenApi(req) };
  }

  private async handleOpenApi(req: ActionRequest): Promise<ActionReply> {
    const apiName = String(req.body.apiName ?? '');
    const raw = req.files.requestData ?? (typeof req.body.requestData === 'string' ? Buffer.from(req.body.requestData, 'latin1') : undefined);
    if (!raw) return tcbError(TcbCodes.INVALID_PARAM, 'wx.openApi: requestData is missing', req.requestId);
    let msg;
    try {
      msg = decodeCommApiData(raw);
    } catch (e) {
      return tcbError(TcbCodes.INVALID_PARAM, `wx.openApi: requestData is not a CommApiData protobuf (${(e as Error).message})`, req.requestId);
    }
    const caller = this.callerOf(req.token);
    this.ctx.quota.add('openapiCalls', 1, caller.invocationId);
    const appid = msg.appid || this.ctx.options.appId;

    if (msg.apiType === ApiType.SVRKIT_API) {
      if (apiName === 'ApiGetOpenDataByCloudId' && msg.svrkitData) return this.getOpenDataSvrkit(msg.svrkitData.reqData, caller, appid);
      this.recordOutbox(apiName || '(svrkit)', caller, undefined, {}, { code: TcbCodes.INVALID_ACTION }, API_NOT_FOUND);
      return tcbError(TcbCodes.INVALID_ACTION, `${apiName}: this cloud call is not supported by the local emulator`, req.requestId);
    }
    if (msg.apiType !== ApiType.OPEN_API) {
      return tcbError(TcbCodes.INVALID_PARAM, `${apiName}: CommApiData.apiType ${msg.apiType} is not supported by the local emulator`, req.requestId);
    }

    const data = pairsToData(msg.openapiData?.pairs ?? []);
    const call: OpenApiCall = { api: apiName, data, caller, appid, now: this.ctx.clock.now() };
    let result: OpenApiResult;
    try {
      const handler = this.handlers[apiName];
      if (!handler) {
        throw new WxApiError(
          API_NOT_FOUND,
          `API not found: openapi.${apiName} is not supported by the local emulator (supported: ${this.supportedApis().join(', ')})`,
        );
      }
      if (this.lacksPermission(apiName, caller)) {
        throw new WxApiError(API_NO_PERMISSION, `function ${caller.functionName} has no permission to call ${apiName}: add it to permissions.openapi in its config.json`);
      }
      result = await handler(call);
    } catch (e) {
      if (!(e instanceof WxApiError)) throw e;
      const body = { errcode: e.errcode, errmsg: `${e.errmsg} rid: ${newRid(call.now)}` };
      this.recordOutbox(apiName, caller, recipientOf(data), data, body, e.errcode);
      return openApiReply(Buffer.from(JSON.stringify(body)), 'application/json');
    }
    this.save();
    if ('binary' in result) {
      this.recordOutbox(apiName, caller, result.openid ?? recipientOf(data), data, { contentType: result.contentType, bytes: result.binary.length }, 0);
      return openApiReply(result.binary, result.contentType);
    }
    const body = { errcode: 0, errmsg: 'ok', ...result.json };
    this.recordOutbox(apiName, caller, result.openid ?? recipientOf(data), data, body, 0);
    return openApiReply(Buffer.from(JSON.stringify(body)), 'application/json');
  }

  /** cloud.getOpenData({list}): the svrkit call ApiGetOpenDataByCloudId. */
  private getOpenDataSvrkit(reqData: Buffer, caller: OpenApiCaller, appid: string): ActionReply {
    const { cloudidList } = decodeGetOpenDataReq(reqData);
    try {
      const dataList = cloudidList.map((id) => ({ cloudId: id, json: JSON.stringify(this.cloudIds.resolve(id, appid, caller.openid)) }));
      this.recordOutbox('ApiGetOpenDataByCloudId', caller, caller.openid, { cloudidList }, { dataList: dataList.length }, 0);
      return { raw: encodeCommOpenApiResp({ respData: encodeGetOpenDataResp({ dataList }), contentType: 'application/octet-stream', errorCode: 0, svrkitErrorCode: 0 }), contentType: 'application/octet-stream' };
    } catch (e) {
      if (!(e instanceof CloudIdError)) throw e;
      this.recordOutbox('ApiGetOpenDataByCloudId', caller, caller.openid, { cloudidList }, { errorCode: e.errorCode, message: e.message }, e.errorCode);
      return { raw: encodeCommOpenApiResp({ errorCode: e.errorCode }), contentType: 'application/octet-stream' };
    }
  }

  /** openapi.cloudbase.getOpenData({cloudidList}): the HTTPS flavour, `data_list: [{cloud_id, json}]`. */
  private cloudbaseGetOpenData(call: OpenApiCall): OpenApiResult {
    const list = call.data.cloudid_list;
    if (!Array.isArray(list) || list.length === 0) throw new WxApiError(47001, 'data format error: cloudid_list must be a non-empty array');
    try {
      return { json: { data_list: list.map((id) => ({ cloud_id: String(id), json: JSON.stringify(this.cloudIds.resolve(String(id), call.appid, call.caller.openid)) })) } };
    } catch (e) {
      if (e instanceof CloudIdError) throw new WxApiError(e.errorCode, e.message);
      throw e;
    }
  }

  private callerOf(token: string | undefined): OpenApiCaller {
    const inv = this.ctx.invocations().byToken(token);
    if (!inv) return {};
    return { openid: inv.identity.openid || undefined, invocationId: inv.id, functionName: inv.functionName };
  }

  /** A function whose config.json lists `permissions.openapi` may only call those APIs. */
  private lacksPermission(api: string, caller: OpenApiCaller): boolean {
    if (!caller.functionName) return false;
    let list: unknown;
    try {
      list = this.ctx.functions().config(caller.functionName)?.permissions?.openapi;
    } catch {
      return false;
    }
    return Array.isArray(list) && !list.includes(api);
  }

  private recordOutbox(api: string, caller: OpenApiCaller, openid: string | undefined, request: Record<string, unknown>, response: unknown, errCode: number): void {
    let outbox: OutboxService;
    try {
      outbox = this.ctx.service<OutboxService>('outbox');
    } catch {
      return;
    }
    outbox.record({
      kind: 'openapi',
      api,
      ...(openid ? { openid } : {}),
      ...(caller.invocationId ? { invocationId: caller.invocationId } : {}),
      request: withoutBinary(request),
      response,
      errCode,
    });
  }

  // ---- control API ----------------------------------------------------------------------------------

  routes(): Route[] {
    return [
      {
        method: 'POST',
        path: '/_emulator/openapi/subscribe',
        handler: async ({ res, json }) => {
          const b = await json<{ openid?: string; templateIds?: string[]; accept?: boolean | Record<string, boolean | 'accept' | 'reject'> }>();
          try {
            sendJson(res, 200, this.grantSubscription(String(b.openid ?? ''), b.templateIds ?? [], b.accept ?? true));
          } catch (e) {
            if (!(e instanceof WxApiError)) throw e;
            sendJson(res, 400, { errCode: e.errcode, errMsg: e.errmsg });
          }
        },
      },
      {
        method: 'GET',
        path: '/_emulator/openapi/subscribe',
        handler: ({ res, url }) => sendJson(res, 200, { subscriptions: this.subscriptions.list(url.searchParams.get('openid') || undefined) }),
      },
      {
        method: 'POST',
        path: '/_emulator/openapi/customer-message',
        handler: async ({ res, json }) => {
          const b = await json<{ openid?: string; at?: number; action?: CustomerAction }>();
          if (!isValidOpenid(b.openid)) return sendJson(res, 400, { errCode: 40003, errMsg: 'invalid openid' });
          const action: CustomerAction = b.action === 'enterSession' ? 'enterSession' : 'message';
          sendJson(res, 200, this.noteCustomerMessage(b.openid, typeof b.at === 'number' ? b.at : undefined, action));
        },
      },
      {
        method: 'POST',
        path: '/_emulator/openapi/cloudid',
        handler: async ({ res, json }) => {
          const b = await json<{ openid?: string; kind?: string; data?: unknown }>();
          if (!isValidOpenid(b.openid)) return sendJson(res, 400, { errCode: 40003, errMsg: 'invalid openid' });
          if (!isObject(b.data)) return sendJson(res, 400, { errCode: 47001, errMsg: 'data must be an object' });
          sendJson(res, 200, { cloudID: this.mintCloudId(b.openid, String(b.kind ?? 'shareInfo'), b.data) });
        },
      },
      {
        method: 'GET',
        path: '/_emulator/openapi/cloudid/:id',
        handler: ({ res, params }) => {
          try {
            sendJson(res, 200, this.resolveCloudId(params.id));
          } catch (e) {
            if (!(e instanceof CloudIdError)) throw e;
            sendJson(res, 404, { errCode: e.errorCode, errMsg: e.message });
          }
        },
      },
    ];
  }

  // ---- lifecycle / status ---------------------------------------------------------------------------

  async start(): Promise<void> {
    const s = this.stateFile?.read();
    if (!s) return;
    this.subscriptions.load(s.subscriptions ?? []);
    this.customerWindows.load(s.customerWindows ?? []);
    this.cloudIds.load(s.cloudIds ?? []);
  }

  async reset(): Promise<void> {
    this.subscriptions.clear();
    this.customerWindows.clear();
    this.cloudIds.clear();
    this.save();
  }

  private save(): void {
    this.stateFile?.write({
      subscriptions: this.subscriptions.toJSON(),
      customerWindows: this.customerWindows.list(),
      cloudIds: this.cloudIds.list(),
    });
  }

  status(): StatusSection[] {
    const now = this.ctx.clock.now();
    const tpl = this.config.subscribeTemplates;
    const cfg = tpl
      ? `<p>Subscribe templates (emulator.config.json): ${[...tpl.keys()].map((t) => `<code>${escapeHtml(t)}</code>`).join(', ') || 'none'}</p>`
      : '<p class="muted">No <code>subscribeTemplates</code> in emulator.config.json: any template id is accepted.</p>';
    const subs = htmlTable(
      ['openid', 'template', 'authorisations left'],
      this.subscriptions.list().map((s) => [escapeHtml(s.openid), `<code>${escapeHtml(s.templateId)}</code>`, escapeHtml(s.count)]),
    );
    const windows = htmlTable(
      ['openid', 'last user action', 'window until', 'messages left'],
      this.customerWindows.list().map((w) => [
        escapeHtml(w.openid),
        escapeHtml(new Date(w.lastActionAt).toISOString()),
        w.until > now ? escapeHtml(new Date(w.until).toISOString()) : '<span class="muted">closed</span>',
        escapeHtml(w.remaining),
      ]),
    );
    const ids = this.cloudIds.list();
    return [
      {
        title: 'Open API',
        html:
          `<p>Answers: ${this.supportedApis().map((a) => `<code>${escapeHtml(a)}</code>`).join(', ')}, and <code>cloud.getOpenData</code>.</p>` +
          cfg +
          `<h3>Subscription authorisations</h3>${subs}<h3>Customer-service windows</h3>${windows}` +
          `<p class="muted">${ids.length} cloud id(s) minted.</p>`,
      },
    ];
  }
}

/** A CommOpenApiResp carrying a WeChat answer (JSON or binary). */
function openApiReply(respData: Buffer, contentType: string): ActionReply {
  return { raw: encodeCommOpenApiResp({ respData, contentType, errorCode: 0 }), contentType: 'application/octet-stream' };
}

/** A TCB-level error in the JSON form node-sdk recognises inside a wx.openApi answer (exact content type). */
function tcbError(code: string, message: string, requestId: string): ActionReply {
  return { raw: Buffer.from(JSON.stringify({ code, message, requestId })), contentType: 'application/json; charset=utf-8' };
}

/** Request pairs → data: JSON values, or media fields as {contentType, value, filename}. */
export function pairsToData(pairs: KeyValuePair[]): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const p of pairs) {
    if (p.contenttype) {
      data[p.key] = { contentType: p.contenttype, value: Buffer.from(p.value), filename: p.filename };
      continue;
    }
    const text = Buffer.from(p.value).toString('utf8');
    try {
      data[p.key] = JSON.parse(text);
    } catch {
      data[p.key] = text;
    }
  }
  return data;
}

function recipientOf(data: Record<string, unknown>): string | undefined {
  const v = data.touser ?? data.openid;
  return typeof v === 'string' && v ? v : undefined;
}

function withoutBinary(data: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    out[k] = isObject(v) && Buffer.isBuffer(v.value) ? { contentType: v.contentType, bytes: v.value.length } : v;
  }
  return out;
}

export const openapiService = (ctx: EmulatorContext): OpenApiService => new OpenApiService(ctx);
