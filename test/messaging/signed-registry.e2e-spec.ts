import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import {
  AGENCY_REGISTRY,
  newRegistryKey,
  publishRegistryToBus,
  registryContent,
  signRegistry,
  type AgencyRegistry,
} from '@rujukan/messaging';
import { ChildNode } from '../support/child-node.js';
import { createTestDatabase, dropTestDatabase, query } from '../support/database.js';
import { ledgerEnv, sendNote, startLedger } from '../support/ledger-node.js';
import { BusAdmin, SHARED_NATS, testRegistry } from '../support/test-network.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The agency registry signed by the province PPA office: a node verifies it at
 * start and refuses an unsigned one, a changed one or one signed by another
 * key, saying what to do; with a good one it takes senders' roles from it.
 */
describe('the signed agency registry', () => {
  const registry = testRegistry([
    { id: 'alpha', node: 'ledger', name: 'Sender' },
    { id: 'beta', node: 'ledger', name: 'Receiver' },
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-signed-'));
  const office = newRegistryKey();
  const other = newRegistryKey();
  const officeKey = join(dir, 'ppa-office.pub.pem');
  writeFileSync(officeKey, office.publicPem);
  const signed = signRegistry(registryContent(registry.agencies, 1), office.privatePem);

  function file(name: string, content: unknown): string {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(content));
    return path;
  }

  /** Starts a ledger node process with this registry and waits for it to stop; its output. */
  async function refusedWith(registryPath: string): Promise<string> {
    const node = ChildNode.start({
      ...ledgerEnv(registry, 'beta', 'never_used', SHARED_NATS),
      AGENCY_REGISTRY: registryPath,
      AGENCY_REGISTRY_KEY: officeKey,
    });
    const { code } = await node.exited;
    expect(code).not.toBe(0);
    return node.text;
  }

  it('stops the node when the registry is not signed', async () => {
    const text = await refusedWith(file('unsigned.json', registry));
    expect(text).toContain('is not signed (no registry and signature)');
    expect(text).toContain('npm run registry -- sign');
  });

  it('stops the node when the registry was changed after signing', async () => {
    const changed = structuredClone(signed);
    changed.registry.agencies[0].role = 'intake';
    const text = await refusedWith(file('changed.json', changed));
    expect(text).toContain('is not signed by the PPA office key in AGENCY_REGISTRY_KEY');
  });

  it('stops the node when the registry is signed by another key', async () => {
    const text = await refusedWith(file('other-key.json', signRegistry(registryContent(registry.agencies, 1), other.privatePem)));
    expect(text).toContain('is not signed by the PPA office key in AGENCY_REGISTRY_KEY');
  });

  describe('with a registry the office signed', () => {
    let admin: BusAdmin;
    let alphaDb: string;
    let betaDb: string;
    let alpha: INestApplication;
    let beta: INestApplication;
    let betaRegistry: string;

    beforeAll(async () => {
      admin = await BusAdmin.provision(SHARED_NATS, registry);
      [alphaDb, betaDb] = await Promise.all([createTestDatabase('alpha'), createTestDatabase('beta')]);
      betaRegistry = file('beta-registry.json', signed);
      alpha = await startLedger(
        ledgerEnv(registry, 'alpha', alphaDb, SHARED_NATS, {
          AGENCY_REGISTRY: file('signed.json', signed),
          AGENCY_REGISTRY_KEY: officeKey,
        }),
      );
      beta = await startLedger(
        ledgerEnv(registry, 'beta', betaDb, SHARED_NATS, { AGENCY_REGISTRY: betaRegistry, AGENCY_REGISTRY_KEY: officeKey }),
      );
    });

    afterAll(async () => {
      await alpha?.close();
      await beta?.close();
      await admin?.close();
      await Promise.all([alphaDb && dropTestDatabase(alphaDb), betaDb && dropTestDatabase(betaDb)]);
    });

    it('starts and delivers between the agencies it lists', async () => {
      const noteId = randomUUID();
      await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId, text: 'signed registry' } });
      await waitFor(
        'note at beta',
        async () => (await query(betaDb, 'SELECT 1 FROM received_note WHERE note_id = $1', [noteId])).length === 1,
      );
    });

    it('takes an update the office signed without a restart, and keeps its registry on one signed by another key', async () => {
      const withoutAlpha = registry.agencies.filter((a) => a.id !== 'alpha');
      // Another key's update is refused: alpha still delivers.
      writeFileSync(betaRegistry, JSON.stringify(signRegistry(registryContent(withoutAlpha, 2), other.privatePem)));
      await new Promise((r) => setTimeout(r, 4500));
      const kept = randomUUID();
      await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId: kept, text: 'still listed' } });
      await waitFor(
        'note at beta',
        async () => (await query(betaDb, 'SELECT 1 FROM received_note WHERE note_id = $1', [kept])).length === 1,
      );
      // The office's update takes alpha out: its next note is dead-lettered at beta.
      writeFileSync(betaRegistry, JSON.stringify(signRegistry(registryContent(withoutAlpha, 2), office.privatePem)));
      await new Promise((r) => setTimeout(r, 4500));
      const eventId = await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId: randomUUID(), text: 'no longer listed' } });
      const [letter] = await waitFor('dead letter at beta', async () => {
        const rows = await query<{ reason: string }>(betaDb, 'SELECT reason FROM messaging_dead_letter WHERE event_id = $1', [eventId]);
        return rows.length ? rows : undefined;
      });
      expect(letter.reason).toBe('sender alpha is not in the agency registry');
    });

    it("takes an update the office signed from the bus's copy, and keeps its own over another key's or an older one", async () => {
      const inUse = beta.get<AgencyRegistry>(AGENCY_REGISTRY);
      expect(inUse.signedVersion).toBe(2);
      const put = (version: number, key: string) =>
        publishRegistryToBus(
          admin.nc,
          registry.network.stream,
          JSON.stringify(signRegistry(registryContent(registry.agencies, version), key)),
        );
      // Another key's version 3 is refused; polls come every 300 ms, so four of them pass by the next check.
      await put(3, other.privatePem);
      await new Promise((r) => setTimeout(r, 1500));
      expect(inUse.signedVersion).toBe(2);
      // The office's version 3 brings alpha back without a restart, and its notes are applied again.
      await put(3, office.privatePem);
      await waitFor('version 3 in use at beta', () => Promise.resolve(inUse.signedVersion === 3));
      const back = randomUUID();
      await sendNote(alpha, { to: 'beta', caseId: randomUUID(), note: { noteId: back, text: 'listed again' } });
      await waitFor(
        'note at beta',
        async () => (await query(betaDb, 'SELECT 1 FROM received_note WHERE note_id = $1', [back])).length === 1,
      );
      // A replayed older version, even signed by the office, does not turn the registry back.
      await put(2, office.privatePem);
      await new Promise((r) => setTimeout(r, 1500));
      expect(inUse.signedVersion).toBe(3);
      expect(inUse.roleOf('alpha')).toBe('ledger');
    });
  });
});
