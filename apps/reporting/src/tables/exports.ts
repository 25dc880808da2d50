import ExcelJS from 'exceljs';
import { LANGUAGES, type Language } from '@rujukan/contracts';
import type { ShownTable } from './release.js';

/** RFC 4180 field: quoted when it holds a comma, quote or line break; a leading =, +, - or @ is defused for spreadsheets. */
function field(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@]/.test(s) && !/^-?\d/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * One CSV in long form, the way national recording takes it: table, row, column, value.
 * Each table's note (what its marks mean) is a header line per language, so the rows stay data.
 */
export function tablesToCsv(tables: readonly ShownTable[], meta: Record<string, string>): string {
  const notes = tables.flatMap((t) => (t.note ? LANGUAGES.map((lang) => `# note ${t.id} (${lang}): ${t.note![lang]}`) : []));
  const lines = [...Object.entries(meta).map(([k, v]) => `# ${k}: ${v}`), ...notes, ['table', 'title', 'row', 'column', 'value'].join(',')];
  for (const t of tables) {
    for (const row of t.rows)
      for (const column of t.columns) lines.push([t.id, t.title, row, column, t.values[row]?.[column] ?? 0].map(field).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** One workbook: a sheet per table (rows by columns, as printed, then its note), and a first sheet saying what it is. */
export async function tablesToXlsx(tables: readonly ShownTable[], meta: Record<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Jejaring Rujukan (reporting node)';
  const about = wb.addWorksheet('about');
  for (const [k, v] of Object.entries(meta)) about.addRow([k, v]);
  for (const t of tables) {
    // Sheet names: at most 31 characters; the full id is in A1, the title in B1.
    const sheet = wb.addWorksheet(t.id.slice(0, 31));
    sheet.addRow([t.id, t.title]);
    sheet.addRow(['', ...t.columns]);
    for (const row of t.rows) sheet.addRow([row, ...t.columns.map((c) => t.values[row]?.[c] ?? 0)]);
    // Under the table, after an empty row, as printed tables carry their notes.
    if (t.note) {
      sheet.addRow([]);
      for (const lang of LANGUAGES) sheet.addRow([noteLabel(lang), t.note[lang]]);
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const noteLabel = (lang: Language) => `note (${lang})`;

/** Reads a workbook written by tablesToXlsx back into shown tables (for checks and for re-import). */
export async function xlsxToTables(
  data: Buffer,
): Promise<Array<Pick<ShownTable, 'id' | 'title' | 'rows' | 'columns' | 'values' | 'note'>>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb.worksheets
    .filter((s) => s.name !== 'about')
    .map((sheet) => {
      const cellsOf = (n: number) => ((sheet.getRow(n).values as unknown[]) ?? []).slice(1) as Array<string | number>;
      const columns = cellsOf(2).slice(1).map(String);
      const rows: string[] = [];
      const values: ShownTable['values'] = {};
      let n = 3;
      for (; n <= sheet.rowCount; n++) {
        const [row, ...vals] = cellsOf(n);
        if (row === undefined || row === null || row === '') break; // the empty row before the note
        rows.push(String(row));
        values[String(row)] = Object.fromEntries(columns.map((c, i) => [c, vals[i]]));
      }
      const note: Partial<Record<Language, string>> = {};
      for (; n <= sheet.rowCount; n++) {
        const [label, text] = cellsOf(n);
        const lang = LANGUAGES.find((l) => noteLabel(l) === label);
        if (lang) note[lang] = String(text);
      }
      const [id, title] = cellsOf(1).map(String);
      return { id, title, rows, columns, values, ...(note.id && note.en ? { note: note as Record<Language, string> } : {}) };
    });
}
