/**
 * `reports.export`: computes the asked report with the same action code the dashboard shows, turns it into CSV rows
 * (export-rows below; Chinese headers, money in integer fen), and uploads `exports/<report>-<ts>.csv` to cloud
 * storage, answering its file id, a temporary download URL and the number of data rows.
 */
import type { ExportRequest, ExportResult } from '../../../typings/api/analytics';
import type { DailyRollup } from '../../../typings/shop/analytics';
import { getCloud } from '../../lib/cloud';
import { SEGMENT_NAMES } from '../domain/segments';
import { emptyMetrics } from '../domain/daily-rollup';
import { daysFrom } from '../domain/shop-calendar';
import { loadSegmentMembers } from '../segment-members';
import { toCsv, type CsvValue } from './csv';
import { channels, funnel, periodReport, retention, segments, type Dashboard } from './dashboard-actions';
import { loadDayRollups } from './day-rollups';
import { headlineOf } from './report-views';

export interface Table {
  header: string[];
  rows: CsvValue[][];
}

const DAY_HEADER = ['日期', '访客', '新用户', '付款人数', '订单数', '成交额(分)', '退款笔数', '退款额(分)', '客单价(分)', '转化率', '打开次数', '页面浏览', '商品浏览', '加购', '发起结算', '分享'];

function dayRow(day: string, r: Pick<DailyRollup, 'totals'> | undefined): CsvValue[] {
  const m = r?.totals ?? emptyMetrics();
  const h = headlineOf(m);
  return [day, h.visitors, h.newUsers, h.payingCustomers, h.orders, h.gmvFen, h.refunds, h.refundFen, h.aovFen, h.conversion, m.visits, m.pageViews, m.goodsViews, m.addToCarts, m.checkoutStarts, m.shares];
}

export async function exportTable(req: ExportRequest, d: Dashboard): Promise<Table> {
  switch (req.report) {
    case 'daily': {
      const { byDay } = await loadDayRollups(d.ctx.db, req.params.from, req.params.to, d.live);
      return { header: DAY_HEADER, rows: daysFrom(req.params.from, req.params.to).map((day) => dayRow(day, byDay.get(day))) };
    }
    case 'period': {
      const r = await periodReport(req.params, d);
      return {
        header: ['周期', '开始', '结束', ...DAY_HEADER.slice(1), '有数据天数', '去重访客', '去重付款人数'],
        rows: [r.current, r.previous].map((p) => [
          p.period.key,
          p.period.first,
          p.period.last,
          ...dayRow('', { totals: p.metrics }).slice(1),
          p.daysWithData,
          p.distinct?.visitors ?? null,
          p.distinct?.payingCustomers ?? null,
        ]),
      };
    }
    case 'retention': {
      const r = await retention(req.params, d);
      if (r.grain === 'day') {
        return {
          header: ['日期', '新用户', '次日留存', '7日留存', '30日留存', '次日回访', '7日回访', '30日回访'],
          rows: r.rows.map((x) => [x.day, x.cohort, x.d1, x.d7, x.d30, x.returned.d1, x.returned.d7, x.returned.d30]),
        };
      }
      return {
        header: ['批次', '人数', ...Array.from({ length: r.columns }, (_, k) => `第${k}期`)],
        rows: r.rows.map((x) => [x.cohort, x.size, ...x.retained]),
      };
    }
    case 'funnel': {
      const f = await funnel(req.params, d);
      return {
        header: ['日期', '渠道', '访问', '浏览商品', '加购', '发起结算', '付款'],
        rows: [
          ...f.days.map((x) => [x.day, f.channel, x.visited, x.viewedGoods, x.addedToCart, x.startedCheckout, x.paid]),
          ['合计', f.channel, ...f.steps.map((s) => s.users)],
        ],
      };
    }
    case 'segments': {
      const s = await segments(req.params, d);
      return { header: ['日期', ...SEGMENT_NAMES], rows: s.series.map((x) => [x.day, ...SEGMENT_NAMES.map((n) => x.counts?.[n] ?? null)]) };
    }
    case 'segment_members': {
      const ids = await loadSegmentMembers(d.ctx.db, req.params.segment, d.now, d.settings.segments, d.settings.timeZone);
      return { header: ['openid', '分群'], rows: ids.map((id) => [id, req.params.segment]) };
    }
    case 'channels': {
      const c = await channels(req.params, d);
      const dim = req.params.dimension ?? 'channels';
      return {
        header: ['维度', '取值', '打开次数', '访客', '新用户', '订单数', '成交额(分)', '打开占比', '新用户占比', '订单占比', '成交额占比'],
        rows: c[dim].map((r) => [dim, r.key, r.visits, r.visitors, r.newUsers, r.orders, r.gmvFen, r.share.visits, r.share.newUsers, r.share.orders, r.share.gmvFen]),
      };
    }
  }
}

/** `exports/<report>-<YYYYMMDDTHHmmssSSS>Z.csv` (UTC) */
export function exportPath(report: string, now: number): string {
  return `exports/${report}-${new Date(now).toISOString().replace(/[-:.]/g, '')}.csv`;
}

export async function exportReport(req: ExportRequest, d: Dashboard): Promise<ExportResult> {
  const table = await exportTable(req, d);
  const cloud = getCloud();
  const { fileID } = await cloud.uploadFile({ cloudPath: exportPath(req.report, d.now), fileContent: Buffer.from(toCsv(table.header, table.rows), 'utf8') });
  const res = (await cloud.getTempFileURL({ fileList: [fileID] })) as { fileList: Array<{ tempFileURL?: string }> };
  const tempFileURL = res.fileList[0]?.tempFileURL;
  if (!tempFileURL) throw new Error(`no temp URL for ${fileID}`);
  d.ctx.log.info('report exported', { report: req.report, fileID, rows: table.rows.length });
  return { fileID, tempFileURL, rows: table.rows.length };
}
