/**
 * Where customers come from: parse a mini-program launch (scene number + query) into a Touch, and merge touches
 * into a user's first/last touch.
 *
 * Parameters travel in one compact format everywhere (`s=1&t=5&c=poster&r=ab12`):
 *   s = store, t = table, k = QR code id, r = referrer short code, c = campaign tag
 * (`q` and `scene` are not used as keys: WeChat itself puts the ordinary-QR link in `q` and the code scene in `scene`.)
 * Values are 1–32 characters of [0-9A-Za-z_.~-]. They are read from, in order of precedence:
 *   1. `query.scene` — the `scene` of an unlimited mini-program code (wxacode.getUnlimited; ≤ 32 characters,
 *      percent-encoded by WeChat, so decodeURIComponent first)
 *   2. `query.q` — the percent-encoded URL of an ordinary QR code linked to the mini-program (its query string)
 *   3. the page query itself — share paths such as `pages/index/index?r=ab12&c=share`
 * Unknown keys and invalid values are ignored; parsing never throws.
 */
import type { LaunchInfo, Touch, TouchChannel } from '../../typings/shop/attribution';
import type { EpochMs } from '../../typings/shop/common';

/** Scene numbers → channel. Scenes not listed are `other` (ads, payment pages, other mini-programs, …). */
export const SCENE_CHANNELS: Readonly<Record<number, TouchChannel>> = {
  // QR codes, mini-program codes, barcodes: scan, long-press, pick from album
  1011: 'qr', 1012: 'qr', 1013: 'qr', 1025: 'qr', 1031: 'qr', 1032: 'qr', 1047: 'qr', 1048: 'qr', 1049: 'qr',
  // shared cards: single chat, group chat, shareTicket card, app share, chat history
  1007: 'share', 1008: 'share', 1036: 'share', 1044: 'share', 1096: 'share',
  // search: WeChat top search, mini-program search, "used" list in search, add-friend search, Search (搜一搜), quick entry
  1005: 'search', 1006: 'search', 1027: 'search', 1042: 'search', 1053: 'search', 1054: 'search',
  // official account: profile list, menu, template message, article, conversation card / text link, goods card, profile preview
  1020: 'official_account', 1035: 'official_account', 1043: 'official_account', 1058: 'official_account',
  1074: 'official_account', 1082: 'official_account', 1091: 'official_account', 1102: 'official_account',
  // opened directly: recent list, desktop icon, chat pull-down, long-press history, my mini-programs, floating window
  1001: 'direct', 1023: 'direct', 1089: 'direct', 1090: 'direct', 1103: 'direct', 1104: 'direct', 1131: 'direct',
};

/** The scene number WeChat uses for "other". */
export const UNKNOWN_SCENE = 1000;

export function channelForScene(scene: number): TouchChannel {
  return SCENE_CHANNELS[scene] ?? 'other';
}

/** Touch parameters carried by codes and links. */
export interface TouchParams {
  store?: string;
  table?: string;
  qr?: string;
  referrer?: string;
  campaign?: string;
}

/** Compact key of each parameter, in encoding order. */
export const PARAM_KEYS: ReadonlyArray<readonly [keyof TouchParams, string]> = [
  ['store', 's'],
  ['table', 't'],
  ['qr', 'k'],
  ['referrer', 'r'],
  ['campaign', 'c'],
];

/** Maximum length of a wxacode scene string. */
export const MAX_WXACODE_SCENE_LENGTH = 32;

const VALUE_PATTERN = /^[0-9A-Za-z_.~-]{1,32}$/;

/**
 * The `scene` string for wxacode.getUnlimited, e.g. `{store:'1', table:'5', campaign:'poster'}` → `s=1&t=5&c=poster`.
 * Throws when a value has characters outside [0-9A-Za-z_.~-] or the result exceeds 32 characters.
 */
export function encodeCompactParams(params: TouchParams): string {
  const parts: string[] = [];
  for (const [field, key] of PARAM_KEYS) {
    const value = params[field];
    if (value === undefined || value === '') continue;
    if (!VALUE_PATTERN.test(value)) throw new RangeError(`${field} "${value}" must be 1–32 characters of [0-9A-Za-z_.~-]`);
    parts.push(`${key}=${value}`);
  }
  const scene = parts.join('&');
  if (scene.length > MAX_WXACODE_SCENE_LENGTH) {
    throw new RangeError(`scene "${scene}" is ${scene.length} characters; a mini-program code allows ${MAX_WXACODE_SCENE_LENGTH}`);
  }
  return scene;
}

/** Reads `s=1&t=5&...` (unknown keys and invalid values ignored; the first occurrence of a key wins). */
export function decodeCompactParams(text: string): TouchParams {
  const params: TouchParams = {};
  for (const pair of text.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const entry = PARAM_KEYS.find(([, k]) => k === key);
    if (!entry || !VALUE_PATTERN.test(value) || params[entry[0]] !== undefined) continue;
    params[entry[0]] = value;
  }
  return params;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

function paramsFromQuery(query: Record<string, string | undefined>): TouchParams {
  const pairs: string[] = [];
  for (const [, key] of PARAM_KEYS) {
    const value = query[key];
    if (typeof value === 'string') pairs.push(`${key}=${value}`);
  }
  return decodeCompactParams(pairs.join('&'));
}

/** The touch parameters of a launch query (see the module comment for sources and precedence). */
export function launchParams(query: Record<string, string | undefined> | undefined): TouchParams {
  if (!query || typeof query !== 'object') return {};
  const sources: TouchParams[] = [];
  if (typeof query.scene === 'string') {
    const decoded = safeDecode(query.scene);
    if (decoded !== null) sources.push(decodeCompactParams(decoded));
  }
  if (typeof query.q === 'string') {
    const url = safeDecode(query.q);
    const qs = url !== null && url.includes('?') ? url.slice(url.indexOf('?') + 1).split('#')[0] : '';
    const decodedPairs = qs
      .split('&')
      .map((pair) => {
        const eq = pair.indexOf('=');
        if (eq <= 0) return null;
        const value = safeDecode(pair.slice(eq + 1));
        return value === null ? null : `${pair.slice(0, eq)}=${value}`;
      })
      .filter((p): p is string => p !== null);
    sources.push(decodeCompactParams(decodedPairs.join('&')));
  }
  sources.push(paramsFromQuery(query));
  const merged: TouchParams = {};
  for (const [field] of PARAM_KEYS) {
    const found = sources.find((s) => s[field] !== undefined);
    if (found) merged[field] = found[field];
  }
  return merged;
}

/** The Touch of a launch at time `at`. An invalid scene number becomes 1000 (other). */
export function parseLaunch(launch: LaunchInfo, at: EpochMs): Touch {
  const scene = Number.isSafeInteger(launch?.scene) && launch.scene > 0 ? launch.scene : UNKNOWN_SCENE;
  return { at, scene, channel: channelForScene(scene), ...launchParams(launch?.query) };
}

/**
 * A touch worth remembering as the latest source: it came through a marketing channel (qr, share, search,
 * official_account) or carries a parameter (store, table, qr, referrer, campaign).
 */
export function isInformativeTouch(touch: Touch): boolean {
  if (touch.channel !== 'direct' && touch.channel !== 'other') return true;
  return PARAM_KEYS.some(([field]) => touch[field] !== undefined);
}

/**
 * First/last-touch rule: the first touch is kept forever; the last touch is replaced by every informative touch
 * (a direct or unknown launch without parameters — reopening from the recent list — does not erase where the customer
 * came from). Without history, the touch becomes both. `changed` tells the handler whether to write.
 */
export function mergeTouch(
  existing: { firstTouch?: Touch; lastTouch?: Touch } | null | undefined,
  touch: Touch,
): { firstTouch: Touch; lastTouch: Touch; changed: boolean } {
  const firstTouch = existing?.firstTouch ?? touch;
  const lastTouch = !existing?.lastTouch || isInformativeTouch(touch) ? touch : existing.lastTouch;
  const changed = firstTouch !== existing?.firstTouch || lastTouch !== existing?.lastTouch;
  return { firstTouch, lastTouch, changed };
}
