import { describe, expect, it } from '@jest/globals';
import { allContracts, findContract, senderRoleProblem, type EventContract } from './define-event.js';
import './index.js';

const contract = (pattern: string): EventContract => {
  const found = findContract(pattern);
  if (!found) throw new Error(`no contract ${pattern}`);
  return found;
};
const allowed = (pattern: string, role: string, receiver?: string) =>
  senderRoleProblem(contract(pattern), { agency: `${role}-agency`, role }, receiver) === null;

describe('who may send each event', () => {
  it('every contract names the roles that may send it', () => {
    for (const c of allContracts()) expect(c.senders.length).toBeGreaterThan(0);
  });

  it('a referral comes only from an intake agency, to a service agency', () => {
    expect(allowed('referral.requested.v1', 'intake', 'shelter')).toBe(true);
    expect(allowed('referral.requested.v1', 'shelter', 'health')).toBe(false);
    expect(allowed('referral.requested.v1', 'intake', 'reporting')).toBe(false);
  });

  it('answers come from a service agency to intake', () => {
    for (const p of ['referral.accepted.v1', 'referral.declined.v1', 'referral.completed.v1']) {
      expect(allowed(p, 'shelter', 'intake')).toBe(true);
      expect(allowed(p, 'intake', 'intake')).toBe(false);
      expect(allowed(p, 'reporting', 'intake')).toBe(false);
    }
  });

  it('case and consent facts come from intake agencies only', () => {
    for (const p of [
      'case.registered.v1',
      'case.first-response-overdue.v1',
      'victim.statistics-consent-given.v1',
      'victim.statistics-consent-withdrawn.v1',
      'referral.status-changed.v1',
    ]) {
      expect(allowed(p, 'intake')).toBe(true);
      expect(allowed(p, 'health')).toBe(false);
    }
  });

  it('a service fact comes only from an agency of that service, in its own name', () => {
    const recorded = contract('service.recorded.v1') as EventContract<{ service: string; agencyId: string }>;
    expect(allowed('service.recorded.v1', 'intake')).toBe(false);
    expect(recorded.senderProblem!({ service: 'health', agencyId: 'rsud' }, { agency: 'rsud', role: 'health' })).toBeNull();
    expect(recorded.senderProblem!({ service: 'shelter', agencyId: 'rsud' }, { agency: 'rsud', role: 'health' })).toBe(
      'rsud (role health) does not give shelter',
    );
    expect(recorded.senderProblem!({ service: 'health', agencyId: 'other' }, { agency: 'rsud', role: 'health' })).toBe(
      "rsud may record only its own services, not other's",
    );
  });

  it('hand-overs go only between intake agencies; visum requests only from legal aid to health', () => {
    for (const p of ['case.handover-requested.v1', 'case.handover-accepted.v1', 'case.handover-declined.v1']) {
      expect(allowed(p, 'intake', 'intake')).toBe(true);
      expect(allowed(p, 'shelter', 'intake')).toBe(false);
    }
    expect(allowed('visum.requested.v1', 'legal-aid', 'health')).toBe(true);
    expect(allowed('visum.requested.v1', 'intake', 'health')).toBe(false);
    expect(allowed('visum.requested.v1', 'legal-aid', 'shelter')).toBe(false);
    expect(allowed('visum.issued.v1', 'health', 'legal-aid')).toBe(true);
    expect(allowed('visum.issued.v1', 'legal-aid', 'legal-aid')).toBe(false);
  });

  it('receipts come from any registered agency', () => {
    expect(allowed('delivery.received.v1', 'reporting')).toBe(true);
  });
});
