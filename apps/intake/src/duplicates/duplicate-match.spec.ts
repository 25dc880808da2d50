import { describe, expect, it } from '@jest/globals';
import { type DuplicatePerson, findDuplicates, sameDistrict } from './duplicate-match.js';

// Synthetic NIKs: Riau Islands (21), Tanjungpinang (72), district 03.
const NIK_A = '2172035505030001'; // a woman born 15 May 2003
const NIK_B = '2172035505030002'; // another woman born the same day

const person = (overrides: Partial<DuplicatePerson> & { id: string }): DuplicatePerson => ({
  name: 'Siti Aminah',
  sex: 'female',
  birthDate: '2003-05-15',
  ageYears: 22,
  district: 'Tanjungpinang',
  idNumber: null,
  ...overrides,
});

describe('sameDistrict', () => {
  it('ignores case, spacing, punctuation and a kota/kabupaten prefix on one side', () => {
    expect(sameDistrict('Kota Tanjungpinang', 'tanjungpinang')).toBe(true);
    expect(sameDistrict('  TANJUNG  PINANG ', 'Kota Tanjungpinang')).toBe(true);
    expect(sameDistrict('Kab. Bintan', 'Kabupaten Bintan')).toBe(true);
    expect(sameDistrict('Kab Bintan', 'bintan')).toBe(true);
  });

  it('keeps a regency and a city of the same name apart', () => {
    expect(sameDistrict('Kota Bandung', 'Kabupaten Bandung')).toBe(false);
    expect(sameDistrict('Bintan', 'Batam')).toBe(false);
    expect(sameDistrict('', '')).toBe(false);
  });
});

describe('findDuplicates', () => {
  it('finds the same NIK whatever the names and dates say', () => {
    const candidate = person({ id: 'new', idNumber: NIK_A });
    const existing = [person({ id: 'old', name: 'Aminah', birthDate: null, district: 'Bintan', idNumber: NIK_A })];
    expect(findDuplicates(candidate, existing)).toEqual([{ id: 'old', basis: 'nik', weaker: false, reason: 'same ID number (NIK)' }]);
  });

  it('does not match different valid NIKs even with the same name, birth date and district', () => {
    const candidate = person({ id: 'new', idNumber: NIK_A });
    expect(findDuplicates(candidate, [person({ id: 'old', idNumber: NIK_B })])).toEqual([]);
  });

  it('falls back to the name when a NIK is missing or not valid', () => {
    const candidate = person({ id: 'new', idNumber: NIK_A });
    const existing = [person({ id: 'none' }), person({ id: 'malformed', idNumber: '2172035505030000' })];
    expect(findDuplicates(candidate, existing).map((m) => [m.id, m.basis])).toEqual([
      ['none', 'name-birth-date-district'],
      ['malformed', 'name-birth-date-district'],
    ]);
    expect(findDuplicates(candidate, existing)[0].reason).toContain('a valid NIK on one side only');
  });

  it('matches a spelling variant with the same birth date and district', () => {
    const candidate = person({ id: 'new', name: 'Sity Aminah binti Achmad', district: 'Kota Tanjungpinang' });
    const [match, ...rest] = findDuplicates(candidate, [person({ id: 'old', name: 'Siti Aminah' })]);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ id: 'old', basis: 'name-birth-date-district', weaker: false });
    expect(match.reason).not.toMatch(/siti|aminah/i);
  });

  it('matches old spelling and a single name', () => {
    const candidate = person({ id: 'new', name: 'Soekarni', sex: 'female' });
    expect(findDuplicates(candidate, [person({ id: 'old', name: 'Sukarni Wati' })])).toMatchObject([{ id: 'old' }]);
  });

  it('does not match the same name with a different birth date', () => {
    const candidate = person({ id: 'new' });
    expect(findDuplicates(candidate, [person({ id: 'old', birthDate: '2003-05-16' })])).toEqual([]);
  });

  it('does not match the same name in another district', () => {
    expect(findDuplicates(person({ id: 'new' }), [person({ id: 'old', district: 'Batam' })])).toEqual([]);
  });

  it('matches on age within a year when a birth date is missing, as a weaker match', () => {
    const candidate = person({ id: 'new', birthDate: null, ageYears: 23 });
    const existing = [
      person({ id: 'a-year-younger', ageYears: 22 }),
      person({ id: 'same-age', birthDate: null, ageYears: 23 }),
      person({ id: 'two-years-older', ageYears: 25 }),
    ];
    const found = findDuplicates(candidate, existing);
    expect(found.map((m) => m.id)).toEqual(['a-year-younger', 'same-age']);
    expect(found.every((m) => m.basis === 'name-age-district' && m.weaker)).toBe(true);
    expect(found[0].reason).toMatch(/^weaker match/);
  });

  it('does not match a different sex without a shared NIK', () => {
    const candidate = person({ id: 'new', name: 'Joko Santoso', sex: 'male' });
    expect(findDuplicates(candidate, [person({ id: 'old', name: 'Djoko Santoso', sex: 'female' })])).toEqual([]);
    expect(findDuplicates({ ...candidate, birthDate: null }, [person({ id: 'old', name: 'Joko Santoso', sex: 'female' })])).toEqual([]);
  });

  it('orders the strongest matches first and skips the candidate itself', () => {
    const candidate = person({ id: 'new', idNumber: NIK_A });
    const existing = [
      person({ id: 'by-age', birthDate: null, ageYears: 21 }),
      person({ id: 'typo', name: 'Siti Aminha' }),
      person({ id: 'by-birth-date' }),
      person({ id: 'new', idNumber: NIK_A }),
      person({ id: 'by-nik', name: 'Aminah', idNumber: NIK_A }),
    ];
    expect(findDuplicates(candidate, existing).map((m) => [m.id, m.basis])).toEqual([
      ['by-nik', 'nik'],
      ['by-birth-date', 'name-birth-date-district'],
      ['typo', 'name-birth-date-district'],
      ['by-age', 'name-age-district'],
    ]);
  });

  it('finds nothing among no one', () => {
    expect(findDuplicates(person({ id: 'new' }), [])).toEqual([]);
  });
});
