// A chart of the back office (subpackage `merchant/` only): takes a typed ChartSpec (charts/chart-spec.ts), turns it
// into uCharts options with the pure charts/uoptions.ts and draws them on a `<canvas type="2d">` with uCharts
// (merchant/vendor/u-charts.js, laid out by the build). The legend under the canvas always shows the series and their
// values, so the data stays readable where nothing can be drawn: where there is no canvas node (page tests, old
// clients) the component computes the options (`this.options`) and stops before calling the library.
import type { ChartSpec } from '../../charts/chart-spec';
import { hasData, legendOf, toUChartsOptions, type CanvasSize, type DrawOptions, type LegendItem } from '../../charts/uoptions';
import UCharts, { type ChartContext } from '../../vendor/u-charts';

interface CanvasNode {
  width: number;
  height: number;
  getContext(kind: '2d'): ChartContext | null;
}

type ChartInstance = WechatMiniprogram.Component.Instance<
  { legend: LegendItem[]; empty: boolean; drawn: boolean },
  { spec: ObjectConstructor; height: NumberConstructor; emptyText: StringConstructor },
  { draw(): void; measureAndDraw(spec: ChartSpec, seq: number, guess: CanvasSize): void; onTouch(e: WechatMiniprogram.TouchEvent): void },
  []
> & { options?: DrawOptions; chart?: UCharts; drawSeq?: number };

/** Until the canvas is measured: a phone's width minus the page margins, at the property's height. */
function guessSize(heightRpx: number): CanvasSize {
  let width = 375;
  let pixelRatio = 2;
  try {
    const info = wx.getWindowInfo ? wx.getWindowInfo() : wx.getSystemInfoSync();
    if (info && info.windowWidth) width = info.windowWidth;
    if (info && info.pixelRatio) pixelRatio = info.pixelRatio;
  } catch {
    /* keep the guess */
  }
  return { width: width - 32, height: Math.round((heightRpx * width) / 750), pixelRatio };
}

Component({
  properties: {
    spec: { type: Object, value: null as unknown as Record<string, unknown> },
    /** Height of the canvas in rpx. */
    height: { type: Number, value: 440 },
    emptyText: { type: String, value: '暂无数据' },
  },
  data: {
    legend: [] as LegendItem[],
    empty: true,
    drawn: false,
  },
  observers: {
    spec() {
      (this as unknown as ChartInstance).draw();
    },
  },
  lifetimes: {
    ready() {
      (this as unknown as ChartInstance).draw();
    },
    detached() {
      const self = this as unknown as ChartInstance;
      self.chart = undefined;
    },
  },
  methods: {
    draw() {
      const self = this as unknown as ChartInstance;
      const spec = self.data.spec as unknown as ChartSpec | null;
      const seq = (self.drawSeq = (self.drawSeq ?? 0) + 1);
      if (!spec || !hasData(spec)) {
        self.options = undefined;
        self.chart = undefined;
        self.setData({ legend: spec ? legendOf(spec) : [], empty: true, drawn: false });
        return;
      }
      const guess = guessSize(self.data.height);
      self.options = toUChartsOptions(spec, guess);
      // query the canvas once it is rendered (it appears with `empty: false`)
      self.setData({ legend: legendOf(spec), empty: false }, () => self.measureAndDraw(spec, seq, guess));
    },
    measureAndDraw(spec: ChartSpec, seq: number, guess: CanvasSize) {
      const self = this as unknown as ChartInstance;
      if (seq !== self.drawSeq || typeof self.createSelectorQuery !== 'function') return;
      self
        .createSelectorQuery()
        .select('.kd-chart__canvas')
        .fields({ node: true, size: true })
        .exec((res: Array<{ node?: CanvasNode; width?: number; height?: number } | null>) => {
          if (seq !== self.drawSeq) return; // a newer spec arrived meanwhile
          const found = res && res[0];
          const canvas = found && found.node;
          if (!canvas || typeof canvas.getContext !== 'function') return; // no canvas here: the legend stands alone
          const context = canvas.getContext('2d');
          if (!context) return;
          const size: CanvasSize = { width: found.width || guess.width, height: found.height || guess.height, pixelRatio: guess.pixelRatio };
          const options = toUChartsOptions(spec, size);
          canvas.width = options.width;
          canvas.height = options.height;
          self.options = options;
          self.chart = new UCharts({ ...options, context });
          self.setData({ drawn: true });
        });
    },
    onTouch(e: WechatMiniprogram.TouchEvent) {
      const self = this as unknown as ChartInstance;
      if (self.chart) self.chart.showToolTip(e);
    },
  },
});
