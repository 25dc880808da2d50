import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { readRegister } from './read-register.js';

describe('reading a register file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rujukan-read-register-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads an Excel register: its first sheet, dates as YYYY-MM-DD, numbers as written, empty rows skipped', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Register 2023');
    sheet.addRow(['Register_Number', 'reported_on', 'victim_age', 'violence_types']);
    sheet.addRow(['2023/UPTD/014', new Date(Date.UTC(2023, 1, 14)), 34, 'physical;sexual']);
    sheet.addRow([]);
    sheet.addRow(['2023/UPTD/015', '2023-03-02', '13', { richText: [{ text: 'psycho' }, { text: 'logical' }] }]);
    workbook.addWorksheet('notes').addRow(['not read']);
    const path = join(dir, 'register.xlsx');
    await workbook.xlsx.writeFile(path);

    const { columns, lines } = await readRegister(path);
    expect(columns).toEqual(['register_number', 'reported_on', 'victim_age', 'violence_types']);
    expect(lines).toEqual([
      {
        line: 2,
        cells: { register_number: '2023/UPTD/014', reported_on: '2023-02-14', victim_age: '34', violence_types: 'physical;sexual' },
      },
      {
        line: 4,
        cells: { register_number: '2023/UPTD/015', reported_on: '2023-03-02', victim_age: '13', violence_types: 'psychological' },
      },
    ]);
  });

  it('reads a CSV register written by Excel (BOM, CRLF, quotes) with the same lines', async () => {
    const path = join(dir, 'register.csv');
    writeFileSync(path, '\uFEFFregister_number,victim_name\r\n"2023/UPTD/014","Siti ""Ani"", A."\r\n\r\n2023/UPTD/015,Budi\r\n');
    expect(await readRegister(path)).toEqual({
      columns: ['register_number', 'victim_name'],
      lines: [
        { line: 2, cells: { register_number: '2023/UPTD/014', victim_name: 'Siti "Ani", A.' } },
        { line: 4, cells: { register_number: '2023/UPTD/015', victim_name: 'Budi' } },
      ],
    });
  });

  it('refuses a file that is neither', async () => {
    await expect(readRegister(join(dir, 'register.ods'))).rejects.toThrow('a register is a .csv or .xlsx file');
  });
});
