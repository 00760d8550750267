/** ChartSpec → uCharts options: sizes in canvas pixels, money kept in fen with yuan labels, one axis per unit. */
import type { UChartsItem, UChartsSeries } from '../vendor/u-charts';
import { hasData, legendOf, niceStep, toUChartsOptions } from './uoptions';

const size = { width: 350, height: 220, pixelRatio: 2 };

it('a line chart of counts and money: canvas pixels, two axes, labels as text', () => {
  const o = toUChartsOptions(
    {
      kind: 'line',
      categories: ['03-30', '03-31'],
      series: [
        { name: '访客', unit: 'count', values: [12, 30] },
        { name: '成交额', unit: 'fen', values: [1030, null] },
      ],
    },
    size,
  );
  expect(o).toMatchObject({ type: 'line', width: 700, height: 440, pixelRatio: 2, canvas2d: true, animation: false, categories: ['03-30', '03-31'] });
  const [visitors, gmv] = o.series as UChartsSeries[];
  expect(visitors).toMatchObject({ name: '访客', data: [12, 30], index: 0 });
  expect(gmv).toMatchObject({ name: '成交额', data: [1030, null], index: 1 });
  expect(gmv.formatter!(1030)).toBe('¥10.30');
  expect(visitors.formatter!(1234)).toBe('1,234');
  const axes = o.yAxis!.data!;
  expect(axes.map((a) => a.position)).toEqual(['left', 'right']);
  expect(axes[1].formatter!(2_500_000)).toBe('¥2.5万');
  expect(axes[0].formatter!(7.000000001)).toBe('7');
  // the component's legend under the canvas is the legend; the count axis tops at a multiple of its 4 grid steps
  expect(o.legend!.show).toBe(false);
  expect(axes[0].max).toBe(40);
  expect([0, 0.5, 1, 2.1, 41, 164, 248, 1001].map(niceStep)).toEqual([1, 1, 1, 5, 50, 200, 250, 2000]);
});

it('a funnel and a ring carry their labels as text', () => {
  const f = toUChartsOptions({ kind: 'funnel', unit: 'count', steps: [{ name: '访问', value: 100 }, { name: '支付', value: 8, note: '流失92.0%' }] }, size);
  expect(f.type).toBe('funnel');
  expect((f.series[0].data as UChartsItem[]).map((d) => d.labelText)).toEqual(['访问 100', '支付 8']);
  expect(legendOf({ kind: 'funnel', unit: 'count', steps: [{ name: '支付', value: 8, note: '流失92.0%' }] })[0].value).toBe('8 流失92.0%');
  const r = toUChartsOptions({ kind: 'ring', unit: 'count', slices: [{ name: '活跃顾客', value: 3 }, { name: '已流失', value: 0 }], centre: { title: '3', subtitle: '顾客' } }, size);
  expect(r).toMatchObject({ type: 'ring', title: { name: '3' }, subtitle: { name: '顾客' } });
  expect((r.series[0].data as UChartsItem[])[0]).toMatchObject({ name: '活跃顾客', value: 3, labelText: '活跃顾客 3' });
  expect((r.series[0].data as UChartsItem[])[1]).toMatchObject({ name: '已流失', labelShow: false });
});

it('knows when there is nothing to draw, and writes the legend', () => {
  expect(hasData({ kind: 'line', categories: ['a'], series: [{ name: 'x', unit: 'count', values: [0] }] })).toBe(false);
  expect(hasData({ kind: 'ring', unit: 'count', slices: [{ name: 'a', value: 0 }] })).toBe(false);
  expect(hasData(null)).toBe(false);
  expect(legendOf({ kind: 'column', categories: ['a', 'b'], series: [{ name: '成交额', unit: 'fen', values: [10, 20] }, { name: '转化率', unit: 'rate', values: [0.1, 0.2] }] })).toEqual([
    { name: '成交额', colour: '#e34d59', value: '合计 ¥0.30' },
    { name: '转化率', colour: '#0052d9', value: '' },
  ]);
  // stocks (customers in a segment) show their latest value, not a sum
  expect(legendOf({ kind: 'line', legendValue: 'last', categories: ['a', 'b', 'c'], series: [{ name: '活跃顾客', unit: 'count', values: [1, 2, null] }] })[0].value).toBe('最新 2');
});
