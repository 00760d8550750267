/**
 * Name search: goods carry a normalised `searchText` (title + tags + spec values) and a keyword is normalised the
 * same way, split into words, and each word matched as a literal substring (its regex metacharacters escaped).
 * Whoever writes goods (seed, merchant back office) sets `searchText = goodsSearchText(goods)`.
 */
import type { GoodsDoc } from '../../typings/shop/catalogue';

/** Most words of a keyword that are matched (the rest are ignored). */
export const MAX_SEARCH_TERMS = 5;

/**
 * Unicode NFKC (full-width letters and digits become ASCII, e.g. `ＴＥＡ１` → `TEA1`), lower case, runs of
 * whitespace collapsed to one space, trimmed.
 */
export function normaliseSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The `searchText` of a goods document. */
export function goodsSearchText(goods: Pick<GoodsDoc, 'title' | 'tags' | 'specs'>): string {
  const parts = [goods.title, ...goods.tags, ...goods.specs.flatMap((s) => s.values)];
  return normaliseSearchText(parts.join(' '));
}

/** The distinct words of a keyword, normalised (at most MAX_SEARCH_TERMS; [] for a blank keyword). */
export function searchTerms(keyword: string): string[] {
  const words = normaliseSearchText(keyword).split(' ').filter(Boolean);
  return [...new Set(words)].slice(0, MAX_SEARCH_TERMS);
}

/** `a.b*` → `a\.b\*`: the text as a regular expression matching itself literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
