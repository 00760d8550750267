/** Money, counts, rates, changes and period labels of the dashboard, written without float errors. */
import fc from 'fast-check';
import { changeView, countText, groupThousands, periodLabel, periodTitle, rateText, relativeChange, yuanShort, yuanText } from './labels';

it('writes fen as yuan exactly, whatever the amount', () => {
  expect(yuanText(0)).toBe('¥0.00');
  expect(yuanText(30)).toBe('¥0.30');
  expect(yuanText(123456789)).toBe('¥1,234,567.89');
  expect(yuanText(-1505)).toBe('-¥15.05');
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 10 ** 12 }), (fen) => {
      const text = yuanText(fen);
      expect(text).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/);
      expect(Number(text.slice(1).replace(/,/g, '').replace('.', ''))).toBe(fen);
    }),
  );
});

it('writes short money for axes and cards', () => {
  expect(yuanShort(0)).toBe('¥0');
  expect(yuanShort(1250)).toBe('¥12.5');
  expect(yuanShort(1205)).toBe('¥12.05');
  expect(yuanShort(123456)).toBe('¥1,235');
  expect(yuanShort(1_000_000)).toBe('¥1万');
  expect(yuanShort(1_234_567)).toBe('¥1.2万');
  expect(yuanShort(30_000_000_000)).toBe('¥3亿');
  // a float tick from the chart library still gives a clean label
  expect(yuanShort(0.1 + 0.2)).toBe('¥0');
  expect(yuanShort(3000.0000000004)).toBe('¥30');
});

it('writes counts and rates', () => {
  expect(groupThousands(1234567)).toBe('1,234,567');
  expect(countText(9999)).toBe('9,999');
  expect(countText(12_345)).toBe('1.2万');
  expect(rateText(0.125)).toBe('12.5%');
  expect(rateText(1 / 3)).toBe('33.3%');
  expect(rateText(0.145)).toBe('14.5%');
  expect(rateText(2 / 3, 0)).toBe('67%');
  expect(rateText(0.07, 2)).toBe('7.00%');
  expect(rateText(null)).toBe('—');
  expect(rateText(Number.NaN)).toBe('—');
});

it('shows changes with an arrow, and a dash when there is nothing to compare with', () => {
  expect(changeView(0.125)).toEqual({ text: '↑12.5%', trend: 'up' });
  expect(changeView(-0.5)).toEqual({ text: '↓50.0%', trend: 'down' });
  expect(changeView(0)).toEqual({ text: '持平', trend: 'flat' });
  expect(changeView(0.0004)).toEqual({ text: '持平', trend: 'flat' });
  expect(changeView(null)).toEqual({ text: '—', trend: 'none' });
  expect(relativeChange(15, 10)).toBe(0.5);
  expect(relativeChange(3, 0)).toBeNull();
});

it('labels shop periods by their keys', () => {
  expect(periodLabel('2026-03-31')).toBe('03-31');
  expect(periodLabel('2026-W14')).toBe('W14');
  expect(periodLabel('2026-03')).toBe('3月');
  expect(periodLabel('2026-Q1')).toBe('Q1');
  expect(periodTitle('2026-03-01')).toBe('3月1日');
  expect(periodTitle('2026-W02')).toBe('2026年第2周');
  expect(periodTitle('2026-11')).toBe('2026年11月');
  expect(periodTitle('2026-Q4')).toBe('2026年第4季度');
});
