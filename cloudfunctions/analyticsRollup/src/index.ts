// `analyticsRollup`: the nightly daily rollup of operations data (02:00 shop time). Code: server/analytics/rollup.
import { analyticsRollupMain } from '@server/analytics/rollup/rollup-function';

export const main = analyticsRollupMain;
