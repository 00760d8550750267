/**
 * The chart component: without a canvas (jest has none) it still shows the legend and computes the uCharts options;
 * given a canvas 2d node it hands those options, with the node's size in canvas pixels, to the real uCharts, which
 * draws the labels the pure module wrote.
 */
import { loadPage, type PageHandle } from '../../../../test/page-harness';
import type { ChartSpec } from '../../charts/chart-spec';

let page: PageHandle | undefined;
afterEach(() => {
  page?.detach();
  page = undefined;
});

const trend: ChartSpec = {
  kind: 'line',
  categories: ['03-30', '03-31', '04-01'],
  series: [
    { name: '访客', unit: 'count', values: [12, 30, 21] },
    { name: '成交额', unit: 'fen', values: [1030, 0, 99_990] },
  ],
};

/** A canvas 2d context that records what is drawn (text widths: 7 px a character). */
function recordingCanvas(width: number, height: number) {
  const texts: string[] = [];
  const calls: string[] = [];
  const context: Record<string, unknown> = {};
  const proxy = new Proxy(context, {
    get(target, key: string) {
      if (key in target) return target[key];
      if (key === 'measureText') return (t: string) => ({ width: String(t).length * 7 });
      if (key === 'fillText') return (t: string) => void texts.push(String(t));
      return (..._args: unknown[]) => void calls.push(key);
    },
    set(target, key: string, value) {
      target[key] = value;
      return true;
    },
  });
  const node = { width: 0, height: 0, getContext: (kind: string) => (kind === '2d' ? proxy : null) };
  const query = {
    select: () => query,
    fields: () => query,
    exec: (cb: (res: unknown[]) => void) => setTimeout(() => cb([{ node, width, height }]), 0),
  };
  return { node, query, texts, calls };
}

async function loadChart(): Promise<PageHandle> {
  return loadPage('merchant/components/chart/index', { emulator: { baseUrl: 'http://127.0.0.1:9' }, openid: 'o-nobody' });
}

it('without a canvas: the legend shows the data, the options are computed, nothing is drawn', async () => {
  page = await loadChart();
  expect(page.text()).toContain('暂无数据');
  page.instance.setData({ spec: trend });
  await page.waitFor((d) => d.empty === false);
  expect(page.text()).toContain('访客合计 63');
  expect(page.text()).toContain('成交额合计 ¥1,010.20');
  expect(page.data.drawn).toBe(false);
  const options = page.instance.options;
  expect(options).toMatchObject({ type: 'line', categories: ['03-30', '03-31', '04-01'], canvas2d: true });
  expect(options.series.map((s: { data: unknown }) => s.data)).toEqual([[12, 30, 21], [1030, 0, 99_990]]);
  expect(page.instance.chart).toBeUndefined();
});

it('with a canvas 2d node: uCharts draws the options at the canvas size, with yuan labels', async () => {
  page = await loadChart();
  const canvas = recordingCanvas(300, 200);
  page.instance.createSelectorQuery = () => canvas.query;
  page.instance.setData({ spec: trend });
  await page.waitFor((d) => d.drawn === true);
  const pr = page.instance.options.pixelRatio;
  expect(canvas.node.width).toBe(Math.round(300 * pr));
  expect(canvas.node.height).toBe(Math.round(200 * pr));
  expect(page.instance.chart.opts).toMatchObject({ type: 'line', width: Math.round(300 * pr), categories: ['03-30', '03-31', '04-01'] });
  await page.waitFor(() => canvas.texts.length > 0); // uCharts paints on its next frame, even without animation
  // the library drew the axis labels our formatters wrote: counts on the left, yuan on the right, and the days
  expect(canvas.texts).toEqual(expect.arrayContaining(['03-30', '04-01']));
  expect(canvas.texts.some((t) => /^¥\d/.test(t))).toBe(true);
  expect(canvas.texts.some((t) => t.includes('0000000'))).toBe(false);
  expect(canvas.calls).toEqual(expect.arrayContaining(['beginPath', 'stroke']));
});

it('an all-zero series is an empty chart, not a flat line', async () => {
  page = await loadChart();
  page.instance.setData({ spec: { kind: 'ring', unit: 'count', slices: [{ name: '活跃顾客', value: 0 }] } });
  await page.waitFor((d) => d.legend.length === 1);
  expect(page.data.empty).toBe(true);
  expect(page.instance.options).toBeUndefined();
  expect(page.text()).toContain('暂无数据');
});
