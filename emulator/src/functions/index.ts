import type { ServiceFactory } from '../controller';
import { FunctionsService } from './service';

export { FunctionsService, platformEvent, type InvocationView } from './service';
export { clientError, FunctionErrorCodes } from './platform-errors';

/** The functions runtime + HTTP gateway (service name `functions`). */
export const functionsService: ServiceFactory = (ctx) => new FunctionsService(ctx);
