import type { EpochMs, OpenId } from './common';

/**
 * How a customer arrived. Derived from the mini-program launch scene number (see server/domain/attribution.ts for
 * the scene → channel table):
 * - `qr`: scanned / long-pressed / album-picked a QR code, mini-program code or barcode
 * - `share`: a mini-program card or link shared in a chat, a group, or from an app
 * - `search`: WeChat search results
 * - `official_account`: official-account menu, article, template message or conversation
 * - `direct`: the customer opened it themselves (recent / my mini-programs, desktop icon, floating window)
 * - `other`: anything else (ads, payment pages, other mini-programs, unknown scenes)
 */
export type TouchChannel = 'qr' | 'share' | 'search' | 'official_account' | 'direct' | 'other';

/** One recorded arrival ("touch") of a customer. */
export interface Touch {
  at: EpochMs;
  /** WeChat launch scene number, e.g. 1047 (scanned a mini-program code). 1000 when unknown. */
  scene: number;
  channel: TouchChannel;
  /** Store id (a shop with several counters / branches). */
  store?: string;
  /** Table number or label, for dine-in style QR codes on tables. */
  table?: string;
  /** Id of the printed QR code / mini-program code that was scanned (the shop's own QR registry). */
  qr?: string;
  /** Short referral code of the customer who shared (resolved to an openid by the handler, never an openid itself). */
  referrer?: string;
  /** Free campaign tag, e.g. `poster`, `flyer-0601`. */
  campaign?: string;
}

/** What the mini-program reports about its launch (`wx.getLaunchOptionsSync()` / `App.onShow` options). */
export interface LaunchInfo {
  scene: number;
  query?: Record<string, string | undefined>;
}

/** `users` collection. `_id` is the openid. */
export interface UserDoc {
  _id: OpenId;
  createdAt: EpochMs;
  /** The very first arrival; never overwritten. */
  firstTouch: Touch;
  /** The latest *informative* arrival (see mergeTouch in server/domain/attribution.ts). */
  lastTouch: Touch;
  nickname?: string;
  avatarFileId?: string;
}
