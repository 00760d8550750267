/**
 * What a merchant chart shows, independent of the chart library: typed series (counts, money in fen, rates) by
 * category, funnel steps, ring slices. Pages build these from report data (the other modules of this folder); the
 * chart component turns them into the library's options (uoptions.ts) and draws them.
 */

/** How values are written: counts (`1,234`), money in integer fen (`¥12.30`), rates 0–1 (`12.5%`). */
export type ValueUnit = 'count' | 'fen' | 'rate';

export interface SeriesSpec {
  name: string;
  /** One value per category; null = no data (a gap). */
  values: Array<number | null>;
  unit: ValueUnit;
}

/** Values by category (days, channels, …): a line or a column chart. */
export interface CategoryChartSpec {
  kind: 'line' | 'column';
  categories: string[];
  series: SeriesSpec[];
  /** What the legend says of each series: its sum over the categories (default; flows such as visits or GMV) or
   * its last value (stocks such as the customers in a segment, where a sum means nothing), or nothing (categories
   * of different kinds, e.g. visitors and orders side by side). */
  legendValue?: 'sum' | 'last' | 'none';
}

export interface LabelledValue {
  name: string;
  value: number;
  /** Extra text after the value in the label (e.g. the drop-off of a funnel step). */
  note?: string;
}

export interface FunnelChartSpec {
  kind: 'funnel';
  unit: ValueUnit;
  steps: LabelledValue[];
}

export interface RingChartSpec {
  kind: 'ring';
  unit: ValueUnit;
  slices: LabelledValue[];
  /** Text in the middle (e.g. the total) and under it. */
  centre?: { title: string; subtitle: string };
}

export type ChartSpec = CategoryChartSpec | FunnelChartSpec | RingChartSpec;

/** The colours of the series / slices, in order (TDesign's brand red first, then distinguishable hues). */
export const PALETTE = ['#e34d59', '#0052d9', '#00a870', '#ed7b2f', '#834ec2', '#029cd4', '#b5b5b5', '#d4a017'];

export const colourAt = (i: number): string => PALETTE[i % PALETTE.length];
