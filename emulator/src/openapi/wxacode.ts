import QRCode from 'qrcode';
import { WxApiError, isObject, type OpenApiCall, type OpenApiResult } from './api';

/**
 * Mini-program codes. The real ones are round "sun codes" only the WeChat client reads; the emulator draws a
 * standard, scannable QR code (PNG) instead, whose text is a URL naming what the real code would open:
 *
 *   getUnlimited          https://emulator.local/wxacode?appid=…&page=…&scene=…&env_version=…
 *   get / createQRCode    https://emulator.local/wxacode?appid=…&path=…&env_version=…
 *
 * `parseWxacodePayload()` turns a scanned text back into {page, scene} / {path}, e.g. for page tests that
 * simulate opening the mini-program from a code.
 */
export const WXACODE_ORIGIN = 'https://emulator.local/wxacode';

/** Characters the real API allows in `scene`. */
export const SCENE_PATTERN = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
export const ENV_VERSIONS = ['release', 'trial', 'develop'];

export interface WxacodePayload {
  appid: string;
  envVersion: string;
  page?: string;
  scene?: string;
  path?: string;
}

export function parseWxacodePayload(text: string): WxacodePayload | null {
  if (!text.startsWith(`${WXACODE_ORIGIN}?`)) return null;
  const q = new URL(text).searchParams;
  const out: WxacodePayload = { appid: q.get('appid') ?? '', envVersion: q.get('env_version') ?? 'release' };
  for (const k of ['page', 'scene', 'path'] as const) {
    const v = q.get(k);
    if (v !== null) out[k] = v;
  }
  return out;
}

function payloadUrl(fields: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) q.set(k, v);
  return `${WXACODE_ORIGIN}?${q.toString()}`;
}

function widthOf(v: unknown): number {
  const n = typeof v === 'number' ? v : Number(v ?? 430);
  if (!Number.isFinite(n)) return 430;
  return Math.min(1280, Math.max(280, Math.round(n)));
}

function hex2(n: unknown): string {
  const v = Math.min(255, Math.max(0, Math.round(Number(n) || 0)));
  return v.toString(16).padStart(2, '0');
}

async function renderPng(text: string, d: Record<string, unknown>): Promise<Buffer> {
  const line = isObject(d.line_color) && d.auto_color !== true ? d.line_color : { r: 0, g: 0, b: 0 };
  const dark = `#${hex2(line.r)}${hex2(line.g)}${hex2(line.b)}ff`;
  const light = d.is_hyaline === true ? '#ffffff00' : '#ffffffff';
  return QRCode.toBuffer(text, { type: 'png', width: widthOf(d.width), margin: 2, errorCorrectionLevel: 'M', color: { dark, light } });
}

function envVersionOf(d: Record<string, unknown>): string {
  const v = d.env_version === undefined ? 'release' : String(d.env_version);
  if (!ENV_VERSIONS.includes(v)) throw new WxApiError(40097, 'invalid args: env_version must be release, trial or develop');
  return v;
}

/** `wxacode.getUnlimited`: scene ≤ 32 allowed characters (40169 otherwise); page without a leading `/` or query. */
export async function wxacodeGetUnlimited(call: OpenApiCall): Promise<OpenApiResult> {
  const d = call.data;
  const scene = d.scene;
  if (typeof scene !== 'string' || !SCENE_PATTERN.test(scene)) throw new WxApiError(40169, 'invalid length for scene, or the data is not json string');
  let page: string | undefined;
  if (d.page !== undefined && d.page !== '') {
    if (typeof d.page !== 'string' || d.page.startsWith('/') || d.page.includes('?')) throw new WxApiError(41030, 'invalid page');
    page = d.page;
  }
  const text = payloadUrl({ appid: call.appid, page, scene, env_version: envVersionOf(d) });
  return { binary: await renderPng(text, d), contentType: 'image/png' };
}

/** `wxacode.get` and `wxacode.createQRCode`: path ≤ 128 bytes (40159 otherwise). */
export async function wxacodeByPath(call: OpenApiCall): Promise<OpenApiResult> {
  const d = call.data;
  const p = d.path;
  if (typeof p !== 'string' || !p || Buffer.byteLength(p) > 128) throw new WxApiError(40159, 'invalid length for path, or the data is not json string');
  const text = payloadUrl({ appid: call.appid, path: p, env_version: envVersionOf(d) });
  return { binary: await renderPng(text, d), contentType: 'image/png' };
}
