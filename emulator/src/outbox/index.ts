export { OutboxService, outboxService } from './outbox';
export type { OutboxEntry, OutboxFilter, OutboxListener, OutboxRecord } from './outbox';
