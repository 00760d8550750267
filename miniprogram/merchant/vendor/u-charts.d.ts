/**
 * Types of the part of uCharts (`@qiun/ucharts`, laid out next to this file as u-charts.js by
 * scripts/build-merchant-vendor.ts) the merchant charts use. Options follow uCharts 2.x; see its guide for the rest.
 */

/** What uCharts draws with: a canvas 2d context (it adds the old `setFillStyle`-style methods itself). */
export interface ChartContext {
  measureText(text: string): { width: number };
  [method: string]: unknown;
}

export type UChartsType = 'line' | 'area' | 'column' | 'bar' | 'funnel' | 'ring' | 'pie';

/** One series of a line / column / bar chart: values by category (null = no point). */
export interface UChartsSeries {
  name: string;
  data: Array<number | null>;
  color?: string;
  /** Which y axis (index into yAxis.data). */
  index?: number;
  /** Text of a value in labels and the tooltip. */
  formatter?: (value: number, index?: number) => string;
  type?: 'line' | 'column' | 'area';
  pointShape?: 'circle' | 'none';
  legendShape?: string;
}

/** One slice of a ring / pie or one step of a funnel. */
export interface UChartsItem {
  name: string;
  value: number;
  color?: string;
  /** Label text (uCharts passes the item back). */
  formatter?: (item: UChartsItem & { _proportion_?: number }, index?: number) => string;
  labelText?: string;
  labelShow?: boolean;
}

export interface UChartsYAxis {
  position?: 'left' | 'right';
  min?: number;
  max?: number;
  disabled?: boolean;
  title?: string;
  formatter?: (value: number, index?: number) => string;
  type?: 'value' | 'categories';
}

export interface UChartsOptions {
  type: UChartsType;
  context: ChartContext;
  /** Canvas pixels (CSS size × pixelRatio). */
  width: number;
  height: number;
  pixelRatio: number;
  canvas2d?: boolean;
  animation?: boolean;
  background?: string;
  color?: string[];
  fontSize?: number;
  padding?: [number, number, number, number];
  dataLabel?: boolean;
  dataPointShape?: boolean;
  enableScroll?: boolean;
  categories?: string[];
  series: Array<UChartsSeries | { data: UChartsItem[]; name?: string }>;
  legend?: { show?: boolean; position?: 'top' | 'bottom' | 'left' | 'right'; float?: 'left' | 'center' | 'right'; fontSize?: number };
  title?: { name?: string; fontSize?: number; color?: string };
  subtitle?: { name?: string; fontSize?: number; color?: string };
  xAxis?: {
    disabled?: boolean;
    disableGrid?: boolean;
    labelCount?: number;
    boundaryGap?: 'center' | 'justify';
    fontSize?: number;
    rotateLabel?: boolean;
    formatter?: (value: string, index?: number) => string;
  };
  yAxis?: { disabled?: boolean; disableGrid?: boolean; gridType?: 'solid' | 'dash'; splitNumber?: number; data?: UChartsYAxis[] };
  extra?: Record<string, unknown>;
}

export default class UCharts {
  constructor(opts: UChartsOptions);
  opts: UChartsOptions;
  updateData(data: Partial<UChartsOptions>): void;
  showToolTip(e: unknown, option?: Record<string, unknown>): void;
  touchLegend(e: unknown): void;
}
