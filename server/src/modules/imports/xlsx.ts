/**
 * The import format as XLSX: sheets named units, plans, indicators and observations (in one
 * workbook, or one workbook per table named units.xlsx …). Each sheet becomes the CSV text the
 * parser already validates, row for row — sheet row N is line N — so every rule lives in one
 * place, and problems are reported back with the workbook, the sheet, the row and the column.
 */
import type ExcelJS from 'exceljs';
import type { ImportFileName, ImportProblem } from './problems';
import type { ImportFiles } from './types';
import { lazyRequire } from '../../lib/lazy-require';

const excel = lazyRequire<typeof ExcelJS>('exceljs');

export interface WorkbookInput {
  /** File name, for messages (e.g. `seed.xlsx`). */
  name: string;
  data: Buffer;
}

/** A problem as reported to the user: a CSV file, or a workbook and sheet. */
export interface ReportedProblem extends Omit<ImportProblem, 'file'> {
  file: string;
  /** The sheet, when the table came from a workbook; `line` is then its row number. */
  sheet?: string;
}

export type ImportTable = keyof ImportFiles;
export const IMPORT_TABLES: readonly ImportTable[] = ['units', 'plans', 'indicators', 'observations'];
export const csvName = (table: ImportTable): ImportFileName => `${table}.csv`;

/** Where a table of the import came from, when not from a CSV file. */
export interface SheetSource {
  workbook: string;
  sheet: string;
}

const tableOf = (name: string): ImportTable | null => {
  const key = name.trim().toLowerCase().replace(/\.(csv|xlsx)$/, '');
  return (IMPORT_TABLES as readonly string[]).includes(key) ? (key as ImportTable) : null;
};

const isoDate = (d: Date): string => {
  if (Number.isNaN(d.getTime())) return 'invalid date';
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
};

/** The text of a cell as a person sees it typed: numbers in plain form, dates as ISO dates. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDate(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
  if ('hyperlink' in value) return cellText((value as { text?: ExcelJS.CellValue }).text ?? null);
  if ('error' in value) return String(value.error);
  return '';
}

/**
 * A sheet as CSV text, one line per sheet row (blank rows stay blank lines), each row padded to
 * the header's width: Excel does not store trailing empty cells, which would otherwise count as
 * missing columns. Line breaks inside a cell become spaces (the parser collapses white space anyway).
 */
export function sheetToCsv(sheet: ExcelJS.Worksheet): string {
  const lines: string[] = [];
  let width = 0;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value).replace(/[\r\n]+/g, ' '));
    while (cells.length > 0 && cells[cells.length - 1]!.trim() === '') cells.pop();
    if (r === 1) width = cells.length;
    if (cells.length === 0) {
      lines.push('');
      continue;
    }
    while (cells.length < width) cells.push('');
    lines.push(cells.map((v) => (/[",]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join(','));
  }
  return `${lines.join('\n')}\n`;
}

export interface WorkbookTables {
  files: ImportFiles;
  sources: Partial<Record<ImportTable, SheetSource>>;
  problems: ReportedProblem[];
}

/**
 * Reads the tables of the given workbooks. A sheet is a table when it is named after one; a
 * workbook named after a table (units.xlsx) with no such sheet gives its first sheet. Other
 * sheets (a read-me, say) are left alone.
 */
export async function readWorkbooks(inputs: readonly WorkbookInput[], alreadyGiven: ReadonlySet<ImportTable> = new Set()): Promise<WorkbookTables> {
  const files: ImportFiles = {};
  const sources: Partial<Record<ImportTable, SheetSource>> = {};
  const problems: ReportedProblem[] = [];
  for (const input of inputs) {
    const workbook = new (excel().Workbook)();
    try {
      await workbook.xlsx.load(input.data as unknown as ExcelJS.Buffer);
    } catch (err) {
      problems.push({ file: input.name, line: 1, column: null, code: 'XLSX_UNREADABLE', message: `${input.name} is not a readable XLSX workbook (${err instanceof Error ? err.message : String(err)}): save it from the spreadsheet as "Excel Workbook (.xlsx)".` });
      continue;
    }
    const found: { table: ImportTable; sheet: ExcelJS.Worksheet }[] = [];
    for (const sheet of workbook.worksheets) {
      const table = tableOf(sheet.name);
      if (table) found.push({ table, sheet });
    }
    const byFileName = tableOf(input.name.split(/[\\/]/).pop() ?? '');
    if (found.length === 0 && byFileName && workbook.worksheets[0]) found.push({ table: byFileName, sheet: workbook.worksheets[0] });
    if (found.length === 0) {
      problems.push({
        file: input.name,
        line: 1,
        column: null,
        code: 'NO_TABLES',
        message: `${input.name} has no sheet named units, plans, indicators or observations (its sheets: ${workbook.worksheets.map((s) => `"${s.name}"`).join(', ') || 'none'}): rename the sheets after the tables they hold.`,
      });
      continue;
    }
    for (const { table, sheet } of found) {
      const earlier = sources[table];
      if (earlier || alreadyGiven.has(table)) {
        problems.push({
          file: input.name,
          sheet: sheet.name,
          line: 1,
          column: null,
          code: 'DUPLICATE_TABLE',
          message: `The ${table} table is given twice (${earlier ? `sheet "${earlier.sheet}" of ${earlier.workbook}` : csvName(table)} and sheet "${sheet.name}" of ${input.name}): give each table once.`,
        });
        continue;
      }
      sources[table] = { workbook: input.name, sheet: sheet.name };
      files[table] = sheetToCsv(sheet);
    }
  }
  return { files, sources, problems };
}

/** Problems of tables that came from sheets, restated with their workbook and sheet. */
export function locateProblems(problems: readonly ImportProblem[], sources: Partial<Record<ImportTable, SheetSource>>): ReportedProblem[] {
  const renames = IMPORT_TABLES.flatMap((t) => {
    const s = sources[t];
    return s ? [[csvName(t), `sheet "${s.sheet}" of ${s.workbook}`] as const] : [];
  });
  return problems.map((p) => {
    const source = sources[p.file.replace(/\.csv$/, '') as ImportTable];
    let message = p.message;
    for (const [from, to] of renames) message = message.split(from).join(to);
    return source ? { ...p, file: source.workbook, sheet: source.sheet, message } : { ...p, message };
  });
}
