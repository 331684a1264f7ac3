import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { systemContext } from '../../server/src/lib/context';
import { readSeedDir } from '../../server/src/modules/demo/seed';
import { createImportService, ImportRejectedError } from '../../server/src/modules/imports/service';
import { createTestApp, SEED_DIR, type TestApp } from '../helpers/app';
import { cli } from '../helpers/processes';

/** The import format as XLSX: the seed CSVs typed into a workbook as a person would (numbers as numbers, dates as dates). */

const TABLES = ['units', 'plans', 'indicators', 'observations'] as const;
type Table = (typeof TABLES)[number];

/** A cell as a spreadsheet would hold it: plain numbers as numbers, ISO dates as dates, the rest as text. */
function typed(cell: string): string | number | Date | null {
  if (cell === '') return null;
  if (/^-?\d+(\.\d+)?$/.test(cell) && String(Number(cell)) === cell) return Number(cell);
  const date = /^\d{4}-\d{2}-\d{2}$/.test(cell) ? new Date(`${cell}T00:00:00Z`) : null;
  if (date && !Number.isNaN(date.getTime()) && date.toISOString().startsWith(cell)) return date;
  return cell;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, csv: string): void {
  const sheet = workbook.addWorksheet(name);
  const rows = parse(csv, { bom: true, relax_column_count: true }) as string[][];
  rows.forEach((cells, i) => sheet.addRow(i === 0 ? cells : cells.map(typed)));
}

async function seedWorkbook(tables: readonly Table[] = TABLES, edit: (table: Table, csv: string) => string = (_t, csv) => csv): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  // A sheet that is no table is left alone.
  workbook.addWorksheet('Hướng dẫn').addRow(['Điền mỗi bảng vào trang tính cùng tên.']);
  for (const table of tables) addSheet(workbook, table, edit(table, readFileSync(path.join(SEED_DIR, `${table}.csv`), 'utf8').replace(/\r\n/g, '\n')));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const dump = (t: TestApp) => ({
  units: t.deps.dbh.sqlite.prepare('SELECT u.code, u.name_vi, u.name_en, u.type, p.code AS parent, u.valid_from, u.valid_to FROM units u LEFT JOIN units p ON p.id = u.parent_id ORDER BY u.code').all(),
  plans: t.deps.dbh.sqlite.prepare('SELECT code, title_vi, title_en, kind, document_ref, issued_on, period_start, period_end, start_date, end_date, source FROM plans ORDER BY code').all(),
  indicators: t.deps.dbh.sqlite.prepare('SELECT code, field, name_vi, measure, unit_label, direction, baseline_value, baseline_date, target_value, target_date, notes FROM indicators ORDER BY code').all(),
  observations: t.deps.dbh.sqlite
    .prepare('SELECT i.code, u.code AS unit, o.period, o.value, o.qualifier, o.value_to, o.source, o.quote, o.state FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN units u ON u.id = o.unit_id ORDER BY i.code, u.code, o.period')
    .all(),
});

describe('import from XLSX', () => {
  const apps: TestApp[] = [];
  const root = mkdtempSync(path.join(tmpdir(), 'tiendo-xlsx-'));
  const fresh = async () => {
    const t = await createTestApp({ demo: false });
    apps.push(t);
    return t;
  };
  afterEach(async () => {
    for (const t of apps.splice(0)) await t.close();
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('a workbook of the seed data gives the same counts and the same rows as the CSV files', async () => {
    const fromCsv = await fresh();
    const csvResult = await createImportService(fromCsv.deps).run(systemContext('test'), readSeedDir(SEED_DIR));
    const fromXlsx = await fresh();
    const result = await createImportService(fromXlsx.deps).run(systemContext('test'), {}, { workbooks: [{ name: 'seed.xlsx', data: await seedWorkbook() }] });
    expect(result).toMatchObject({
      units: { created: 27, updated: 0, unchanged: 0 },
      plans: { created: 20, updated: 0, unchanged: 0 },
      indicators: { created: 84, updated: 0, unchanged: 0 },
      observations: { created: 76, updated: 0, unchanged: 0 },
    });
    expect({ ...result, importId: null }).toEqual({ ...csvResult, importId: null });
    expect(dump(fromXlsx)).toEqual(dump(fromCsv));
    // Importing the CSV files over the workbook's data changes nothing.
    const again = await createImportService(fromXlsx.deps).run(systemContext('test'), readSeedDir(SEED_DIR));
    expect(again.importId).toBeNull();
    expect(again.observations).toEqual({ created: 0, updated: 0, unchanged: 76 });
    const record = fromXlsx.deps.dbh.sqlite.prepare('SELECT files FROM imports').get() as { files: string };
    expect(JSON.parse(record.files)).toEqual(['seed.xlsx [units]', 'seed.xlsx [plans]', 'seed.xlsx [indicators]', 'seed.xlsx [observations]']);
  });

  it('the command line takes one workbook, or a folder of one workbook per table', async () => {
    const file = path.join(root, 'seed.xlsx');
    writeFileSync(file, await seedWorkbook());
    const one = cli(['import', file], { TIENDO_DATA_DIR: path.join(root, 'one'), TIENDO_DEMO: 'false' });
    expect(one.stderr).toBe('');
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('units         27 created, 0 updated, 0 unchanged');
    expect(one.stdout).toContain('plans         20 created, 0 updated, 0 unchanged');
    expect(one.stdout).toContain('indicators    84 created, 0 updated, 0 unchanged');
    expect(one.stdout).toContain('observations  76 created, 0 updated, 0 unchanged');

    // units.xlsx … with a sheet named "Sheet1": the file name says which table it is.
    const dir = path.join(root, 'per-table');
    mkdirSync(dir);
    for (const table of TABLES) {
      const workbook = new ExcelJS.Workbook();
      addSheet(workbook, 'Sheet1', readFileSync(path.join(SEED_DIR, `${table}.csv`), 'utf8'));
      writeFileSync(path.join(dir, `${table}.xlsx`), Buffer.from(await workbook.xlsx.writeBuffer()));
    }
    const each = cli(['import', dir], { TIENDO_DATA_DIR: path.join(root, 'each'), TIENDO_DEMO: 'false' });
    expect(each.stderr).toBe('');
    expect(each.status).toBe(0);
    expect(each.stdout).toContain('observations  76 created, 0 updated, 0 unchanged');
  });

  it('a broken workbook is rejected whole, with every problem named by workbook, sheet, row and column', async () => {
    const t = await fresh();
    const broken = await seedWorkbook(TABLES, (table, csv) => {
      if (table === 'units') return `${csv.trimEnd()}\nXX-NEW,Đơn vị mới,New unit,department,NO-SUCH-PARENT\nHT,tỉnh Hà Tĩnh (trùng),Duplicate,province,VN\n`;
      if (table === 'plans') return `${csv.trimEnd()}\nP-NEW,HT,Kế hoạch mới,New plan,plan,,2020-13-45,2021,2025,HT-UBND,\n`;
      if (table === 'observations') return `${csv.trimEnd()}\nHT-CNTT-CB-XA,HT,9x,,,2022,a.txt,q\n`;
      return csv;
    });
    const err = await createImportService(t.deps)
      .run(systemContext('test'), {}, { workbooks: [{ name: 'broken.xlsx', data: broken }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejectedError);
    const problems = (err as ImportRejectedError).problems;
    const at = (sheet: string, code: string) => problems.find((p) => p.sheet === sheet && p.code === code);
    expect(at('units', 'UNKNOWN_REFERENCE')).toMatchObject({ file: 'broken.xlsx', line: 29, column: 'parent_code' });
    expect(at('units', 'DUPLICATE_CODE')).toMatchObject({ file: 'broken.xlsx', line: 30, column: 'code' });
    expect(at('units', 'DUPLICATE_CODE')!.message).toContain('sheet "units" of broken.xlsx');
    expect(at('plans', 'BAD_DATE')).toMatchObject({ file: 'broken.xlsx', line: 22, column: 'issued_on' });
    expect(at('observations', 'BAD_NUMBER')).toMatchObject({ file: 'broken.xlsx', line: 78, column: 'value' });
    expect(problems.every((p) => p.file === 'broken.xlsx' && p.sheet !== undefined)).toBe(true);
    expect(['units', 'plans', 'indicators', 'observations', 'audit_events'].map((x) => (t.deps.dbh.sqlite.prepare(`SELECT count(*) AS n FROM ${x}`).get() as { n: number }).n)).toEqual([0, 0, 0, 0, 0]);

    const file = path.join(root, 'broken.xlsx');
    writeFileSync(file, broken);
    const res = cli(['import', file], { TIENDO_DATA_DIR: path.join(root, 'broken'), TIENDO_DEMO: 'false' });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('nothing was written');
    expect(res.stderr).toMatch(/broken\.xlsx:units:29 \[parent_code\] UNKNOWN_REFERENCE/);
    expect(res.stderr).toMatch(/broken\.xlsx:plans:22 \[issued_on\] BAD_DATE/);
    expect(res.stderr).toMatch(/broken\.xlsx:observations:78 \[value\] BAD_NUMBER/);
  });

  it('an unreadable file, a workbook without table sheets, and a table given twice are reported', async () => {
    const t = await fresh();
    const run = (workbooks: { name: string; data: Buffer }[], files = {}) =>
      createImportService(t.deps)
        .run(systemContext('test'), files, { workbooks })
        .catch((e: unknown) => (e as ImportRejectedError).problems);
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Trang 1').addRow(['a', 'b']);
    expect(await run([{ name: 'notes.xlsx', data: Buffer.from('not a zip') }])).toEqual([expect.objectContaining({ file: 'notes.xlsx', code: 'XLSX_UNREADABLE' })]);
    expect(await run([{ name: 'notes.xlsx', data: Buffer.from(await empty.xlsx.writeBuffer()) }])).toEqual([expect.objectContaining({ file: 'notes.xlsx', code: 'NO_TABLES' })]);
    expect(await run([{ name: 'seed.xlsx', data: await seedWorkbook(['units']) }], { units: readFileSync(path.join(SEED_DIR, 'units.csv'), 'utf8') })).toEqual([
      expect.objectContaining({ file: 'seed.xlsx', sheet: 'units', code: 'DUPLICATE_TABLE' }),
    ]);
  });

  it('the API takes the workbook as base64 in files.workbook', async () => {
    const t = await createTestApp();
    apps.push(t);
    const admin = await t.login('admin');
    const workbook = (await seedWorkbook()).toString('base64');
    const csvPreview = await t.api('POST', '/api/v1/imports', { token: admin, body: { files: readSeedDir(SEED_DIR), dryRun: true } });
    const preview = await t.api('POST', '/api/v1/imports', { token: admin, body: { files: { workbook, workbookName: 'seed.xlsx' }, dryRun: true } });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual(csvPreview.json());
    expect(preview.json()).toMatchObject({ dryRun: true, units: { unchanged: 27 }, observations: { unchanged: 76 } });

    const broken = (await seedWorkbook(['units'], (_t, csv) => `${csv.trimEnd()}\nXX-NEW,Đơn vị mới,New unit,department,NO-SUCH-PARENT\n`)).toString('base64');
    const rejected = await t.api('POST', '/api/v1/imports', { token: admin, body: { files: { workbook: broken, workbookName: 'don-vi.xlsx' } } });
    expect(rejected.statusCode).toBe(422);
    expect(rejected.json()).toMatchObject({ code: 'IMPORT_INVALID', problems: [{ file: 'don-vi.xlsx', sheet: 'units', line: 29, column: 'parent_code', code: 'UNKNOWN_REFERENCE' }] });
  });
});
