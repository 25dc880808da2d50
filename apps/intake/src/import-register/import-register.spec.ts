import { describe, expect, it } from '@jest/globals';
import { ImportRegisterService } from './import-register.service.js';
import { parseCsv } from './read-register.js';

const service = new ImportRegisterService(null as never, null as never, null as never, null as never, null as never);
const header =
  'register_number,reported_on,channel,kind,district,violence_types,place,victim_sex,victim_age,victim_district,consent_statistics';
const lines = (...rows: string[]) => {
  const [columns, ...body] = parseCsv([header, ...rows].join('\n'));
  return {
    columns,
    lines: body.map((cells, i) => ({ line: i + 2, cells: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])) })),
  };
};
const check = (...rows: string[]) => {
  const { columns, lines: ls } = lines(...rows);
  return service.check(columns, ls, '2026-12-01');
};

describe('a past register checked before anything is imported', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks', () => {
    expect(parseCsv('a,"b, c","say ""hi""\nthere"\r\nd,,e')).toEqual([
      ['a', 'b, c', 'say "hi"\nthere'],
      ['d', '', 'e'],
    ]);
  });

  it('groups rows of one register number into one case', () => {
    const { problems, cases } = check(
      'R-1,2024-03-10,walk-in,violence-against-women,Kota Batam,physical;sexual,household,female,30,Kota Batam,yes',
      'R-1,2024-03-10,walk-in,violence-against-women,Kota Batam,physical;sexual,household,female,12,Kota Batam,no',
      'R-2,2024-04-01,hotline,trafficking,Kota Batam,trafficking,workplace,male,19,Kota Batam,yes',
    );
    expect(problems).toEqual([]);
    expect(cases.map((c) => [c.number, c.rows.length])).toEqual([
      ['R-1', 2],
      ['R-2', 1],
    ]);
    expect(cases[0].rows[0].row.violenceTypes).toEqual(['physical', 'sexual']);
  });

  it('names each bad row by line and column, one message per column, and returns no case', () => {
    const { problems, cases } = check(
      'R-1,2024-03-10,walk-in,violence-against-women,Kota Batam,physical,household,female,30,Kota Batam,yes',
      'R-2,2027-01-01,walk-in,violence-against-women,Kota Batam,kicking,household,female,,Kota Batam,maybe',
      'R-1,2024-03-11,walk-in,violence-against-women,Kota Batam,physical,household,female,30,Kota Batam,yes',
    );
    expect(cases).toEqual([]);
    expect(problems.map((p) => `${p.line} ${p.column}`).sort()).toEqual(
      ['3 violence_types', '3 victim_age', '3 consent_statistics', '4 reported_on'].sort(),
    );
    expect(problems.find((p) => p.column === 'victim_age')!.problem).toMatch(/victim_age must be a whole number/);
    expect(problems.find((p) => p.line === 4)!.problem).toBe('reported_on differs from line 2 of the same case R-1');
  });

  it('refuses a register with an unknown or a missing column before reading its rows', () => {
    const { columns, lines: ls } = lines(
      'R-1,2024-03-10,walk-in,violence-against-women,Kota Batam,physical,household,female,30,Kota Batam,yes',
    );
    const { problems } = service.check([...columns.filter((c) => c !== 'kind'), 'nama_korban'], ls, '2026-12-01');
    expect(problems.map((p) => p.problem)).toEqual(['unknown column nama_korban', 'column kind is missing']);
  });
});
