// `payNotify`: WeChat Pay's payment notification (the functionName given to cloudPay.unifiedOrder). Code: server/orders.
import { payNotifyMain } from '@server/orders/notify-functions';

export const main = payNotifyMain;
