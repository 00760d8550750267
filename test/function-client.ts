/**
 * Calls a cloud function through the emulator's HTTP gateway as the mini-program does (`POST /functions/<name>`
 * with the caller's openid in `x-wx-openid`), and reads the quota meters of that one invocation
 * (`GET /_emulator/quota?invocation=<x-invocation-id>`).
 */
import type { QuotaCounters } from '../emulator/src/quota/meters';

export interface FunctionCall<T = any> {
  /** What the function answered (the `{ok, ...}` envelope for this project's functions). */
  reply: T;
  /** The gateway's `x-invocation-id`. */
  invocationId: string;
}

export async function callFunction<T = any>(
  emu: { baseUrl: string },
  name: string,
  event: unknown,
  openid: string,
): Promise<FunctionCall<T>> {
  const res = await fetch(`${emu.baseUrl}/functions/${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ data: event }),
  });
  if (res.status !== 200) throw new Error(`gateway answered HTTP ${res.status}`);
  const body = (await res.json()) as { result?: T; errMsg?: string };
  if (!('result' in body)) throw new Error(`platform failure calling ${name}: ${body.errMsg}`);
  return { reply: body.result as T, invocationId: res.headers.get('x-invocation-id') ?? '' };
}

/** The quota counted for one invocation (its database reads and writes, storage calls, …). */
export async function quotaOf(emu: { baseUrl: string }, invocationId: string): Promise<QuotaCounters> {
  const res = await fetch(`${emu.baseUrl}/_emulator/quota?invocation=${encodeURIComponent(invocationId)}`);
  return (await res.json()) as QuotaCounters;
}
