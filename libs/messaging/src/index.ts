export * from './messaging.config.js';
export * from './messaging.constants.js';
export * from './messaging.module.js';
export { BusConnection } from './bus-connection.js';
export * from './entities/index.js';
export * from './migrations/index.js';
export { Transaction }
export type { EmitOptions } from './transaction/transaction.js';
export { UnitOfWork } from './transaction/unit-of-work.js';
export { validatePayload, formatValidationErrors } from './transaction/validate-payload.js';
export { OutboxRelay } from './outbox/outbox-relay.js';
export { JetStreamTransport, ConsumersMissingError }
export type { Outcome, RawEvent } from './transport/jetstream.transport.js';
export { EventContext }
export type { DeliveryInfo } from './transport/event-context.js';
export { EventRejected } from './transport/event-rejected.js';
export type { TransportHooks } from './transport/transport-hooks.js';
export { retryDelay } from './transport/retry-delay.js';
export { DeadLetterService }
export type { DeadLetterSummary } from './dead-letters/dead-letter.service.js';
export { runDeadLetterCommand } from './dead-letters/dead-letter.command.js';
export * from './provisioning/bus-registry.js';
export * from './provisioning/provision-bus.js';
