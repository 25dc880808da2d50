import { describe, expect, it } from '@jest/globals';
import { advanceState } from '@rujukan/contracts';
import { AgencyDirectory } from '@rujukan/platform';
import { VISUM_STATE_RANK } from './visum-request.entity.js';
import { visumAgencyProblem } from './visum-agency-rule.js';

const directory = AgencyDirectory.of([
  { id: 'rsud-tanjungpinang', node: 'health', name: 'RSUD Kota Tanjungpinang (PPT)' },
  { id: 'rumah-aman-tanjungpinang', node: 'shelter', name: 'Rumah Aman' },
]);

describe('a visum request', () => {
  it('goes to a health agency of the directory only', () => {
    expect(visumAgencyProblem(directory, 'rsud-tanjungpinang')).toBeNull();
    expect(visumAgencyProblem(directory, 'rumah-aman-tanjungpinang')).toMatch(/shelter node; a visum is issued by a health agency/);
    expect(visumAgencyProblem(directory, 'rs-nowhere')).toMatch(/not in the agency directory/);
  });

  it('takes the first answer: issued and declined do not replace each other, a repeat changes nothing', () => {
    expect(advanceState(VISUM_STATE_RANK, 'requested', 'issued')).toBe('issued');
    expect(advanceState(VISUM_STATE_RANK, 'requested', 'declined')).toBe('declined');
    expect(advanceState(VISUM_STATE_RANK, 'issued', 'declined')).toBe('issued');
    expect(advanceState(VISUM_STATE_RANK, 'declined', 'issued')).toBe('declined');
    expect(advanceState(VISUM_STATE_RANK, 'issued', 'issued')).toBe('issued');
  });
});
