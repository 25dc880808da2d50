import { describe, expect, it } from '@jest/globals';
import { AgencyDirectory } from '@rujukan/platform';
import { hospitalReferralProblem } from './hospital-referral-rule.js';

const directory = AgencyDirectory.of([
  { id: 'puskesmas-tanjungpinang-kota', node: 'health', name: 'Puskesmas Tanjungpinang Kota' },
  { id: 'rsud-tanjungpinang', node: 'health', name: 'RSUD Kota Tanjungpinang (PPT)' },
  { id: 'rumah-aman-tanjungpinang', node: 'shelter', name: 'Rumah Aman' },
]);

describe('a referral up to a hospital', () => {
  it('goes to another health agency of the directory', () => {
    expect(hospitalReferralProblem(directory, 'puskesmas-tanjungpinang-kota', 'rsud-tanjungpinang')).toBeNull();
  });

  it('is refused to an agency not in the directory, one that is not a health node, or the agency itself', () => {
    expect(hospitalReferralProblem(directory, 'puskesmas-tanjungpinang-kota', 'rs-unknown')).toMatch(/not in the agency directory/);
    expect(hospitalReferralProblem(directory, 'puskesmas-tanjungpinang-kota', 'rumah-aman-tanjungpinang')).toMatch(
      /shelter node, not a health node/,
    );
    expect(hospitalReferralProblem(directory, 'rsud-tanjungpinang', 'rsud-tanjungpinang')).toMatch(/another health agency/);
  });
});
