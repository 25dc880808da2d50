import type { Sex } from '@rujukan/contracts';

/**
 * The NIK (Nomor Induk Kependudukan), the 16-digit national ID number:
 *
 *   PP RR DD ddmmyy SSSS
 *   1-2   province code
 *   3-4   regency (kabupaten) or city (kota) code; 71 and above are cities
 *   5-6   district (kecamatan) code
 *   7-12  birth date as DDMMYY, with 40 added to the day for women
 *   13-16 serial number within that district and birth date
 *
 * Every problem message names digit positions, never the number itself: a NIK
 * identifies a victim and these messages end up in HTTP responses and logs.
 */

/**
 * Province codes in use on identity cards. Papua's provinces take 91-97: the
 * region has been split more than once (latest in 2022) and renumbered, and
 * cards issued under earlier numbers stay valid, so every code in the range is.
 */
export const NIK_PROVINCE_CODES: readonly string[] = [
  // Sumatra: Aceh … Bangka Belitung
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  // Riau Islands
  '21',
  // Java: Jakarta, West Java, Central Java, Yogyakarta, East Java, Banten
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  // Bali and Nusa Tenggara
  '51',
  '52',
  '53',
  // Kalimantan
  '61',
  '62',
  '63',
  '64',
  '65',
  // Sulawesi
  '71',
  '72',
  '73',
  '74',
  '75',
  '76',
  // Maluku
  '81',
  '82',
  // Papua
  '91',
  '92',
  '93',
  '94',
  '95',
  '96',
  '97',
];

/**
 * Women's birth days are stored with 40 added, so the NIK also records sex
 * without a separate digit (day 01-31 is a man, 41-71 a woman).
 */
export const NIK_FEMALE_DAY_OFFSET = 40;

/** First regency/city code that denotes a city (kota) rather than a regency. */
export const NIK_FIRST_CITY_CODE = 71;

export interface ParsedNik {
  ok: true;
  province: string;
  regency: string;
  /** Whether the regency code denotes a city (kota), i.e. is 71 or above. */
  isCity: boolean;
  district: string;
  sex: Sex;
  /** The real day of birth, 1-31 (the 40 added for women already taken off). */
  birthDay: number;
  birthMonth: number;
  /** Two-digit year 0-99: the NIK does not record the century. */
  birthYY: number;
  serial: string;
}

export interface InvalidNik {
  ok: false;
  problems: string[];
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Reads a NIK and reports every structural problem it finds. The number must be
 * exactly 16 digits: no spaces or separators are removed, so callers validate
 * the same string they store and compare.
 */
export function parseNik(nik: string): ParsedNik | InvalidNik {
  if (!/^[0-9]*$/.test(nik)) {
    return { ok: false, problems: ['idNumber must contain only the digits 0-9 (no spaces, dots or letters)'] };
  }
  if (nik.length !== 16) {
    return { ok: false, problems: [`idNumber must be exactly 16 digits; it has ${nik.length}`] };
  }

  const problems: string[] = [];
  const province = nik.slice(0, 2);
  const regency = nik.slice(2, 4);
  const district = nik.slice(4, 6);
  const rawDay = Number(nik.slice(6, 8));
  const month = Number(nik.slice(8, 10));
  const yy = Number(nik.slice(10, 12));
  const serial = nik.slice(12, 16);

  if (!NIK_PROVINCE_CODES.includes(province)) {
    problems.push(`idNumber's province code (digits 1-2) is ${province}, which is not an Indonesian province`);
  }
  if (regency === '00') problems.push("idNumber's regency/city code (digits 3-4) cannot be 00");
  if (district === '00') problems.push("idNumber's district (kecamatan) code (digits 5-6) cannot be 00");

  const female = rawDay > NIK_FEMALE_DAY_OFFSET;
  const day = female ? rawDay - NIK_FEMALE_DAY_OFFSET : rawDay;
  const dayOk = day >= 1 && day <= 31;
  const monthOk = month >= 1 && month <= 12;
  if (!dayOk) {
    problems.push(`idNumber's birth day (digits 7-8) is ${two(rawDay)}; it must be 01-31 for a man or 41-71 for a woman (day + 40)`);
  }
  if (!monthOk) problems.push(`idNumber's birth month (digits 9-10) is ${two(month)}; it must be 01-12`);
  if (dayOk && monthOk) {
    const monthName = MONTH_NAMES[month - 1];
    if (day > DAYS_IN_MONTH[month - 1]) {
      problems.push(`idNumber's birth date (digits 7-12) is ${day} ${monthName}, which does not exist`);
    } else if (month === 2 && day === 29 && !canBeLeapYear(yy)) {
      problems.push(
        `idNumber's birth date (digits 7-12) is 29 February of a year ending in ${two(yy)}, which is not a leap year (neither 19${two(yy)} nor 20${two(yy)})`,
      );
    }
  }
  if (serial === '0000') problems.push("idNumber's serial number (digits 13-16) cannot be 0000");

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    province,
    regency,
    isCity: Number(regency) >= NIK_FIRST_CITY_CODE,
    district,
    sex: female ? 'female' : 'male',
    birthDay: day,
    birthMonth: month,
    birthYY: yy,
    serial,
  };
}

/** Whether a string is a structurally valid NIK. */
export function isValidNik(nik: string | null | undefined): nik is string {
  return typeof nik === 'string' && parseNik(nik).ok;
}

/**
 * Whether 19YY or 20YY is a leap year. 1900 was not but 2000 was, so every
 * year ending in a multiple of 4 (00 included) can be one.
 */
function canBeLeapYear(yy: number): boolean {
  return yy % 4 === 0;
}

/**
 * Problems when a NIK disagrees with the person it is given for: the sex encoded
 * in the day (women + 40) and the DDMMYY birth date. An empty array means they
 * agree. A NIK that is not valid at all gets its `parseNik` problems, since it
 * cannot agree with anything. Without a birth date only the sex is compared.
 */
export function nikAgreement(nik: string, person: { sex: Sex; birthDate?: string | null }): string[] {
  const parsed = parseNik(nik);
  if (!parsed.ok) return parsed.problems;

  const problems: string[] = [];
  const rawDay = parsed.sex === 'female' ? parsed.birthDay + NIK_FEMALE_DAY_OFFSET : parsed.birthDay;
  if (parsed.sex !== person.sex) {
    const meaning =
      parsed.sex === 'female'
        ? `a woman born on day ${two(parsed.birthDay)}`
        : `a man (a woman's would be ${parsed.birthDay + NIK_FEMALE_DAY_OFFSET})`;
    problems.push(`idNumber's birth day (digits 7-8) is ${two(rawDay)}, which marks ${meaning}, but sex is ${person.sex}`);
  }

  if (person.birthDate != null) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(person.birthDate);
    if (!m) {
      problems.push('birthDate must be a date written YYYY-MM-DD to be compared with idNumber');
    } else {
      const year = Number(m[1]);
      const month = Number(m[2]);
      const day = Number(m[3]);
      const differences: string[] = [];
      if (day !== parsed.birthDay) differences.push(`day ${two(parsed.birthDay)} vs ${two(day)}`);
      if (month !== parsed.birthMonth) differences.push(`month ${two(parsed.birthMonth)} vs ${two(month)}`);
      if (year % 100 !== parsed.birthYY) differences.push(`year ending ${two(parsed.birthYY)} vs ${two(year % 100)}`);
      if (differences.length > 0) {
        problems.push(`idNumber's birth date (digits 7-12) disagrees with birthDate: ${differences.join(', ')}`);
      }
    }
  }
  return problems;
}
