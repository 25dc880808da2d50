import { describe, expect, it } from '@jest/globals';
import { NIK_PROVINCE_CODES, isValidNik, nikAgreement, parseNik } from './nik.js';

/** A synthetic NIK: province, regency, district, DDMMYY (women + 40), serial. */
const nik = (parts: { p?: string; r?: string; d?: string; dd: string; mm: string; yy: string; s?: string }): string =>
  `${parts.p ?? '21'}${parts.r ?? '72'}${parts.d ?? '03'}${parts.dd}${parts.mm}${parts.yy}${parts.s ?? '0001'}`;

const MAN = nik({ dd: '15', mm: '05', yy: '90' }); // born 15 May 1990
const WOMAN = nik({ dd: '45', mm: '05', yy: '03', s: '0042' }); // born 5 May 2003

function problemsOf(value: string): string[] {
  const parsed = parseNik(value);
  if (parsed.ok) throw new Error('expected an invalid NIK');
  return parsed.problems;
}

describe('parseNik', () => {
  it('reads a man’s NIK', () => {
    expect(parseNik(MAN)).toEqual({
      ok: true,
      province: '21',
      regency: '72',
      isCity: true,
      district: '03',
      sex: 'male',
      birthDay: 15,
      birthMonth: 5,
      birthYY: 90,
      serial: '0001',
    });
  });

  it('reads a woman’s NIK, taking the 40 off her birth day', () => {
    expect(parseNik(WOMAN)).toMatchObject({ ok: true, sex: 'female', birthDay: 5, birthMonth: 5, birthYY: 3, serial: '0042' });
    expect(parseNik(nik({ r: '01', dd: '71', mm: '12', yy: '99' }))).toMatchObject({
      ok: true,
      isCity: false,
      sex: 'female',
      birthDay: 31,
    });
  });

  it('rejects a wrong length', () => {
    expect(problemsOf(MAN.slice(0, 15))).toEqual(['idNumber must be exactly 16 digits; it has 15']);
    expect(problemsOf(`${MAN}1`)).toEqual(['idNumber must be exactly 16 digits; it has 17']);
    expect(problemsOf('')).toEqual(['idNumber must be exactly 16 digits; it has 0']);
  });

  it('rejects anything but digits, separators included', () => {
    expect(problemsOf(`${MAN.slice(0, 15)}X`)).toEqual([expect.stringContaining('only the digits 0-9')]);
    expect(problemsOf(`${MAN.slice(0, 4)} ${MAN.slice(4)}`)).toEqual([expect.stringContaining('only the digits 0-9')]);
  });

  it('rejects a province code not in use', () => {
    expect(problemsOf(nik({ p: '20', dd: '15', mm: '05', yy: '90' }))).toEqual([
      "idNumber's province code (digits 1-2) is 20, which is not an Indonesian province",
    ]);
    expect(problemsOf(nik({ p: '98', dd: '15', mm: '05', yy: '90' }))).toHaveLength(1);
    for (const p of NIK_PROVINCE_CODES) expect(isValidNik(nik({ p, dd: '15', mm: '05', yy: '90' }))).toBe(true);
  });

  it('rejects regency and district code 00', () => {
    expect(problemsOf(nik({ r: '00', d: '00', dd: '15', mm: '05', yy: '90' }))).toEqual([
      "idNumber's regency/city code (digits 3-4) cannot be 00",
      "idNumber's district (kecamatan) code (digits 5-6) cannot be 00",
    ]);
  });

  it('rejects birth days outside 01-31 and 41-71', () => {
    const dayProblem = (dd: string) =>
      `idNumber's birth day (digits 7-8) is ${dd}; it must be 01-31 for a man or 41-71 for a woman (day + 40)`;
    expect(problemsOf(nik({ dd: '32', mm: '05', yy: '90' }))).toEqual([dayProblem('32')]);
    expect(problemsOf(nik({ dd: '72', mm: '05', yy: '90' }))).toEqual([dayProblem('72')]);
    expect(problemsOf(nik({ dd: '00', mm: '05', yy: '90' }))).toEqual([dayProblem('00')]);
    expect(problemsOf(nik({ dd: '40', mm: '05', yy: '90' }))).toEqual([dayProblem('40')]);
  });

  it('rejects month 13 and month 00', () => {
    expect(problemsOf(nik({ dd: '15', mm: '13', yy: '90' }))).toEqual(["idNumber's birth month (digits 9-10) is 13; it must be 01-12"]);
    expect(problemsOf(nik({ dd: '15', mm: '00', yy: '90' }))).toHaveLength(1);
  });

  it('rejects days a month does not have, for men and women alike', () => {
    expect(problemsOf(nik({ dd: '30', mm: '02', yy: '92' }))).toEqual([
      "idNumber's birth date (digits 7-12) is 30 February, which does not exist",
    ]);
    expect(problemsOf(nik({ dd: '71', mm: '04', yy: '92' }))).toEqual([
      "idNumber's birth date (digits 7-12) is 31 April, which does not exist",
    ]);
  });

  it('accepts 29 February only in a year that can be a leap year in 19xx or 20xx', () => {
    expect(problemsOf(nik({ dd: '29', mm: '02', yy: '23' }))).toEqual([
      "idNumber's birth date (digits 7-12) is 29 February of a year ending in 23, which is not a leap year (neither 1923 nor 2023)",
    ]);
    expect(isValidNik(nik({ dd: '69', mm: '02', yy: '01' }))).toBe(false);
    expect(isValidNik(nik({ dd: '29', mm: '02', yy: '96' }))).toBe(true);
    expect(isValidNik(nik({ dd: '69', mm: '02', yy: '00' }))).toBe(true); // 2000 was a leap year, though 1900 was not
  });

  it('rejects serial 0000', () => {
    expect(problemsOf(nik({ dd: '15', mm: '05', yy: '90', s: '0000' }))).toEqual([
      "idNumber's serial number (digits 13-16) cannot be 0000",
    ]);
    expect(isValidNik(nik({ dd: '15', mm: '05', yy: '90', s: '9999' }))).toBe(true);
  });

  it('reports every problem at once', () => {
    expect(problemsOf(nik({ p: '10', dd: '35', mm: '14', yy: '90', s: '0000' }))).toHaveLength(4);
  });

  it('never repeats the number in a message', () => {
    const bad = nik({ p: '10', r: '00', d: '00', dd: '35', mm: '14', yy: '90', s: '0000' });
    for (const problem of problemsOf(bad)) expect(problem).not.toContain(bad);
    for (const problem of nikAgreement(WOMAN, { sex: 'male', birthDate: '1990-01-01' })) expect(problem).not.toContain(WOMAN);
  });
});

describe('nikAgreement', () => {
  it('is empty when sex and birth date agree', () => {
    expect(nikAgreement(MAN, { sex: 'male', birthDate: '1990-05-15' })).toEqual([]);
    expect(nikAgreement(WOMAN, { sex: 'female', birthDate: '2003-05-05' })).toEqual([]);
  });

  it('compares only the sex when there is no birth date', () => {
    expect(nikAgreement(WOMAN, { sex: 'female' })).toEqual([]);
    expect(nikAgreement(WOMAN, { sex: 'female', birthDate: null })).toEqual([]);
  });

  it('names a sex the birth day contradicts', () => {
    expect(nikAgreement(WOMAN, { sex: 'male' })).toEqual([
      "idNumber's birth day (digits 7-8) is 45, which marks a woman born on day 05, but sex is male",
    ]);
    expect(nikAgreement(MAN, { sex: 'female' })).toEqual([
      "idNumber's birth day (digits 7-8) is 15, which marks a man (a woman's would be 55), but sex is female",
    ]);
  });

  it('names each part of the birth date that disagrees', () => {
    expect(nikAgreement(MAN, { sex: 'male', birthDate: '1990-05-16' })).toEqual([
      "idNumber's birth date (digits 7-12) disagrees with birthDate: day 15 vs 16",
    ]);
    expect(nikAgreement(WOMAN, { sex: 'female', birthDate: '2004-06-05' })).toEqual([
      "idNumber's birth date (digits 7-12) disagrees with birthDate: month 05 vs 06, year ending 03 vs 04",
    ]);
  });

  it('reports sex and birth date together', () => {
    expect(nikAgreement(WOMAN, { sex: 'male', birthDate: '2003-05-06' })).toHaveLength(2);
  });

  it('takes the century from the birth date, which the NIK does not record', () => {
    expect(nikAgreement(MAN, { sex: 'male', birthDate: '1890-05-15' })).toEqual([]);
  });

  it('returns the NIK’s own problems when it is not valid', () => {
    expect(nikAgreement(MAN.slice(1), { sex: 'male' })).toEqual(['idNumber must be exactly 16 digits; it has 15']);
  });

  it('asks for a YYYY-MM-DD birth date', () => {
    expect(nikAgreement(MAN, { sex: 'male', birthDate: '15/05/1990' })).toEqual([
      'birthDate must be a date written YYYY-MM-DD to be compared with idNumber',
    ]);
  });
});
