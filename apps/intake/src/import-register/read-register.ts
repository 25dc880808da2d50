import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';

/** A register's row: its line in the file (the header is line 1) and its cells by column name. */
export interface RegisterLine {
  line: number;
  cells: Record<string, string>;
}

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, CRLF or LF) into rows of cells. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  const endCell = () => {
    row.push(cell);
    cell = '';
  };
  const endRow = () => {
    endCell();
    rows.push(row);
    row = [];
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endCell();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      endRow();
    } else cell += ch;
  }
  if (cell !== '' || row.length) endRow();
  return rows;
}

/** The cell's text as a register means it: dates as YYYY-MM-DD, numbers as written. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && 'text' in value) return String(value.text);
  if (typeof value === 'object' && 'result' in value) return cellText(value.result);
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  if (typeof value === 'object') return '';
  return String(value);
}

/** Reads a register (.csv, or .xlsx: its first sheet); rows with no cell filled are skipped. */
export async function readRegister(path: string): Promise<{ columns: string[]; lines: RegisterLine[] }> {
  let rows: string[][];
  if (path.toLowerCase().endsWith('.xlsx')) {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    rows = [];
    sheet?.eachRow({ includeEmpty: true }, (r, n) => {
      const values = Array.isArray(r.values) ? r.values.slice(1) : [];
      rows[n - 1] = values.map((v) => cellText(v));
    });
    rows = Array.from(rows, (r) => r ?? []);
  } else if (path.toLowerCase().endsWith('.csv')) {
    rows = parseCsv(await readFile(path, 'utf8'));
  } else {
    throw new Error(`${path}: a register is a .csv or .xlsx file`);
  }
  const [header = [], ...body] = rows;
  const columns = header.map((h) => h.trim().toLowerCase());
  const lines = body
    .map((cells, i) => ({ line: i + 2, cells: Object.fromEntries(columns.map((c, j) => [c, (cells[j] ?? '').trim()])) }))
    .filter((l) => Object.values(l.cells).some((v) => v !== ''));
  return { columns, lines };
}
