/**
 * Sorts a batch of client events into those to keep and those refused, each refusal with its index and reason,
 * so a bad event never costs the good ones of the same batch. Pure: the receive time is passed in.
 *
 * Reasons:
 * - `forged`: claims a server event (paid / refunded / completed) or sets a server-only field (openid, amountFen, …);
 * - `oversized`: the event's JSON is over MAX_EVENT_BYTES, or it is beyond the first MAX_BATCH_EVENTS of the batch;
 * - `malformed`: not an object, unknown type, or a field failing the schema (the detail names it);
 * - `stale` / `future`: its time is more than MAX_AGE_MS (2 days) before, or MAX_SKEW_MS after, the receive time.
 */
import type { AnalyticsEvent } from '../../../typings/shop/analytics';
import type { EpochMs, OpenId } from '../../../typings/shop/common';
import { describeIssues } from '../../lib/validation';
import { clientEventSchema, SERVER_EVENT_TYPES, SERVER_ONLY_FIELDS, type ClientEvent } from './event-schema';

export const MAX_BATCH_EVENTS = 50;
export const MAX_EVENT_BYTES = 2048;
/**
 * Events queued offline are kept for up to 2 days: with the nightly rollup re-rolling the last 3 shop days
 * (rollup/rollup-job.ts NIGHTLY_DAYS), every accepted event's day is rolled up again after it arrived.
 */
export const MAX_AGE_MS = 2 * 86_400_000;
/** Device clocks may run a little fast. */
export const MAX_SKEW_MS = 10 * 60_000;

export type RefusalReason = 'forged' | 'oversized' | 'malformed' | 'stale' | 'future';

export interface Refusal {
  index: number;
  reason: RefusalReason;
  detail: string;
}

export interface SortedBatch {
  accepted: ClientEvent[];
  refused: Refusal[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function byteLength(v: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(v) ?? '', 'utf8');
  } catch {
    return Infinity;
  }
}

export function sortBatch(events: readonly unknown[], receivedAt: EpochMs): SortedBatch {
  const accepted: ClientEvent[] = [];
  const refused: Refusal[] = [];
  events.forEach((raw, index) => {
    const refuse = (reason: RefusalReason, detail: string) => refused.push({ index, reason, detail });
    if (index >= MAX_BATCH_EVENTS) return refuse('oversized', `a batch keeps at most ${MAX_BATCH_EVENTS} events`);
    if (!isRecord(raw)) return refuse('malformed', 'an event is an object');
    if (typeof raw.type === 'string' && (SERVER_EVENT_TYPES as readonly string[]).includes(raw.type)) {
      return refuse('forged', `"${raw.type}" is recorded by the server only`);
    }
    const serverField = SERVER_ONLY_FIELDS.find((f) => Object.prototype.hasOwnProperty.call(raw, f));
    if (serverField) return refuse('forged', `"${serverField}" is set by the server only`);
    if (byteLength(raw) > MAX_EVENT_BYTES) return refuse('oversized', `an event is at most ${MAX_EVENT_BYTES} bytes of JSON`);
    const parsed = clientEventSchema.safeParse(raw);
    if (!parsed.success) return refuse('malformed', describeIssues(parsed.error));
    const event = parsed.data;
    if (event.at < receivedAt - MAX_AGE_MS) return refuse('stale', 'older than 2 days');
    if (event.at > receivedAt + MAX_SKEW_MS) return refuse('future', 'in the future');
    accepted.push(event);
  });
  return { accepted, refused };
}

/** The stored document of an accepted event: the caller's openid and the receive time added. */
export function toStoredEvent(event: ClientEvent, openid: OpenId, receivedAt: EpochMs): AnalyticsEvent {
  return { ...event, openid, receivedAt };
}
