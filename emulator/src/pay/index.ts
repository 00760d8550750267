export { PayService, payService, SimulationError } from './pay-service';
export type { SimulateOptions, SimulatePaymentOptions, SimulateRefundOptions } from './pay-service';
export type { PayOrder, RefundOrder, DeliveryRecord, TradeState, RefundStatus } from './ledger';
export { PAY_CALLBACK_SOURCE, RETRY_DELAYS_MS, isAcknowledged } from './notifications';
export { SP_APPID, SP_MCH_ID } from './pay-ids';
export { MAX_REFUNDS_PER_ORDER, TRADE_STATE_DESC } from './pay-api';
