import { escapeHtml, htmlTable } from '../status/page';
import { formatChinaTime } from '../timers/cron';
import type { DeliveryRecord, PaymentLedger } from './ledger';

const ROWS = 30;

function yuan(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

function deliveries(list: DeliveryRecord[]): string {
  if (!list.length) return '<span class="muted">none</span>';
  const last = list[list.length - 1];
  const acked = list.filter((d) => d.acknowledged).length;
  const answer = last.error ? `${last.error.code}: ${last.error.message}` : JSON.stringify(last.answer ?? null);
  return `${list.length} (${acked} acknowledged) <pre>${escapeHtml(answer.slice(0, 200))}</pre>`;
}

/** The Payments section of the status page: recent orders with their refunds and notifications. */
export function renderPayStatus(ledger: PaymentLedger): string {
  const orders = ledger.allOrders().sort((a, b) => b.createdAt - a.createdAt);
  const rows = orders.slice(0, ROWS).map((o) => {
    const refunds = ledger.refundsOf(o.key);
    const refundText = refunds.length
      ? refunds.map((r) => `${escapeHtml(r.outRefundNo)} ${yuan(r.refundFee)} ${escapeHtml(r.status)} · notified ${deliveries(r.deliveries)}`).join('<br>')
      : '<span class="muted">—</span>';
    const stateClass = o.state === 'SUCCESS' ? 'ok' : o.state === 'PAYERROR' ? 'err' : '';
    return [
      escapeHtml(formatChinaTime(o.createdAt)),
      `<code>${escapeHtml(o.outTradeNo)}</code><br><span class="muted">${escapeHtml(o.subMchId)}</span>`,
      `${yuan(o.totalFee)} <span class="muted">(${o.totalFee} fen)</span>`,
      `<span class="${stateClass}">${escapeHtml(o.state)}</span>`,
      escapeHtml(o.payer ?? ''),
      `<code>${escapeHtml(o.functionName)}</code>`,
      deliveries(o.deliveries),
      refundText,
    ];
  });
  const pending = ledger.scheduled.length
    ? `<p class="muted">${ledger.scheduled.length} notification(s) waiting for the clock (next at ${escapeHtml(formatChinaTime(Math.min(...ledger.scheduled.map((s) => s.dueAt))))} UTC+8).</p>`
    : '';
  const more = orders.length > ROWS ? `<p class="muted">${orders.length} orders in total; <a href="/_emulator/pay/orders">all as JSON</a></p>` : '';
  const help =
    '<p class="muted">Pay an order: <code>POST /_emulator/pay/simulate {"outTradeNo", "result": "SUCCESS"|"FAIL", "times", "delayMs"}</code>; ' +
    'complete a refund: <code>POST /_emulator/pay/simulate-refund {"outRefundNo", "result"}</code>.</p>';
  return help + htmlTable(['created (UTC+8)', 'out_trade_no', 'amount', 'state', 'payer', 'callback', 'notifications', 'refunds'], rows) + pending + more;
}
