import { authSettingsFromEnv, type AuthSettings } from '@rujukan/auth';
import { ConfigError, MessagingConfig, messagingConfigFromEnv } from '@rujukan/messaging';
import { idempotencySettingsFromEnv, type IdempotencySettings } from './idempotency/idempotency.settings.js';

/** Everything one node reads from its environment, checked at boot. */
export interface NodeConfig {
  role: string;
  host: string;
  port: number;
  databaseUrl: string;
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
}

type Env = Record<string, string | undefined>;

/**
 * Reads a node's configuration; throws one ConfigError naming every wrong
 * variable, node and messaging settings together.
 */
export function nodeConfigFromEnv(role: string, env: Env = process.env, defaults: { port: number }): NodeConfig {
  const problems: string[] = [];
  let messaging: MessagingConfig | undefined;
  try {
    messaging = messagingConfigFromEnv({ NODE_ROLE: role, ...env });
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  let auth: AuthSettings | undefined;
  try {
    auth = authSettingsFromEnv(messaging?.agency ?? env.AGENCY_ID ?? '', env);
  } catch (err) {
    if (err instanceof ConfigError) problems.push(...err.problems);
    else throw err;
  }
  const port = env.PORT?.trim() ? Number(env.PORT) : defaults.port;
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`PORT="${env.PORT}" must be a port number`);
  const databaseUrl = env.DATABASE_URL?.trim() ?? '';
  if (!databaseUrl) problems.push('DATABASE_URL is required (postgres://user:password@host:5432/database)');
  else if (!/^postgres(ql)?:\/\/[^/]+\/[A-Za-z0-9_-]+/.test(databaseUrl))
    problems.push('DATABASE_URL must look like postgres://user@host:5432/database');
  const migrations = env.DB_MIGRATIONS_RUN?.trim() ?? 'true';
  if (!['true', 'false'].includes(migrations)) problems.push('DB_MIGRATIONS_RUN must be true or false');
  const timeZone = env.NODE_TIME_ZONE?.trim() || 'Asia/Jakarta';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`NODE_TIME_ZONE="${timeZone}" is not a time zone (Asia/Jakarta, Asia/Makassar or Asia/Jayapura)`);
  }
  const idempotency = idempotencySettingsFromEnv(env, problems);
  const declared = env.NODE_ROLE?.trim();
  if (declared && declared !== role) problems.push(`NODE_ROLE="${declared}" but this is the ${role} node`);
  if (problems.length) throw new ConfigError(problems);
  return {
    role,
    host: env.HOST?.trim() || '127.0.0.1',
    port,
    databaseUrl,
    migrationsRun: migrations === 'true',
    messaging: messaging!,
    auth: auth!,
    directoryPath: env.AGENCY_DIRECTORY?.trim() || 'bus/agencies.json',
    timeZone,
    idempotency,
  };
}
