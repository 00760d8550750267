import type { ServiceFactory } from './controller';
import { DatabaseService } from './database';
import { outboxService } from './outbox';
import { storageService } from './storage';
import { openapiService } from './openapi';
import { functionsService } from './functions';
import { payService } from './pay';
import { timersService } from './timers';
import { customerServiceService } from './customer-service';

/**
 * Every emulated service, in start order (a later one may use an earlier one through the context).
 * One folder per service under src/.
 */
export const defaultServices: ServiceFactory[] = [
  (ctx) => new DatabaseService(ctx),
  outboxService,
  storageService,
  openapiService,
  functionsService,
  payService,
  timersService,
  customerServiceService,
];
