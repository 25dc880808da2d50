import { describe, expect, it } from '@jest/globals';
import { diversionProblem, restitutionProblem } from './eligibility.js';

describe('restitution claims', () => {
  it('are for trafficking victims, and for victims of sexual violence', () => {
    expect(restitutionProblem({ violenceTypes: ['trafficking', 'exploitation'] })).toBeNull();
    expect(restitutionProblem({ violenceTypes: ['sexual'] })).toBeNull();
  });

  it('are refused for other violence, or when the referral does not say', () => {
    expect(restitutionProblem({ violenceTypes: ['physical', 'psychological'] })).toMatch(/physical, psychological/);
    expect(restitutionProblem({})).toMatch(/not given/);
  });
});

describe('diversion', () => {
  it('is for a child of 12 to 17', () => {
    expect(diversionProblem({ ageYears: 12 })).toBeNull();
    expect(diversionProblem({ ageYears: 17 })).toBeNull();
  });

  it('is refused for an adult, a child under 12, or an unknown age', () => {
    expect(diversionProblem({ ageYears: 18 })).toMatch(/12 to 17/);
    expect(diversionProblem({ ageYears: 11 })).toMatch(/12 to 17/);
    expect(diversionProblem({})).toMatch(/does not give the age/);
  });
});
