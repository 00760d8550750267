/**
 * Shop-day arithmetic on the client (pure): day keys `YYYY-MM-DD`, today in the shop's time (UTC+8 unless the
 * server said otherwise: the dashboard takes its days from the server's answers wherever it has them), ranges.
 */

/** UTC+8 (Asia/Shanghai has had no daylight saving since 1991). */
export const SHOP_UTC_OFFSET_MINUTES = 480;

const pad = (n: number) => String(n).padStart(2, '0');

/** The shop day of an instant. */
export function dayKeyAt(ms: number, offsetMinutes = SHOP_UTC_OFFSET_MINUTES): string {
  const d = new Date(ms + offsetMinutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** `day` plus `n` days (n may be negative). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The last `days` shop days ending with `today` (inclusive). */
export function lastDays(today: string, days: number): { from: string; to: string } {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** `?today=YYYY-MM-DD` of a page's query (the dashboard passes the server's shop day), else today at UTC+8. */
export function shopTodayFrom(query: Record<string, string | undefined>, now = Date.now()): string {
  const today = query.today;
  return today && /^\d{4}-\d{2}-\d{2}$/.test(today) ? today : dayKeyAt(now);
}

/** Days from `a` to `b` (b − a; both day keys). */
export function daysBetween(a: string, b: string): number {
  const t = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number);
    return Date.UTC(y, m - 1, dd);
  };
  return Math.round((t(b) - t(a)) / 86_400_000);
}

/** The range choices of the trend pages (channels, funnel): the last 7 or 30 shop days. */
export const RECENT_RANGES = [
  { value: 7, label: '近 7 天' },
  { value: 30, label: '近 30 天' },
];

/** The days of a tapped range choice, or null where it is not one of RECENT_RANGES or is already `current`. */
export function pickedRange(value: unknown, current: number): number | null {
  const days = Number(value);
  return RECENT_RANGES.some((r) => r.value === days) && days !== current ? days : null;
}
