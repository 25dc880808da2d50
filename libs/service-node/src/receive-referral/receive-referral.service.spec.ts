import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope, ReferralRequestedV1 } from '@rujukan/contracts';
import { EventRejected, type MessagingConfig, type Transaction } from '@rujukan/messaging';
import type { IncomingReferral } from '../referral-inbox/incoming-referral.entity.js';
import type { IncomingReferralRepository } from '../referral-inbox/incoming-referral.repository.js';
import { ReceiveReferralService } from './receive-referral.service.js';

const REFERRAL = '6f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const CASE = '1f1c2d3e-4a5b-4c6d-8e7f-901234567890';
const VICTIM = '2f1c2d3e-4a5b-4c6d-8e7f-901234567890';

/** The referral inbox as a map: what the service reads and writes. */
function inbox() {
  const rows = new Map<string, IncomingReferral>();
  const repo = {
    find: (_tx: Transaction, id: string) => Promise.resolve(rows.get(id) ?? null),
    insert: (_tx: Transaction, values: Partial<IncomingReferral>) => {
      const row = { ...values } as IncomingReferral;
      rows.set(row.referralId, row);
      return Promise.resolve(row);
    },
    update: (_tx: Transaction, id: string, changes: Partial<IncomingReferral>) => {
      rows.set(id, { ...rows.get(id)!, ...changes });
      return Promise.resolve();
    },
  };
  const service = new ReceiveReferralService({ node: 'shelter' } as MessagingConfig, repo as unknown as IncomingReferralRepository);
  return { rows, service };
}

function referral(from: string, name: string): EventEnvelope<ReferralRequestedV1> {
  return {
    id: randomUUID(),
    source: { agency: from, node: 'intake' },
    caseId: CASE,
    victimId: VICTIM,
    occurredAt: new Date().toISOString(),
    payload: { referralId: REFERRAL, service: 'shelter', person: { name, sex: 'female', ageYears: 30 } },
  } as EventEnvelope<ReferralRequestedV1>;
}

const tx = {} as Transaction;

describe('a re-sent referral', () => {
  it('naming another sender changes nothing and is refused', async () => {
    const { rows, service } = inbox();
    await service.receive(tx, referral('uptd-ppa-tanjungpinang', 'Korban'));
    const before = structuredClone(rows.get(REFERRAL));
    await expect(service.receive(tx, referral('uptd-ppa-batam', 'Korban'))).rejects.toThrow(EventRejected);
    expect(rows.get(REFERRAL)).toEqual(before);
  });

  it('naming another person changes nothing and is refused', async () => {
    const { rows, service } = inbox();
    await service.receive(tx, referral('uptd-ppa-tanjungpinang', 'Korban'));
    const before = structuredClone(rows.get(REFERRAL));
    await expect(service.receive(tx, referral('uptd-ppa-tanjungpinang', 'Orang Lain'))).rejects.toThrow(
      'a re-sent referral cannot change its case, victim, service or person',
    );
    expect(rows.get(REFERRAL)).toEqual(before);
  });

  it('that is the same referral again is taken as nothing new', async () => {
    const { rows, service } = inbox();
    await service.receive(tx, referral('uptd-ppa-tanjungpinang', 'Korban'));
    const before = structuredClone(rows.get(REFERRAL));
    await expect(service.receive(tx, referral('uptd-ppa-tanjungpinang', 'Korban'))).resolves.toBeNull();
    expect(rows.get(REFERRAL)).toEqual(before);
  });

  it('after a revocation overtook it fills in the referral and keeps it revoked', async () => {
    const { rows, service } = inbox();
    rows.set(REFERRAL, { referralId: REFERRAL, fromAgency: 'uptd-ppa-tanjungpinang', state: 'revoked', caseId: null } as IncomingReferral);
    await service.receive(tx, referral('uptd-ppa-tanjungpinang', 'Korban'));
    expect(rows.get(REFERRAL)).toMatchObject({ state: 'revoked', caseId: CASE, person: { name: 'Korban' } });
  });
});
