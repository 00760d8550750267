import { randomBytes } from 'node:crypto';
import { WxApiError, requireOpenid, type OpenApiCall, type OpenApiResult } from './api';
import type { SecCheckWord } from './config';

/**
 * `security.msgSecCheck` against a word list (a text is risky when it contains a listed word).
 *
 * - v1 (no `version`, or 1): risky → errcode 87014 `risky content`; otherwise errcode 0.
 * - v2 (`version: 2`): needs `openid` (40003) and `scene` 1 profile, 2 comment, 3 forum, 4 social log (40129);
 *   always errcode 0 with `result: {suggest: 'risky'|'pass', label}`, `detail: [...]` and `trace_id`, as the
 *   real v2 answers. The emulator never answers `review`.
 */
export const MAX_V2_CONTENT_CHARS = 2500;
export const PASS_LABEL = 100;

export function findRiskyWord(text: string, words: SecCheckWord[]): SecCheckWord | undefined {
  return words.find((w) => w.word && text.includes(w.word));
}

export function msgSecCheck(words: () => SecCheckWord[], call: OpenApiCall): OpenApiResult {
  const d = call.data;
  const version = d.version === undefined ? 1 : Number(d.version);
  if (typeof d.content !== 'string') throw new WxApiError(47001, 'data format error: content must be a string');
  if (version !== 2) {
    const hit = findRiskyWord(d.content, words());
    if (hit) throw new WxApiError(87014, 'risky content');
    return { json: {} };
  }
  const openid = requireOpenid(d.openid);
  const scene = Number(d.scene);
  if (![1, 2, 3, 4].includes(scene)) throw new WxApiError(40129, 'invalid scene');
  if ([...d.content].length > MAX_V2_CONTENT_CHARS) throw new WxApiError(47001, `data format error: content is longer than ${MAX_V2_CONTENT_CHARS} characters`);
  const text = [d.content, d.title, d.nickname, d.signature].filter((x) => typeof x === 'string').join('\n');
  const hit = findRiskyWord(text, words());
  const suggest = hit ? 'risky' : 'pass';
  const label = hit ? hit.label : PASS_LABEL;
  return {
    openid,
    json: {
      result: { suggest, label },
      detail: [
        { strategy: 'content_model', errcode: 0, suggest, label, prob: hit ? 90 : 0 },
        hit
          ? { strategy: 'keyword', errcode: 0, suggest, label, level: 20, keyword: hit.word }
          : { strategy: 'keyword', errcode: 0, suggest: 'pass', label: PASS_LABEL },
      ],
      trace_id: `${Math.floor(call.now / 1000).toString(16)}-${randomBytes(6).toString('hex')}`,
    },
  };
}
