// The `analytics` cloud function. Thin on purpose: the code lives in server/analytics (bundled in by npm run build).
import { analyticsFunction } from '@server/analytics/analytics-function';

export const main = analyticsFunction.main;
