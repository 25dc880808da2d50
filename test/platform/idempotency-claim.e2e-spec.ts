import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from '@rujukan/persistence';
import { IdempotencyKeys1763900000260, IdempotencyRepository } from '@rujukan/platform';
import { createTestDatabase, databaseUrl, dropTestDatabase } from '../support/database.js';

/**
 * The claim and the committed mark on a real PostgreSQL: the guarantee that a
 * key whose claim ran out can be taken over only if its request committed nothing.
 */
describe('Idempotency-Key claims', () => {
  let name: string;
  let ds: DataSource;
  let records: IdempotencyRepository;
  const short = { claimSeconds: 1, retentionSeconds: 3600 };

  beforeAll(async () => {
    name = await createTestDatabase('idem_claim');
    ds = new DataSource(
      dataSourceOptions({ url: databaseUrl(name), entities: [], migrations: [IdempotencyKeys1763900000260], migrationsRun: true }),
    );
    await ds.initialize();
    records = new IdempotencyRepository(ds);
  });

  afterAll(async () => {
    await ds?.destroy();
    if (name) await dropTestDatabase(name);
  });

  const expire = (key: string) => ds.query(`UPDATE http_idempotency SET claimed_until = now() - interval '1 second' WHERE key = $1`, [key]);

  it('one of two claims wins; the loser cannot mark it committed', async () => {
    const key = randomUUID();
    const [a, b] = [randomUUID(), randomUUID()];
    const won = await Promise.all([records.claim('acc', key, 'f', a, short), records.claim('acc', key, 'f', b, short)]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const loser = won[0] ? b : a;
    expect(await ds.transaction((m) => records.markCommitted(m, 'acc', key, loser))).toBe(false);
  });

  it('an expired claim that committed nothing is taken over, and the first request can no longer commit', async () => {
    const key = randomUUID();
    const first = randomUUID();
    expect(await records.claim('acc', key, 'f', first, short)).toBe(true);
    await expire(key);
    expect(await records.claim('acc', key, 'f', randomUUID(), short)).toBe(true);
    expect(await ds.transaction((m) => records.markCommitted(m, 'acc', key, first))).toBe(false);
  });

  it('an expired claim is not taken over by another request (fingerprint), nor once it committed', async () => {
    const key = randomUUID();
    const first = randomUUID();
    expect(await records.claim('acc', key, 'f', first, short)).toBe(true);
    await expire(key);
    expect(await records.claim('acc', key, 'other', randomUUID(), short)).toBe(false);
    expect(await ds.transaction((m) => records.markCommitted(m, 'acc', key, first))).toBe(true);
    await expire(key);
    expect(await records.claim('acc', key, 'f', randomUUID(), short)).toBe(false);
    expect(await records.release('acc', key, first)).toBe(false); // committed: the key stays taken
    expect((await records.find('acc', key))?.committed).toBe(true);
  });

  it('a takeover waits for an effect transaction in flight and then fails', async () => {
    const key = randomUUID();
    const first = randomUUID();
    expect(await records.claim('acc', key, 'f', first, short)).toBe(true);
    await expire(key);
    let takeover: Promise<boolean> | undefined;
    await ds.transaction(async (m) => {
      expect(await records.markCommitted(m, 'acc', key, first)).toBe(true);
      // The mark holds the row lock: the takeover blocks until this commits, then sees the commit.
      takeover = records.claim('acc', key, 'f', randomUUID(), short);
      await new Promise((r) => setTimeout(r, 300));
    });
    expect(await takeover).toBe(false);
  });

  it('keys are per account, and rows past the retention are purged and free again', async () => {
    const key = randomUUID();
    expect(await records.claim('acc', key, 'f', randomUUID(), short)).toBe(true);
    expect(await records.claim('other-acc', key, 'f', randomUUID(), short)).toBe(true);
    const token = randomUUID();
    expect(await records.claim('third', key, 'f', token, short)).toBe(true);
    await records.complete('third', key, token, 201, { id: 'x' });
    await ds.query(`UPDATE http_idempotency SET created_at = now() - interval '2 hours' WHERE account = 'third'`);
    expect(await records.claim('third', key, 'g', randomUUID(), short)).toBe(true); // past retention: a fresh key
    await ds.query(`UPDATE http_idempotency SET created_at = now() - interval '2 hours' WHERE account = 'acc'`);
    expect(await records.purge(3600)).toBeGreaterThanOrEqual(1);
    expect(await records.find('acc', key)).toBeUndefined();
    expect(await records.find('other-acc', key)).toBeDefined();
  });
});
