import path from 'node:path';
import type { EmulatorContext } from '../core/context';
import { sendJson, type Route } from '../core/http';
import { newId } from '../core/ids';
import type { EmulatorService, StatusSection } from '../core/service';
import { escapeHtml, htmlTable } from '../status/page';
import { JsonLinesJournal } from './journal';

/**
 * One outgoing, message-like call the app made: an openapi call (subscribe message, customer-service message,
 * QR code…) or a payment callback the pay service delivered. Failed calls are recorded too, with their errCode.
 */
export interface OutboxEntry {
  id: string;
  /** Emulator clock time (ms). */
  at: number;
  /** `openapi`, `pay-callback`, … */
  kind: string;
  /** e.g. `subscribeMessage.send`. */
  api: string;
  /** The user the message is for (touser), when there is one. */
  openid?: string;
  /** The invocation that made the call, when known. */
  invocationId?: string;
  request: unknown;
  response: unknown;
  /** 0 on success, otherwise the error code the caller saw. */
  errCode: number;
}

export type OutboxRecord = Omit<OutboxEntry, 'id' | 'at'> & { at?: number };

export interface OutboxFilter {
  kind?: string;
  api?: string;
  /** Same as `openid`: the recipient. */
  touser?: string;
  openid?: string;
  /** Only entries at or after this clock time. */
  since?: number;
  /** Only successful (`true`) or failed (`false`) calls. */
  ok?: boolean;
}

export type OutboxListener = (entry: OutboxEntry) => void;

const STATUS_ROWS = 30;

/** Service `outbox`: the record of everything the app "sent" to users or third parties. */
export class OutboxService implements EmulatorService {
  readonly name = 'outbox';
  private entries: OutboxEntry[] = [];
  private listeners: OutboxListener[] = [];
  private readonly journal: JsonLinesJournal<OutboxEntry> | null;

  constructor(private readonly ctx: EmulatorContext) {
    const dir = ctx.options.dataDir;
    this.journal = dir ? new JsonLinesJournal<OutboxEntry>(path.join(dir, 'outbox.jsonl')) : null;
  }

  async start(): Promise<void> {
    if (this.journal) this.entries = this.journal.readAll();
  }

  /** Appends an entry (stamped with an id and the emulator clock) and returns it. */
  record(rec: OutboxRecord): OutboxEntry {
    const entry: OutboxEntry = {
      id: newId(),
      at: rec.at ?? this.ctx.clock.now(),
      kind: rec.kind,
      api: rec.api,
      ...(rec.openid !== undefined ? { openid: rec.openid } : {}),
      ...(rec.invocationId !== undefined ? { invocationId: rec.invocationId } : {}),
      request: rec.request,
      response: rec.response,
      errCode: rec.errCode,
    };
    this.entries.push(entry);
    this.journal?.append(entry);
    for (const l of this.listeners) {
      try {
        l(entry);
      } catch {
        /* a listener's failure is not the sender's */
      }
    }
    return entry;
  }

  /** Entries matching the filter, oldest first. */
  list(filter: OutboxFilter = {}): OutboxEntry[] {
    const who = filter.touser ?? filter.openid;
    return this.entries.filter(
      (e) =>
        (filter.kind === undefined || e.kind === filter.kind) &&
        (filter.api === undefined || e.api === filter.api) &&
        (who === undefined || e.openid === who) &&
        (filter.since === undefined || e.at >= filter.since) &&
        (filter.ok === undefined || (e.errCode === 0) === filter.ok),
    );
  }

  clear(): void {
    this.entries = [];
    this.journal?.truncate();
  }

  /** Calls `l` for every new entry; returns the unsubscribe function. */
  onRecord(l: OutboxListener): () => void {
    this.listeners.push(l);
    return () => {
      this.listeners = this.listeners.filter((x) => x !== l);
    };
  }

  async reset(): Promise<void> {
    this.clear();
  }

  routes(): Route[] {
    return [
      {
        method: 'GET',
        path: '/_emulator/outbox',
        handler: ({ res, url }) => {
          const q = url.searchParams;
          const ok = q.get('ok');
          const since = q.get('since');
          const filter: OutboxFilter = {
            kind: q.get('kind') || undefined,
            api: q.get('api') || undefined,
            touser: q.get('touser') || q.get('openid') || undefined,
            since: since ? Number(since) : undefined,
            ok: ok === null || ok === '' ? undefined : ok === 'true' || ok === '1',
          };
          sendJson(res, 200, { entries: this.list(filter) });
        },
      },
      {
        method: 'DELETE',
        path: '/_emulator/outbox',
        handler: ({ res }) => {
          this.clear();
          sendJson(res, 200, { ok: true });
        },
      },
    ];
  }

  status(): StatusSection[] {
    const recent = this.entries.slice(-STATUS_ROWS).reverse();
    const rows = recent.map((e) => [
      escapeHtml(new Date(e.at).toISOString()),
      escapeHtml(e.kind),
      `<code>${escapeHtml(e.api)}</code>`,
      escapeHtml(e.openid ?? ''),
      e.errCode === 0 ? '<span class="ok">0</span>' : `<span class="err">${escapeHtml(e.errCode)}</span>`,
      `<pre>${escapeHtml(JSON.stringify(e.request))}</pre>`,
    ]);
    const more = this.entries.length > STATUS_ROWS ? `<p class="muted">${this.entries.length} entries in total; <a href="/_emulator/outbox">all as JSON</a></p>` : '';
    return [{ title: 'Outbox', html: htmlTable(['at', 'kind', 'api', 'to', 'errCode', 'request'], rows) + more }];
  }
}

export const outboxService = (ctx: EmulatorContext): OutboxService => new OutboxService(ctx);
