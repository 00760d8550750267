/**
 * ChartSpec → uCharts options (pure; no canvas). The chart component adds the canvas context and hands the result
 * to uCharts; the specs assert what this returns. Sizes are CSS pixels × pixel ratio, as uCharts wants on a
 * `<canvas type="2d">` whose width/height are set to the same canvas pixels.
 * Money stays in fen in the data (no float arithmetic on it); only the labels turn it into yuan.
 */
import type { UChartsItem, UChartsOptions, UChartsSeries, UChartsYAxis } from '../vendor/u-charts';
import { colourAt, PALETTE, type CategoryChartSpec, type ChartSpec, type FunnelChartSpec, type LabelledValue, type RingChartSpec, type ValueUnit } from './chart-spec';
import { countText, rateText, yuanShort, yuanText } from './labels';

/** The options minus the drawing context (what the component adds). */
export type DrawOptions = Omit<UChartsOptions, 'context'>;

export interface CanvasSize {
  /** CSS pixels of the canvas element. */
  width: number;
  height: number;
  pixelRatio: number;
}

/** A value as a label (`¥12.30`, `1,234`, `12.5%`). */
export function valueText(unit: ValueUnit, value: number): string {
  if (unit === 'fen') return yuanText(value);
  if (unit === 'rate') return rateText(value);
  return countText(value);
}

/** A value on an axis (short: `¥1.2万`, `1.2万`, `40%`). */
export function axisText(unit: ValueUnit, value: number): string {
  if (unit === 'fen') return yuanShort(value);
  if (unit === 'rate') return rateText(value, 0);
  return countText(Math.round(value));
}

function base(size: CanvasSize) {
  const pr = size.pixelRatio > 0 ? size.pixelRatio : 1;
  return {
    width: Math.round(size.width * pr),
    height: Math.round(size.height * pr),
    pixelRatio: pr,
    canvas2d: true,
    animation: false,
    background: '#FFFFFF',
    color: [...PALETTE],
    fontSize: 11,
  };
}

/** Grid steps of the value axis. */
const SPLITS = 4;

/** The smallest whole 1, 2, 2.5, 5 × 10^k that is at least `raw`: a grid step a person reads at a glance. */
export function niceStep(raw: number): number {
  let step = 1;
  for (;;) {
    for (const m of [1, 2, 2.5, 5]) if (Number.isInteger(m * step) && m * step >= raw) return m * step;
    step *= 10;
  }
}

function categoryOptions(spec: CategoryChartSpec, size: CanvasSize): DrawOptions {
  const units = [...new Set(spec.series.map((s) => s.unit))].slice(0, 2);
  const many = spec.categories.length > 8;
  const yAxes: UChartsYAxis[] = units.map((unit, i) => {
    const top = Math.max(0, ...spec.series.filter((s) => s.unit === unit).flatMap((s) => s.values.map((v) => v ?? 0)));
    // counts: 4 grid steps of a round whole size (1, 2, 5, 10, 20, 50…): ticks 0 50 100 150 200, never `1, 1, 2`
    const max = unit === 'count' ? SPLITS * niceStep(top / SPLITS) : undefined;
    return { position: i === 0 ? 'left' : 'right', min: 0, ...(max !== undefined ? { max } : {}), formatter: (v: number) => axisText(unit, v) };
  });
  const series: UChartsSeries[] = spec.series.map((s, i) => ({
    name: s.name,
    data: s.values.map((v) => (v === null ? null : v)),
    color: colourAt(i),
    index: Math.max(0, units.indexOf(s.unit)),
    formatter: (v: number) => valueText(s.unit, v),
  }));
  return {
    ...base(size),
    type: spec.kind,
    padding: [12, 12, 4, 4],
    categories: [...spec.categories],
    series,
    dataLabel: !many,
    dataPointShape: spec.categories.length <= 15,
    legend: { show: false },
    xAxis: {
      disableGrid: true,
      ...(many ? { labelCount: 6 } : {}),
      boundaryGap: spec.kind === 'column' ? 'center' : 'justify',
      rotateLabel: spec.kind === 'column' && spec.categories.length > 6,
      fontSize: 10,
    },
    yAxis: { gridType: 'dash', splitNumber: SPLITS, data: yAxes },
    extra: spec.kind === 'line' ? { line: { type: 'straight', width: 2 } } : { column: { type: 'group', seriesGap: 2, categoryGap: 6, barBorderRadius: [3, 3, 0, 0] } },
  };
}

/** Items with their label (`访问 6`); notes stay in the legend, where there is room; zero slices get no label. */
function labelled(unit: ValueUnit, items: LabelledValue[]): UChartsItem[] {
  return items.map((it, i) => ({
    name: it.name,
    value: it.value,
    color: colourAt(i),
    labelText: `${it.name} ${valueText(unit, it.value)}`,
    ...(it.value === 0 ? { labelShow: false } : {}),
  }));
}

function funnelOptions(spec: FunnelChartSpec, size: CanvasSize): DrawOptions {
  return {
    ...base(size),
    type: 'funnel',
    padding: [12, 12, 12, 12],
    series: [{ name: '漏斗', data: labelled(spec.unit, spec.steps) }],
    dataLabel: true,
    legend: { show: false },
    extra: { funnel: { type: 'funnel', labelAlign: 'right', border: true, borderWidth: 1, borderColor: '#FFFFFF', activeWidth: 6, minSize: 12 } },
  };
}

function ringOptions(spec: RingChartSpec, size: CanvasSize): DrawOptions {
  return {
    ...base(size),
    type: 'ring',
    padding: [8, 8, 8, 8],
    series: [{ name: '构成', data: labelled(spec.unit, spec.slices) }],
    // labels beside a ring run off a phone's edge; the legend under the canvas has every name and value
    dataLabel: false,
    legend: { show: false },
    ...(spec.centre
      ? { title: { name: spec.centre.title, fontSize: 18, color: '#1f1f1f' }, subtitle: { name: spec.centre.subtitle, fontSize: 11, color: '#8a8a8a' } }
      : {}),
    extra: { ring: { ringWidth: 22, activeOpacity: 0.5, activeRadius: 6, offsetAngle: -90, labelWidth: 12, border: true, borderWidth: 2, borderColor: '#FFFFFF' } },
  };
}

export function toUChartsOptions(spec: ChartSpec, size: CanvasSize): DrawOptions {
  switch (spec.kind) {
    case 'line':
    case 'column':
      return categoryOptions(spec, size);
    case 'funnel':
      return funnelOptions(spec, size);
    case 'ring':
      return ringOptions(spec, size);
  }
}

/** Whether the chart has anything to draw (no categories / all values zero or null → show an empty note instead). */
export function hasData(spec: ChartSpec | null | undefined): boolean {
  if (!spec) return false;
  if (spec.kind === 'funnel') return spec.steps.some((s) => s.value > 0);
  if (spec.kind === 'ring') return spec.slices.some((s) => s.value > 0);
  return spec.categories.length > 0 && spec.series.some((s) => s.values.some((v) => v !== null && v !== 0));
}

/** The legend the component renders under the canvas (so the data is readable even where nothing was drawn). */
export interface LegendItem {
  name: string;
  colour: string;
  /** Line/column: the sum over the categories (empty for rates) or the last value; funnel/ring: the value. */
  value: string;
}

export function legendOf(spec: ChartSpec): LegendItem[] {
  if (spec.kind === 'funnel') return spec.steps.map((s, i) => ({ name: s.name, colour: colourAt(i), value: `${valueText(spec.unit, s.value)}${s.note ? ` ${s.note}` : ''}` }));
  if (spec.kind === 'ring') return spec.slices.map((s, i) => ({ name: s.name, colour: colourAt(i), value: valueText(spec.unit, s.value) }));
  return spec.series.map((s, i) => {
    if (spec.legendValue === 'none') return { name: s.name, colour: colourAt(i), value: '' };
    if (spec.legendValue === 'last') {
      const last = [...s.values].reverse().find((v): v is number => v !== null);
      return { name: s.name, colour: colourAt(i), value: last === undefined ? '' : `最新 ${valueText(s.unit, last)}` };
    }
    const value = s.unit === 'rate' ? '' : `合计 ${valueText(s.unit, s.values.reduce<number>((sum, v) => sum + (v ?? 0), 0))}`;
    return { name: s.name, colour: colourAt(i), value };
  });
}
