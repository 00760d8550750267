import fc from 'fast-check';
import { escapeRegExp, goodsSearchText, MAX_SEARCH_TERMS, normaliseSearchText, searchTerms } from './search-text';

describe('normaliseSearchText', () => {
  it('folds full-width characters and case, and collapses whitespace', () => {
    expect(normaliseSearchText('  ＬＡＴＴＥ　拿铁\t\n咖啡１ ')).toBe('latte 拿铁 咖啡1');
  });
});

describe('goodsSearchText', () => {
  it('joins title, tags and spec values, normalised', () => {
    expect(
      goodsSearchText({ title: 'Iced Latte', tags: ['推荐', 'NEW'], specs: [{ name: '杯型', values: ['中杯', '大杯'] }] }),
    ).toBe('iced latte 推荐 new 中杯 大杯');
  });
});

describe('searchTerms', () => {
  it('splits into distinct normalised words, at most MAX_SEARCH_TERMS', () => {
    expect(searchTerms(' 拿铁  Ｉced 拿铁 ')).toEqual(['拿铁', 'iced']);
    expect(searchTerms('   ')).toEqual([]);
    expect(searchTerms('a b c d e f g')).toHaveLength(MAX_SEARCH_TERMS);
  });
});

describe('escapeRegExp', () => {
  it('makes any text a regular expression that matches exactly that text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (before, text, after) => {
        const re = new RegExp(escapeRegExp(text), 'i');
        expect(re.test(`${before}${text}${after}`)).toBe(true);
        expect(new RegExp(`^${escapeRegExp(text)}$`).test(text)).toBe(true);
      }),
    );
    expect(new RegExp(escapeRegExp('.*')).test('abc')).toBe(false);
    expect(escapeRegExp('(限时)*[1]')).toBe('\\(限时\\)\\*\\[1\\]');
  });
});
