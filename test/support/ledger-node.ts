import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { signWithLocalOffice, type BusRegistry, type TransportHooks } from '@rujukan/messaging';
import { startLedgerNode } from '../apps/ledger/bootstrap.js';
import { nodeDatabaseEnv } from './database.js';

/** The test registry as a file a node reads its senders' roles from (AGENCY_DIRECTORY). */
export function registryFile(registry: BusRegistry): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rujukan-registry-')), 'agencies.json');
  writeFileSync(path, JSON.stringify(registry, null, 2));
  return path;
}

/**
 * The test registry signed by a local stand-in for the PPA office (a new key
 * per call): AGENCY_REGISTRY and AGENCY_REGISTRY_KEY, and AGENCY_DIRECTORY.
 */
export function signedRegistryEnv(registry: BusRegistry): Record<string, string> {
  const directory = registryFile(registry);
  const signed = signWithLocalOffice(registry.agencies, join(dirname(directory), 'ppa-office'));
  return { AGENCY_DIRECTORY: directory, AGENCY_REGISTRY: signed.path, AGENCY_REGISTRY_KEY: signed.keyPath };
}

/** Environment of a ledger node on a test network: short waits so fault tests run fast. */
export function ledgerEnv(
  registry: BusRegistry,
  agency: string,
  database: string,
  natsUrl: string,
  extra: Record<string, string> = {},
  dbPort?: number,
): Record<string, string> {
  return {
    NATS_URL: natsUrl,
    BUS_PREFIX: registry.network.prefix,
    BUS_STREAM: registry.network.stream,
    AGENCY_ID: agency,
    NODE_ROLE: 'ledger',
    // A role that owns no table; its migrations as the database's owner (createTestDatabase makes both).
    ...nodeDatabaseEnv(database, dbPort),
    NATS_RECONNECT_WAIT_MS: '500',
    RETRY_BASE_MS: '200',
    RETRY_MAX_MS: '1000',
    DB_HEALTH_POLL_MS: '300',
    OUTBOX_POLL_MS: '200',
    BROADCAST_INTERVAL_MS: '200',
    PUBLISH_TIMEOUT_MS: '2000',
    RECEIPT_TIMEOUT_MS: '60000',
    REGISTRY_POLL_MS: '300',
    ...signedRegistryEnv(registry),
    ...extra,
  };
}

export async function startLedger(env: Record<string, string>, hooks?: TransportHooks): Promise<INestApplication> {
  return startLedgerNode({ env, hooks, port: 0, logger: process.env.TEST_LOGS ? ['log', 'warn', 'error'] : false });
}

export function baseUrl(app: INestApplication): string {
  const address = app.getHttpServer().address();
  return `http://127.0.0.1:${address.port}`;
}

export async function sendNote(
  app: INestApplication,
  body: { to: string; caseId: string; note: Record<string, unknown> },
): Promise<string> {
  const res = await fetch(`${baseUrl(app)}/notes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 202) throw new Error(`POST /notes answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { eventId: string }).eventId;
}
