import { randomBytes, randomUUID } from 'node:crypto';
import type { CallerIdentity, InvocationInfo } from '../core/contracts';

/** What the emulator remembers of one invocation (recent history, status page, quota lookups). */
export interface InvocationRecord extends InvocationInfo {
  /** The `wxCloudApiToken` (WX_API_TOKEN) handed to this invocation; never shown. */
  token: string;
  /** Also the SCF `request_id` and the `requestId` of the InvokeResult. */
  requestId: string;
  finished: boolean;
  finishedAtReal?: number;
  durationMs?: number;
  ok?: boolean;
  code?: string;
  message?: string;
  /** A short JSON preview of the result. */
  resultSummary?: string;
  logs: string;
}

const MAX_RECENT = 500;
const MAX_TOKENS = 20_000;
/** Finished invocations still resolve by token for this long (late or fire-and-forget SDK calls). */
const TOKEN_GRACE_MS = 10 * 60_000;
const MAX_LOG_CHARS = 8_000;
const MAX_SUMMARY_CHARS = 300;

/**
 * The invocations of this emulator: running ones by token (so an SDK request is attributed to the invocation that
 * made it), and a bounded history of recent ones.
 */
export class InvocationRegistry {
  private readonly byTokenMap = new Map<string, InvocationRecord>();
  private readonly recentList: InvocationRecord[] = [];

  begin(functionName: string, identity: CallerIdentity, startedAt: number): InvocationRecord {
    const id = randomUUID();
    const rec: InvocationRecord = {
      id,
      requestId: id,
      functionName,
      identity: { ...identity },
      startedAt,
      token: randomBytes(24).toString('hex'),
      finished: false,
      logs: '',
    };
    this.byTokenMap.set(rec.token, rec);
    if (this.byTokenMap.size > MAX_TOKENS) this.evictTokens();
    this.recentList.push(rec);
    if (this.recentList.length > MAX_RECENT) this.recentList.shift();
    return rec;
  }

  appendLog(rec: InvocationRecord, text: string): void {
    if (rec.logs.length >= MAX_LOG_CHARS) return;
    rec.logs = (rec.logs + text).slice(0, MAX_LOG_CHARS);
  }

  finish(rec: InvocationRecord, outcome: { ok: true; result: unknown } | { ok: false; code: string; message: string }, durationMs: number): void {
    rec.finished = true;
    rec.finishedAtReal = Date.now();
    rec.durationMs = Math.round(durationMs * 10) / 10;
    rec.ok = outcome.ok;
    if (outcome.ok) rec.resultSummary = summarize(outcome.result);
    else {
      rec.code = outcome.code;
      rec.message = outcome.message;
    }
  }

  byToken(token: string | undefined): InvocationRecord | undefined {
    if (!token) return undefined;
    const rec = this.byTokenMap.get(token);
    if (!rec) return undefined;
    if (rec.finished && rec.finishedAtReal !== undefined && Date.now() - rec.finishedAtReal > TOKEN_GRACE_MS) {
      this.byTokenMap.delete(token);
      return undefined;
    }
    return rec;
  }

  /** Newest first. */
  recent(limit = 50): InvocationRecord[] {
    return this.recentList.slice(-Math.max(0, limit)).reverse();
  }

  clear(): void {
    this.recentList.length = 0;
    for (const [t, r] of this.byTokenMap) if (r.finished) this.byTokenMap.delete(t);
  }

  private evictTokens(): void {
    const now = Date.now();
    for (const [t, r] of this.byTokenMap) {
      if (this.byTokenMap.size <= MAX_TOKENS * 0.9) break;
      if (r.finished && (r.finishedAtReal ?? 0) <= now) this.byTokenMap.delete(t);
    }
  }
}

function summarize(v: unknown): string {
  let s: string;
  try {
    s = JSON.stringify(v) ?? 'null';
  } catch {
    s = String(v);
  }
  return s.length > MAX_SUMMARY_CHARS ? `${s.slice(0, MAX_SUMMARY_CHARS)}…` : s;
}
