/**
 * The retention cohort table from `retention.cohorts` (pure): one row per cohort (its new users), one cell per
 * later day / week / month with the percentage and a colour whose intensity grows with the rate, like a heat map.
 * The intensity is relative to the best return rate of the table (retention of a few per cent is normal: on an
 * absolute scale every cell would look the same pale pink); the cohorts' own period (always 100%) is full colour.
 * Cells after today are empty; a cohort without new users shows `—` (no rate to speak of).
 */
import type { RetentionGrain, RetentionResult } from '../../../typings/api/analytics';
import { countText, periodLabel, rateText } from './labels';

export interface CohortCell {
  text: string;
  /** Inline style: background from the rate (brand red at rising opacity), white text on dark cells. */
  style: string;
  /** The users behind the rate (for a title / the test), null when not known yet. */
  users: number | null;
}

export interface CohortTableView {
  columns: string[];
  rows: Array<{ key: string; label: string; size: string; cells: CohortCell[] }>;
}

/** Background opacity for a rate: 0.06 (0) … 0.86 (`top`, the best rate of the table, or more), in steps of 0.01. */
export function cellAlpha(rate: number, top = 1): number {
  const clamped = top > 0 ? Math.min(1, Math.max(0, rate / top)) : 0;
  return Math.round(6 + clamped * 80) / 100;
}

/** A cohort without new users has no rate: its cells say so instead of a misleading 0%. */
const NO_COHORT: CohortCell = { text: '—', style: 'background: transparent; color: rgba(0, 0, 0, 0.3);', users: null };

export function cohortCell(rate: number | null, users: number | null, top = 1): CohortCell {
  if (rate === null) return { text: '', style: 'background: transparent;', users: null };
  const alpha = cellAlpha(rate, top);
  return { text: rateText(rate), style: `background: rgba(227, 77, 89, ${alpha}); color: ${alpha >= 0.5 ? '#ffffff' : '#1f1f1f'};`, users };
}

const COLUMN_PREFIX: Record<Exclude<RetentionGrain, 'day'>, [string, string]> = { week: ['当周', '周'], month: ['当月', '月'] };

/** The best return rate (later periods only; at least 1%, so a table of zeros stays pale). */
function topRate(rates: Array<number | null>): number {
  return Math.max(0.01, ...rates.filter((r): r is number => r !== null));
}

export function cohortTable(result: RetentionResult): CohortTableView {
  if (result.grain === 'day') {
    const top = topRate(result.rows.filter((r) => r.cohort > 0).flatMap((r) => [r.d1, r.d7, r.d30]));
    return {
      columns: ['次日', '7日', '30日'],
      rows: result.rows.map((r) => ({
        key: r.day,
        label: periodLabel(r.day),
        size: countText(r.cohort),
        cells: [cohortCell(r.d1, r.returned.d1, top), cohortCell(r.d7, r.returned.d7, top), cohortCell(r.d30, r.returned.d30, top)].map((c) =>
          r.cohort === 0 && c.text ? NO_COHORT : c,
        ),
      })),
    };
  }
  const [first, unit] = COLUMN_PREFIX[result.grain];
  const columns = Array.from({ length: result.columns }, (_, k) => (k === 0 ? first : `+${k}${unit}`));
  const top = topRate(result.rows.filter((r) => r.size > 0).flatMap((r) => r.rates.slice(1)));
  return {
    columns,
    rows: result.rows.map((r) => ({
      key: r.cohort,
      label: periodLabel(r.cohort),
      size: countText(r.size),
      cells: columns.map((_, k) => {
        const cell = cohortCell(r.rates[k] ?? null, r.retained[k] ?? null, k === 0 ? 1 : top);
        return r.size === 0 && cell.text ? NO_COHORT : cell;
      }),
    })),
  };
}
