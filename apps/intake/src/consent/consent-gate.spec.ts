import { describe, expect, it } from '@jest/globals';
import { ForbiddenException, UnprocessableEntityException } from '@nestjs/common';
import { consentGate } from './consent-gate.js';

describe('consent gate', () => {
  const base = { consentTo: 'services', of: 1, field: 'consentOverrideReason' } as const;

  it('lets through what consent covers, whoever asks, and records no override', () => {
    expect(consentGate({ ...base, missing: 0, role: 'case-worker' })).toBeNull();
    expect(consentGate({ ...base, missing: 0, role: 'case-worker', overrideReason: 'not needed' })).toBeNull();
  });

  it('refuses without consent, naming what is missing and how to go ahead', () => {
    expect(() => consentGate({ ...base, missing: 1, role: 'supervisor' })).toThrow(UnprocessableEntityException);
    expect(() =>
      consentGate({ ...base, consentTo: 'disclosure', missing: 2, of: 3, role: 'case-worker', field: 'disclosureOverrideReason' }),
    ).toThrow(
      'no consent to disclosure is on record for 2 of 3 victims; record it, or a supervisor may go ahead with disclosureOverrideReason',
    );
  });

  it('lets only a supervisor override, and returns her reason to record', () => {
    expect(() => consentGate({ ...base, missing: 1, role: 'case-worker', overrideReason: 'Child in danger tonight' })).toThrow(
      ForbiddenException,
    );
    expect(consentGate({ ...base, missing: 1, role: 'supervisor', overrideReason: 'Child in danger tonight' })).toBe(
      'Child in danger tonight',
    );
  });
});
