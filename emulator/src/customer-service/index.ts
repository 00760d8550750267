export {
  CustomerServiceService,
  customerServiceService,
  deliverCustomerMessage,
  NoPushFunctionError,
  CUSTOMER_PUSH_SOURCE,
} from './customer-service';
export type { PushOutcome, PushRecord } from './customer-service';
export { CustomerMessageError, ENTER_SESSION_EVENT, pushEvent } from './push-event';
export type { CustomerMessage } from './push-event';
export { parseCustomerServiceConfig, functionFor } from './config';
export type { CustomerServiceConfig, PushCallback } from './config';
