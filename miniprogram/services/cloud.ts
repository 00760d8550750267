/**
 * The ONE way the mini-program calls its cloud functions.
 *
 *   const settings = await callCloud('shop', 'settings.get', {});
 *
 * - Typed by the contract in typings/: the input and the answer of each action are checked at compile time.
 * - Sends `{action, input}`; the function answers `{ok:true, data}` (→ returns `data`) or
 *   `{ok:false, code, message}` (→ throws `CloudError(code, message)`).
 * - A failure to reach the function (network, platform timeout, function crashed) throws `CloudError('NETWORK')`.
 * - Where the call goes (CloudBase via wx.cloud.callFunction, or the local emulator's gateway via wx.request) is
 *   decided by config/env.ts, read at call time from `getApp().globalData.env`; nothing else knows the mode.
 */
import type { ErrorCode, Reply } from '../../typings/envelope';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '../../typings/functions';
import { envConfig, type EnvConfig } from '../config/env';

/** The server's codes, plus NETWORK for a call that never got an answer from the function. */
export type CloudErrorCode = ErrorCode | 'NETWORK';

export class CloudError extends Error {
  readonly code: CloudErrorCode;
  /** Technical detail for logs (never shown to users). */
  readonly detail: string;

  constructor(code: CloudErrorCode, message: string, detail = '') {
    super(message);
    this.name = 'CloudError';
    this.code = code;
    this.detail = detail;
    Object.setPrototypeOf(this, CloudError.prototype);
  }
}

export const NETWORK_MESSAGE = '网络不给力，请稍后再试';

type Args<I> = Record<string, never> extends I ? [input?: I] : [input: I];

/** Calls `action` of cloud function `fn`; resolves with its data or throws a CloudError. */
export async function callCloud<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  ...args: Args<ActionInput<F, A>>
): Promise<ActionOutput<F, A>> {
  const event = { action, input: args[0] ?? {} };
  const env = currentEnv();
  const result = env.mode === 'emulator' ? await viaEmulator(env, fn, event) : await viaCloud(fn, event);
  return unwrap(result) as ActionOutput<F, A>;
}

/**
 * Uploads a local file (a temp path from the client) to cloud storage and resolves with its `cloud://` file id:
 * `wx.cloud.uploadFile` in cloud mode, the emulator's client-upload route (`wx.uploadFile`) in emulator mode.
 */
export function uploadCloudFile(cloudPath: string, filePath: string): Promise<string> {
  const env = currentEnv();
  if (env.mode === 'cloud') {
    return wx.cloud.uploadFile({ cloudPath, filePath }).then(
      (res) => res.fileID,
      (e: unknown) => {
        throw new CloudError('NETWORK', NETWORK_MESSAGE, errText(e));
      },
    );
  }
  return new Promise((resolve, reject) => {
    wx.uploadFile({
      url: `${env.emulatorUrl.replace(/\/+$/, '')}/_emulator/storage/upload`,
      filePath,
      name: 'file',
      formData: { cloudPath },
      header: { 'x-wx-openid': env.demoOpenid },
      success: (res) => {
        let body: { fileID?: string; errMsg?: string } = {};
        try {
          body = typeof res.data === 'string' ? JSON.parse(res.data) : (res.data as typeof body);
        } catch {
          /* not JSON: handled below */
        }
        if (res.statusCode === 200 && body.fileID) resolve(body.fileID);
        else reject(new CloudError('NETWORK', NETWORK_MESSAGE, `HTTP ${res.statusCode}: ${body.errMsg ?? safeJson(res.data)}`));
      },
      fail: (err) => reject(new CloudError('NETWORK', NETWORK_MESSAGE, errText(err))),
    });
  });
}

/** The active configuration: the App's `globalData.env` if set, else config/env.ts. */
export function currentEnv(): EnvConfig {
  const app = typeof getApp === 'function' ? getApp<{ globalData?: { env?: EnvConfig } }>({ allowDefault: true }) : undefined;
  return app?.globalData?.env ?? envConfig;
}

function unwrap(result: unknown): unknown {
  const reply = result as Reply<unknown> | null | undefined;
  if (reply && typeof reply === 'object' && reply.ok === true) return reply.data;
  if (reply && typeof reply === 'object' && reply.ok === false && typeof reply.code === 'string') {
    throw new CloudError(reply.code, String(reply.message ?? ''));
  }
  throw new CloudError('NETWORK', NETWORK_MESSAGE, `not a reply: ${safeJson(result)}`);
}

async function viaCloud(fn: string, event: object): Promise<unknown> {
  try {
    const res = await wx.cloud.callFunction({ name: fn, data: event });
    return res.result;
  } catch (e) {
    throw new CloudError('NETWORK', NETWORK_MESSAGE, errText(e));
  }
}

/** POST {data: event} to the emulator's gateway, as `env.demoOpenid`. */
function viaEmulator(env: EnvConfig, fn: string, event: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    wx.request({
      url: `${env.emulatorUrl.replace(/\/+$/, '')}/functions/${encodeURIComponent(fn)}`,
      method: 'POST',
      data: { data: event },
      header: { 'content-type': 'application/json', 'x-wx-openid': env.demoOpenid, 'x-wx-source': 'wx_client' },
      success: (res) => {
        const body = res.data as { result?: unknown; errCode?: number; errMsg?: string } | string;
        if (res.statusCode !== 200 || typeof body !== 'object' || body === null) {
          reject(new CloudError('NETWORK', NETWORK_MESSAGE, `HTTP ${res.statusCode}: ${safeJson(body)}`));
        } else if ('result' in body) {
          resolve(body.result);
        } else {
          // the gateway's shape of a platform failure (wx.cloud.callFunction would reject with it)
          reject(new CloudError('NETWORK', NETWORK_MESSAGE, `${body.errCode ?? ''} ${body.errMsg ?? ''}`.trim()));
        }
      },
      fail: (err) => reject(new CloudError('NETWORK', NETWORK_MESSAGE, errText(err))),
    });
  });
}

function errText(e: unknown): string {
  const err = e as { errCode?: number; errMsg?: string; message?: string } | undefined;
  return [err?.errCode, err?.errMsg ?? err?.message].filter((x) => x !== undefined).join(' ') || String(e);
}

function safeJson(v: unknown): string {
  try {
    return JSON.stringify(v).slice(0, 200);
  } catch {
    return String(v);
  }
}

/** A message fit to show the user for any error a call may throw. */
export function userMessage(e: unknown): string {
  return e instanceof CloudError && e.message ? e.message : NETWORK_MESSAGE;
}
