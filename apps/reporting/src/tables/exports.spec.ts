import { describe, expect, it } from '@jest/globals';
import { HIDDEN_MARK } from '@rujukan/contracts';
import { tablesToCsv, tablesToXlsx, xlsxToTables } from './exports.js';
import { noteFor, type ShownTable } from './release.js';

const values = {
  'Kota Batam': { cases: 70, trafficking: 40, total: 70 },
  'Kabupaten Bintan': { cases: '<5', trafficking: '<5', total: '<5' },
  total: { cases: HIDDEN_MARK, trafficking: HIDDEN_MARK, total: HIDDEN_MARK },
};
const shown: ShownTable = {
  id: 'cases-by-district',
  title: 'Cases by district',
  unit: 'cases',
  rows: ['Kota Batam', 'Kabupaten Bintan', 'total'],
  columns: ['cases', 'trafficking', 'total'],
  values,
  note: noteFor({ rows: ['Kota Batam', 'Kabupaten Bintan', 'total'], columns: ['cases', 'trafficking', 'total'], values }, 5),
};

describe('the exports of a public table', () => {
  it('keep its marks as printed and carry its note in both languages (CSV: header lines; the rows stay data)', () => {
    const csv = tablesToCsv([shown], { view: 'public' }).split('\r\n');
    expect(csv).toContain(`# note cases-by-district (id): ${shown.note!.id}`);
    expect(csv).toContain(`# note cases-by-district (en): ${shown.note!.en}`);
    expect(csv).toContain(`cases-by-district,Cases by district,total,trafficking,${HIDDEN_MARK}`);
    expect(csv).toContain('cases-by-district,Cases by district,Kabupaten Bintan,cases,<5');
    expect(csv.filter((l) => l && !l.startsWith('#'))).toHaveLength(1 + 9);
  });

  it('keep its marks and its note in the workbook, under the table, and read both back', async () => {
    const [sheet] = await xlsxToTables(await tablesToXlsx([shown], { view: 'public' }));
    expect(sheet).toEqual({ id: shown.id, title: shown.title, rows: shown.rows, columns: shown.columns, values, note: shown.note });
  });

  it('carry no note for a table without marks', async () => {
    const exact: ShownTable = {
      ...shown,
      values: { 'Kota Batam': { cases: 70, trafficking: 40, total: 70 } },
      rows: ['Kota Batam'],
      note: undefined,
    };
    expect(tablesToCsv([exact], {})).not.toContain('# note');
    const [sheet] = await xlsxToTables(await tablesToXlsx([exact], {}));
    expect(sheet.note).toBeUndefined();
    expect(sheet.values).toEqual(exact.values);
  });
});
