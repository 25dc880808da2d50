import { ACCESS_RECORD_SCHEMA, AUTH_SCHEMA, type AccessRecordSettings, type AuthSettings } from '@rujukan/auth';
import { flag, number, optionalText, readConfig, section, setting, text } from '@rujukan/contracts';
import type { ConfigSchema, Env } from '@rujukan/contracts';
import { MESSAGING_SCHEMA, type MessagingConfig } from '@rujukan/messaging';
import { IDEMPOTENCY_SCHEMA, type IdempotencySettings } from './idempotency/idempotency.settings.js';
import { LOGGING_SCHEMA, type LoggingSettings } from './node-logger.js';
import { OPERATIONS_SCHEMA, type OperationsSettings } from './operations/operations.settings.js';
import { RETENTION_SCHEMA, type RetentionSettings } from './retention/retention.settings.js';

/** Everything one node reads from its environment, checked at boot. */
export interface NodeConfig {
  role: string;
  host: string;
  port: number;
  databaseUrl: string;
  /** The role migrations run as, owning the tables (least privilege); without it they run as `databaseUrl`'s. */
  databaseMigrationUrl?: string;
  /** Apply pending migrations at start (default true). */
  migrationsRun: boolean;
  messaging: MessagingConfig;
  /** Sign-in: this node's token secret, and the identity provider if the agency has one. */
  auth: AuthSettings;
  /** Path of the agency directory (the bus registry) for nodes that name other agencies. */
  directoryPath: string;
  /** IANA zone the node cuts days and months in: Asia/Jakarta (WIB), Asia/Makassar (WITA) or Asia/Jayapura (WIT). */
  timeZone: string;
  /** Idempotency-Key retention and claim timeout. */
  idempotency: IdempotencySettings;
  /** LOG_LEVEL and LOG_FORMAT. */
  logging: LoggingSettings;
  /** Readiness thresholds and who may read the metrics. */
  operations: OperationsSettings;
  /** The node's key file (design.md section 9), made on first start; outside the database, backed up apart from it. */
  nodeKeyFile?: string;
  /** Where the access record's signed heads go, and how often. */
  accessRecord: AccessRecordSettings;
  /** How long a victim's data and spent messages are kept here, and how often the sweep runs. */
  retention: RetentionSettings;
}

/** The variables of one node: its own, and those of every lib it runs, read as one schema. */
export function nodeSchema(role: string, defaults: { port: number }) {
  return {
    // Messaging takes the role from the node it runs in unless NODE_ROLE says otherwise (refused below).
    messaging: section(MESSAGING_SCHEMA, (env) => ({ NODE_ROLE: role, ...env })),
    auth: section(AUTH_SCHEMA),
    port: number('PORT', {
      default: defaults.port,
      whole: true,
      min: 0,
      max: 65535,
      problem: (_, given) => `PORT="${given}" must be a port number`,
    }),
    databaseUrl: text('DATABASE_URL', {
      required: 'DATABASE_URL is required (postgres://user:password@host:5432/database)',
      pattern: /^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+/,
      problem: 'DATABASE_URL must look like postgres://user@host:5432/database',
    }),
    databaseMigrationUrl: setting((env, report) => {
      const url = env.DATABASE_MIGRATION_URL?.trim() || undefined;
      if (url && !/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+/.test(url))
        report('DATABASE_MIGRATION_URL must look like postgres://migrator@host:5432/database');
      return url;
    }),
    migrationsRun: flag('DB_MIGRATIONS_RUN', { default: true, blank: 'value' }),
    timeZone: text('NODE_TIME_ZONE', {
      default: 'Asia/Jakarta',
      check: isTimeZone,
      problem: (zone) => `NODE_TIME_ZONE="${zone}" is not a time zone (Asia/Jakarta, Asia/Makassar or Asia/Jayapura)`,
    }),
    idempotency: section(IDEMPOTENCY_SCHEMA),
    logging: section(LOGGING_SCHEMA),
    operations: section(OPERATIONS_SCHEMA),
    nodeKeyFile: optionalText('NODE_KEY_FILE'),
    accessRecord: section(ACCESS_RECORD_SCHEMA),
    retention: section(RETENTION_SCHEMA),
    keysForHeads: setting((env, report) => {
      if (env.ACCESS_RECORD_HEADS_FILE?.trim() && !env.NODE_KEY_FILE?.trim())
        report('ACCESS_RECORD_HEADS_FILE needs NODE_KEY_FILE (the heads are signed with the node key)');
    }),
    declaredRole: setting((env, report) => {
      const declared = env.NODE_ROLE?.trim();
      if (declared && declared !== role) report(`NODE_ROLE="${declared}" but this is the ${role} node`);
    }),
    host: text('HOST', { default: '127.0.0.1' }),
  } satisfies ConfigSchema;
}

/**
 * Reads a node's configuration; throws one ConfigError naming every wrong
 * variable, node and messaging settings together.
 */
export function nodeConfigFromEnv(role: string, env: Env = process.env, defaults: { port: number }): NodeConfig {
  const {
    messaging,
    auth,
    port,
    databaseUrl,
    databaseMigrationUrl,
    migrationsRun,
    timeZone,
    idempotency,
    host,
    logging,
    operations,
    nodeKeyFile,
    accessRecord,
    retention,
  } = readConfig(nodeSchema(role, defaults), env);
  return {
    role,
    host,
    port,
    databaseUrl,
    databaseMigrationUrl,
    migrationsRun,
    messaging,
    auth: { agency: messaging.agency, ...auth },
    // One file for the directory and the senders' roles (AGENCY_DIRECTORY, read by messaging).
    directoryPath: messaging.agencyDirectory,
    timeZone,
    idempotency,
    logging,
    operations: {
      readyOutboxMax: operations.readyOutboxMax,
      readyOutboxMaxAgeSeconds: operations.readyOutboxMaxAgeSeconds,
      metricsAllow: operations.metricsAllow.list,
      metricsAllowText: operations.metricsAllow.entries,
    },
    nodeKeyFile,
    accessRecord,
    retention,
  };
}

function isTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}
