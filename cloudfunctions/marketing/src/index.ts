// The `marketing` cloud function (coupons). The code lives in server/marketing.
import { marketingFunction } from '@server/marketing/marketing-function';

export const main = marketingFunction.main;
