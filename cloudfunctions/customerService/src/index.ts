// The `customerService` cloud function: receives customer-service message pushes. Code: server/customer-service.
import { customerServiceMain } from '@server/customer-service/customer-service-function';

export const main = customerServiceMain;
