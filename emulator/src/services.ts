import type { ServiceFactory } from './controller';

/**
 * Every emulated service, in start order (a later one may use an earlier one through the context).
 * One folder per service under src/.
 */
export const defaultServices: ServiceFactory[] = [];
