export {
  addressedStream,
  agencyInboxPrefix,
  ConfigError,
  consumerNames,
  consumerPlaces,
  MESSAGING_SCHEMA,
  messagingConfigFromEnv,
  rebuildConsumerName,
} from './messaging.config.js';
export type { ConsumerPlace, MessagingConfig } from './messaging.config.js';
export { AGENCY_REGISTRY, MESSAGING_CONFIG } from './messaging.constants.js';
export { MessagingModule } from './messaging.module.js';
export { BusConnection } from './bus-connection.js';
export { MESSAGING_ENTITIES } from './entities/index.js';
export { MESSAGING_MIGRATIONS } from './migrations/index.js';
export { Transaction } from './transaction/transaction.js';
export type { EmitOptions } from './transaction/transaction.js';
export { UnitOfWork } from './transaction/unit-of-work.js';
export { runWithTransactionGuard, runWithTransactionHooks } from './transaction/transaction-guard.js';
export type { TransactionGuard, TransactionHooks } from './transaction/transaction-guard.js';
export { JetStreamTransport } from './transport/jetstream.transport.js';
export type { ConsumerState } from './transport/jetstream.transport.js';
export { MessagingMetrics } from './operations/messaging-metrics.js';
export { MessagingStateQuery } from './operations/messaging-state.query.js';
export type { MessagingState } from './operations/messaging-state.query.js';
export { NodeReporter, reportsBucket } from './operations/node-report.js';
export type { NodeReport } from './operations/node-report.js';
export { DEAD_LETTER_KINDS, deadLetterKind } from './operations/dead-letter-kind.js';
export type { DeadLetterKind } from './operations/dead-letter-kind.js';
export { ConsumersMissingError, locateConsumer } from './transport/consumer-check.js';
export type { Outcome, RawEvent } from './transport/raw-event.js';
export { EventContext } from './transport/event-context.js';
export type { DeliveryInfo } from './transport/event-context.js';
export { EventRejected } from './transport/event-rejected.js';
export type { TransportHooks } from './transport/transport-hooks.js';
export { DeadLetterService } from './dead-letters/dead-letter.service.js';
export type { DeadLetterSummary } from './dead-letters/dead-letter.service.js';
export { runDeadLetterCommand } from './dead-letters/dead-letter.command.js';
export { addressedLimits, loadRegistry, registryProblems } from './provisioning/bus-registry.js';
export { AgencyRegistry } from './registry/agency-registry.js';
export { publishRegistryToBus, readRegistryFromBus, registryBucket } from './registry/registry-on-bus.js';
export {
  canonicalJson,
  loadSignedRegistry,
  newRegistryKey,
  registryContent,
  RegistryRefused,
  signRegistry,
  signWithLocalOffice,
  verifySignedRegistry,
} from './registry/signed-registry.js';
export type { RegistryContent, SignedRegistryFile, VerifiedRegistry } from './registry/signed-registry.js';
export type { AgencyEntry, BusRegistry } from './provisioning/bus-registry.js';
export {
  busStatus,
  EventsExpiredError,
  OldStreamLayoutError,
  plannedStreams,
  provisionBus,
  provisionedStreams,
  resetConsumer,
} from './provisioning/provision-bus.js';
export { migrateStreams } from './provisioning/migrate-streams.js';
export type { MigrationReport } from './provisioning/migrate-streams.js';
export { askWhileElecting, isElecting, jetstreamReady, JetStreamNotReadyError } from './jetstream-ready.js';
export type { JetStreamReadyOptions } from './jetstream-ready.js';
export type { AgencyStatus, ConsumerLag, ProvisionReport } from './provisioning/provision-bus.js';
export { OnEvent } from './transport/on-event.decorator.js';
export { currentCorrelationId, runWithCorrelation } from './correlation.js';
export { directoryBucket } from './directory/agency-card.js';
export type { AgencyCard } from './directory/agency-card.js';
export { DirectoryAnnouncer } from './directory/directory-announcer.js';
export type { CapacitySource, CardSource } from './directory/directory-announcer.js';
export { BroadcastReplay, type RebuildProgress } from './replay/broadcast-replay.js';
export { applicationRounds, bulkProjection } from './replay/bulk-projection.js';
export type { BulkProjection } from './replay/bulk-projection.js';
export { CaseMessageHistoryQuery } from './history/case-message-history.query.js';
export type { CaseMessage, ReceivedMessage } from './history/case-message-history.query.js';
export { DEFAULT_MAX_JSON_DEPTH, jsonNestsDeeperThan, prototypeKeyPaths } from './transport/json-limits.js';
export { writeBusCredentials, revokeAgency, agencyPermissions, BUS_ADMIN } from './provisioning/bus-credentials.js';
export type { CredentialsOptions, CredentialsReport } from './provisioning/bus-credentials.js';
export { OutboxRelay } from './outbox/outbox-relay.js';
export { NodeKeys, verifyNodeSignature } from './keys/node-keys.js';
export type { NodeKeyFile } from './keys/node-keys.js';
export { keyFingerprint } from './keys/node-keys.js';
export type { AgencyPublicKeys } from './keys/node-keys.js';
export { isSealedAtRest, openAtRest, sealAtRest } from './keys/at-rest.js';
export { DATA_KEY_TABLE, DataKey, DataKeyDestroyed, DataKeys, KEY_STORE_SCHEMA } from './keys/data-keys.js';
export { SealedColumns } from './keys/sealed-columns.js';
export { purgeVictimMessages } from './erasure/victim-messages.js';
export { purgeSpentMessages } from './erasure/spent-messages.js';
export type { SealedColumnsOf } from './keys/sealed-columns.js';
export { EnvelopeProtection } from './keys/envelope-protection.js';
export { openFields, routingData, SEAL_ALG, SealBroken, sealFields, signedBytes } from './keys/sealed-envelope.js';
export type { SealedFields } from './keys/sealed-envelope.js';
export { BATCH_AREA, BATCH_EVENT, BATCH_VERSION, batchSignedBytes, dayOf } from './keys/sealed-batch.js';
export type { BatchedEvent, BroadcastBatch } from './keys/sealed-batch.js';
export { keysFingerprint } from './registry/key-pins.js';
export type { KeyPinView } from './registry/key-pins.js';
export { runKeysCommand } from './keys/keys.command.js';
