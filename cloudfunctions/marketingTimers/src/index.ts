// `marketingTimers`: coupon expiry (hourly) and the expiring-soon reminder (10:00 shop time). Code: server/marketing.
import { marketingTimersMain } from '@server/marketing/marketing-timers-function';

export const main = marketingTimersMain;
