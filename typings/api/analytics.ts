/**
 * Contract of the `analytics` cloud function (server/analytics). `track.batch` stores the caller's tracked events:
 * each event is checked on its own, the valid ones are stored with the caller's openid (from the platform, never from
 * the event) and the others are refused with their index and reason, so a bad event never costs the good ones.
 * Server events (paid, refunded, completed) are written by the order functions and refused here as forged.
 */
import type { ActionSpec } from '../envelope';
import type { EpochMs } from '../shop/common';

interface EventBase {
  /** Device time of the event (ms). Accepted from 2 days before to 10 minutes after the server's time. */
  at: EpochMs;
  /** Random id of the launch session. */
  session?: string;
}

/** What the mini-program may send (the server's zod schema: server/analytics/tracking/event-schema.ts). */
export type TrackEventInput =
  | (EventBase & { type: 'page_view'; page: string })
  | (EventBase & { type: 'goods_view'; goodsId: string; page?: string })
  | (EventBase & { type: 'add_to_cart'; goodsId: string; skuId: string; quantity: number; page?: string })
  | (EventBase & { type: 'checkout_start'; page?: string })
  | (EventBase & { type: 'share'; target: 'chat' | 'group' | 'timeline' | 'poster' | 'other'; page?: string; goodsId?: string })
  | (EventBase & { type: 'search'; keyword: string; page?: string });

export interface TrackRefusal {
  /** Index of the event in the batch. */
  index: number;
  reason: 'forged' | 'oversized' | 'malformed' | 'stale' | 'future';
  detail: string;
}

export interface TrackBatchInput {
  /** 1–200 events; only the first 50 are considered, the rest are refused as oversized. */
  events: TrackEventInput[];
}

export interface TrackBatchResult {
  accepted: number;
  refused: TrackRefusal[];
}

export type AnalyticsActions = {
  'track.batch': ActionSpec<TrackBatchInput, TrackBatchResult>;
};
