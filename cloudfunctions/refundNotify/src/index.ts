// `refundNotify`: WeChat Pay's refund notification (the functionName given to cloudPay.refund). Code: server/orders.
import { refundNotifyMain } from '@server/orders/notify-functions';

export const main = refundNotifyMain;
