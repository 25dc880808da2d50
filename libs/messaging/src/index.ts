export * from './messaging.config.js';
export * from './messaging.constants.js';
export * from './messaging.module.js';
export { BusConnection } from './bus-connection.js';
export * from './entities/index.js';
export * from './migrations/index.js';
export { Transaction } from './transaction/transaction.js';
export type { EmitOptions } from './transaction/transaction.js';
export { UnitOfWork } from './transaction/unit-of-work.js';
export { runWithTransactionGuard, currentTransactionGuard } from './transaction/transaction-guard.js';
export type { TransactionGuard } from './transaction/transaction-guard.js';
export { validatePayload, formatValidationErrors } from './transaction/validate-payload.js';
export { OutboxRelay } from './outbox/outbox-relay.js';
export { JetStreamTransport, ConsumersMissingError } from './transport/jetstream.transport.js';
export type { Outcome, RawEvent } from './transport/jetstream.transport.js';
export { EventContext } from './transport/event-context.js';
export type { DeliveryInfo } from './transport/event-context.js';
export { EventRejected } from './transport/event-rejected.js';
export type { TransportHooks } from './transport/transport-hooks.js';
export { retryDelay } from './transport/retry-delay.js';
export { DeadLetterService } from './dead-letters/dead-letter.service.js';
export type { DeadLetterSummary } from './dead-letters/dead-letter.service.js';
export { runDeadLetterCommand } from './dead-letters/dead-letter.command.js';
export * from './provisioning/bus-registry.js';
export * from './provisioning/provision-bus.js';
export { OnEvent } from './transport/on-event.decorator.js';
export { runWithCorrelation, currentCorrelationId } from './correlation.js';
export * from './directory/agency-card.js';
export * from './directory/directory-announcer.js';
export * from './replay/broadcast-replay.js';
export { CaseMessageHistoryQuery, type CaseMessage } from './history/case-message-history.query.js';
export { DEFAULT_MAX_JSON_DEPTH, jsonNestsDeeperThan, prototypeKeyPaths } from './transport/json-limits.js';
export {
  writeBusCredentials,
  revokeAgency,
  agencyPermissions,
  rebuildConsumerName,
  agencyInboxPrefix,
  BUS_ADMIN,
} from './provisioning/bus-credentials.js';
export type { CredentialsOptions, CredentialsReport } from './provisioning/bus-credentials.js';
