/** Display helpers of the back office (money is integer fen; times are shown in China time, UTC+8). */
import type { OrderStatus } from '../../../typings/shop/order';
import type { StaffOrderAction, StaffOrderFilter } from '../../../typings/api/staff';
import { CloudError } from '../../services/cloud';

export function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}¥${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** `06-01 12:30` (China time). */
export function shortTime(ms: number): string {
  const d = new Date(ms + 8 * 3600 * 1000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export const STATUS_TEXT: Record<OrderStatus, string> = {
  unpaid: '待付款',
  paid: '已付款',
  ready: '待取货',
  shipped: '已发货',
  completed: '已完成',
  cancelled: '已取消',
  refund_requested: '退款待审核',
  refunding: '退款中',
  refunded: '已退款',
};

export const ACTION_TEXT: Record<StaffOrderAction, string> = {
  markReady: '备货完成，通知取货',
  verifyPickup: '核销取货',
  ship: '发货',
  approveRefund: '同意退款',
  rejectRefund: '拒绝退款',
  refund: '全额退款',
};

/** Tabs of the staff order list. */
export const ORDER_TABS: Array<{ value: StaffOrderFilter | 'all'; label: string }> = [
  { value: 'todo', label: '待处理' },
  { value: 'all', label: '全部' },
  { value: 'paid', label: '已付款' },
  { value: 'ready', label: '待取货' },
  { value: 'shipped', label: '已发货' },
  { value: 'refund_requested', label: '退款' },
  { value: 'unpaid', label: '待付款' },
  { value: 'completed', label: '已完成' },
];

/** The caller is not staff. */
export function isForbidden(e: unknown): boolean {
  return e instanceof CloudError && (e.code === 'FORBIDDEN' || e.code === 'UNAUTHENTICATED');
}
