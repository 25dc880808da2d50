import { describe, expect, it } from '@jest/globals';
import { describeFields, fieldNames as fields } from './compatibility/describe-contracts.js';
import { allContracts } from './define-event.js';
import { REFERRAL_FIELDS } from './events/referral-fields.js';
import './index.js';

describe('event contracts', () => {
  /**
   * Adding a field to any event changes what another agency learns about a
   * victim. This snapshot makes that a deliberate, reviewed change: update it
   * with `jest -u` only after checking the field is needed by its receiver.
   */
  it('every event’s fields, and every referral’s allowed fields per service, are as reviewed', () => {
    const contracts = Object.fromEntries(
      allContracts()
        .filter((c) => !c.area.startsWith('ledger'))
        .sort((a, b) => a.pattern.localeCompare(b.pattern))
        .map((c) => [c.pattern, { receipt: c.receipt, fields: fields(c.payload), ...(c.sealed.length ? { sealed: c.sealed } : {}) }]),
    );
    expect({ contracts, referralFields: REFERRAL_FIELDS }).toMatchSnapshot();
  });

  it('no broadcast event (what reporting reads) has a field for a name, birth date, address, ID number or narrative', () => {
    const forbidden = /name|birth|address|idNumber|nik|narrative|phone/i;
    const broadcastOnly = allContracts().filter((c) =>
      [
        'case.registered.v1',
        'referral.status-changed.v1',
        'case.first-response-overdue.v1',
        'case.first-response-recorded.v1',
        'victim.statistics-consent-withdrawn.v1',
        'victim.statistics-consent-given.v1',
      ].includes(c.pattern),
    );
    expect(broadcastOnly).toHaveLength(6);
    for (const c of broadcastOnly) expect(fields(c.payload).filter((f) => forbidden.test(f))).toEqual([]);
  });

  it('a referral seals the person and a hand-over the whole case: what the bus may not see', () => {
    const sealed = Object.fromEntries(allContracts().map((c) => [c.pattern, c.sealed]));
    expect(sealed['referral.requested.v1']).toEqual(expect.arrayContaining(['person', 'consentOverrideReason']));
    expect(sealed['case.handover-requested.v1']).toEqual(expect.arrayContaining(['victims', 'incident', 'perpetrators', 'reason']));
  });

  /**
   * Staff's own words can name or locate her ("she went back to her uncle in
   * Desa ..."), so no addressed event carries free text in clear: every string
   * field that is not a code, a date, an id or a pattern is inside a sealed field.
   */
  it('no addressed event carries free text outside its sealed fields', () => {
    const constrained = /^(isIn|matches|isUUID|isISO8601|isDateString|isEmail)\b/;
    const inClear: string[] = [];
    for (const c of allContracts().filter((x) => x.receivers && !x.area.startsWith('ledger'))) {
      for (const [path, field] of Object.entries(describeFields(c.payload))) {
        if (!field.rules.some((r) => r.startsWith('isString'))) continue;
        if (field.rules.some((r) => constrained.test(r))) continue;
        // Ids, not words: the acting account at its own node (no one outside can resolve it), a registry agency id.
        if (path === 'actor.staffId' || path.endsWith('agencyId')) continue;
        if (!c.sealed.includes(path.split('.')[0])) inClear.push(`${c.pattern}: ${path}`);
      }
    }
    expect(inClear).toEqual([]);
  });

  it('a shelter referral carries name, sex, age and safety notes, never the incident story or the NIK', () => {
    expect(REFERRAL_FIELDS.shelter).toEqual(expect.arrayContaining(['name', 'sex', 'ageYears', 'safetyNotes']));
    expect(REFERRAL_FIELDS.shelter).not.toContain('incidentNarrative');
    expect(REFERRAL_FIELDS.shelter).not.toContain('idNumber');
  });
});
