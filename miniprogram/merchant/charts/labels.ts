/**
 * Text of the numbers the dashboard shows (pure): money from integer fen with integer arithmetic only (no float
 * error ever shows up as `¥0.30000000000000004`), counts, rates as percentages, change against the previous period
 * with ↑/↓, and short labels of shop days / weeks / months / quarters (the keys are already in shop time).
 */

const DASH = '—';

/** `12,345` (n is rounded to a whole number first). */
export function groupThousands(n: number): string {
  const whole = Math.round(Math.abs(n));
  const text = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 && whole !== 0 ? `-${text}` : text;
}

/** `¥12,345.60` from fen. */
export function yuanText(fen: number): string {
  const f = Math.round(fen);
  const abs = Math.abs(f);
  return `${f < 0 ? '-' : ''}¥${groupThousands(Math.floor(abs / 100))}.${String(abs % 100).padStart(2, '0')}`;
}

/** Tenths of `value / unit`, as text without a trailing `.0` (`12`, `12.5`). */
function tenths(value: number, unit: number): string {
  const t = Math.round(Math.abs(value) / (unit / 10));
  return `${Math.floor(t / 10)}${t % 10 ? `.${t % 10}` : ''}`;
}

/** Short money for axes and cards: `¥0`, `¥12.5`, `¥1,234`, `¥1.2万` (from ¥10,000), `¥3.4亿`. */
export function yuanShort(fen: number): string {
  const f = Math.round(fen);
  const sign = f < 0 ? '-' : '';
  const abs = Math.abs(f);
  if (abs >= 10_000_000_000) return `${sign}¥${tenths(abs, 10_000_000_000)}亿`;
  if (abs >= 1_000_000) return `${sign}¥${tenths(abs, 1_000_000)}万`;
  if (abs >= 100_000) return `${sign}¥${groupThousands(Math.round(abs / 100))}`;
  const cents = abs % 100;
  const decimals = cents === 0 ? '' : cents % 10 === 0 ? `.${cents / 10}` : `.${String(cents).padStart(2, '0')}`;
  return `${sign}¥${Math.floor(abs / 100)}${decimals}`;
}

/** `1,234`, `1.2万` from 10,000. */
export function countText(n: number): string {
  if (Math.abs(n) >= 10_000) return `${n < 0 ? '-' : ''}${tenths(n, 10_000)}万`;
  return groupThousands(n);
}

/** `12.5%` (one decimal by default; `—` for null / not a number). */
export function rateText(rate: number | null | undefined, decimals: 0 | 1 | 2 = 1): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return DASH;
  const scale = 10 ** decimals;
  const units = Math.round(Math.abs(rate) * 100 * scale);
  const whole = Math.floor(units / scale);
  const frac = decimals ? `.${String(units % scale).padStart(decimals, '0')}` : '';
  return `${rate < 0 && units !== 0 ? '-' : ''}${whole}${frac}%`;
}

export type Trend = 'up' | 'down' | 'flat' | 'none';

export interface ChangeView {
  /** `↑12.5%`, `↓3.0%`, `持平`, or `—` when there is nothing to compare with (previous period was 0). */
  text: string;
  trend: Trend;
}

/** A relative change (current − previous) ÷ previous, or null when the previous value was 0. */
export function changeView(change: number | null | undefined): ChangeView {
  if (change === null || change === undefined || !Number.isFinite(change)) return { text: DASH, trend: 'none' };
  if (Math.round(Math.abs(change) * 1000) === 0) return { text: '持平', trend: 'flat' };
  return change > 0 ? { text: `↑${rateText(change)}`, trend: 'up' } : { text: `↓${rateText(-change)}`, trend: 'down' };
}

/** The change of `current` against `previous` (null when previous is 0). */
export function relativeChange(current: number, previous: number): number | null {
  return previous === 0 ? null : (current - previous) / previous;
}

/** `2026-03-31` → `03-31`; `2026-W14` → `W14`; `2026-03` → `3月`; `2026-Q1` → `Q1`. Anything else unchanged. */
export function periodLabel(key: string): string {
  let m = /^\d{4}-(\d{2})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}-${m[2]}`;
  m = /^\d{4}-(W\d{2}|Q[1-4])$/.exec(key);
  if (m) return m[1];
  m = /^\d{4}-(\d{2})$/.exec(key);
  if (m) return `${Number(m[1])}月`;
  return key;
}

/** `2026-03-31` → `3月31日`; `2026-W14` → `2026年第14周`; `2026-03` → `2026年3月`; `2026-Q1` → `2026年第1季度`. */
export function periodTitle(key: string): string {
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (m) return `${Number(m[2])}月${Number(m[3])}日`;
  m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (m) return `${m[1]}年第${Number(m[2])}周`;
  m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return `${m[1]}年${Number(m[2])}月`;
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return `${m[1]}年第${m[2]}季度`;
  return key;
}
