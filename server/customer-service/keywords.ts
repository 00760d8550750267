/**
 * THE configuration of the customer-service auto-replies: which words mean what, and what the shop says.
 * Rules are tried in order; the first whose keyword occurs in the customer's text (case-insensitive) decides.
 * A text matching no rule — and any picture or shared card — goes to a human (transfer_customer_service).
 */
export type CsIntent = 'human' | 'refund' | 'order';

export interface CsRule {
  intent: CsIntent;
  keywords: string[];
}

export const CS_RULES: CsRule[] = [
  // asking for a person wins over everything else
  { intent: 'human', keywords: ['人工', '真人', '转客服', 'human', 'agent'] },
  // before `order`: "订单退款" is about the refund
  { intent: 'refund', keywords: ['退款', '退货', '退钱', '退单', 'refund', 'return'] },
  { intent: 'order', keywords: ['订单', '物流', '快递', '发货', '到哪', '取货', '取餐', '自提', 'order', 'status', 'delivery', 'shipping', 'tracking'] },
];

export const CS_TEXTS = {
  /** Sent when the customer opens the chat ('' = say nothing). */
  welcome: '您好，这里是店铺客服。发送“订单”查看最近订单状态，发送“退款”查看退款进度，其他问题请直接留言，店员会尽快回复。',
  /** Before handing over to a person. */
  handover: '已为您转接人工客服，店员会尽快回复您，请稍候～',
  noOrder: '您还没有订单哦，去店里逛逛吧～',
  noRefund: '您最近的订单没有退款申请。如需退款，请在订单详情页点击“申请退款”。',
  /** Link text of the fallback order message. */
  viewOrder: '查看订单',
};

/** The intent of a customer's text, or `human` when no rule matches. */
export function intentOf(text: string): CsIntent {
  const t = text.toLowerCase();
  for (const rule of CS_RULES) if (rule.keywords.some((k) => t.includes(k.toLowerCase()))) return rule.intent;
  return 'human';
}
