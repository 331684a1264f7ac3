import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { systemContext } from '../../server/src/lib/context';
import { createImportService, ImportRejectedError } from '../../server/src/modules/imports/service';
import { readSeedDir } from '../../server/src/modules/demo/seed';
import { createTestApp, SEED_DIR, type TestApp } from '../helpers/app';

const count = (t: TestApp, table: string) => (t.deps.dbh.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('import of the seed-data format', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp({ demo: false });
  });
  afterEach(() => t.close());

  it('reproduces the seed row counts and is idempotent', async () => {
    const service = createImportService(t.deps);
    const first = await service.run(systemContext('test'), readSeedDir(SEED_DIR));
    expect(first.units).toEqual({ created: 27, updated: 0, unchanged: 0 });
    expect(first.plans).toEqual({ created: 20, updated: 0, unchanged: 0 });
    expect(first.indicators).toEqual({ created: 84, updated: 0, unchanged: 0 });
    expect(first.observations).toEqual({ created: 76, updated: 0, unchanged: 0 });
    expect([count(t, 'units'), count(t, 'plans'), count(t, 'indicators'), count(t, 'observations')]).toEqual([27, 20, 84, 76]);
    const auditAfterFirst = count(t, 'audit_events');

    const second = await service.run(systemContext('test'), readSeedDir(SEED_DIR));
    expect(second.importId).toBeNull();
    for (const k of ['units', 'plans', 'indicators', 'observations'] as const) expect(second[k].created + second[k].updated).toBe(0);
    expect(second.observations.unchanged).toBe(76);
    expect(count(t, 'audit_events')).toBe(auditAfterFirst);
    expect(count(t, 'observations')).toBe(76);
  });

  it('keeps Vietnamese text in NFC and imported values as accepted, attributed to the import', async () => {
    const files = readSeedDir(SEED_DIR);
    // The same names written in decomposed form (NFD) must be stored composed.
    files.units = files.units!.normalize('NFD');
    const result = await createImportService(t.deps).run(systemContext('test'), files);
    const row = t.deps.dbh.sqlite.prepare("SELECT name_vi FROM units WHERE code = 'HT'").get() as { name_vi: string };
    expect(row.name_vi).toBe('tỉnh Hà Tĩnh'.normalize('NFC'));
    expect(row.name_vi === row.name_vi.normalize('NFC')).toBe(true);
    const obs = t.deps.dbh.sqlite.prepare("SELECT state, origin, import_id, source, quote FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.code = 'HT-CNTT-CB-XA' ORDER BY period").all() as { state: string; origin: string; import_id: number; source: string; quote: string }[];
    expect(obs.map((o) => o.state)).toEqual(['accepted', 'accepted']);
    expect(obs.every((o) => o.origin === 'import' && o.import_id === result.importId && o.source === '002_a6cdeb097598d9d9.txt')).toBe(true);
    expect(obs[1]!.quote).toBe('cán bộ cấp xã 93%');
  });

  it('a changed value on re-import becomes a new version; the old one stays', async () => {
    const service = createImportService(t.deps);
    await service.run(systemContext('test'), readSeedDir(SEED_DIR));
    const observations = 'indicator_code,unit_code,value,qualifier,value_to,as_of,source_file,quote_vi\nHT-CNTT-CB-XA,HT,94,,,2019,corrected.txt,cán bộ cấp xã 94%\n';
    const res = await service.run(systemContext('test'), { observations });
    expect(res.observations).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const rows = t.deps.dbh.sqlite.prepare("SELECT value, version_no, superseded_at FROM observations o JOIN indicators i ON i.id = o.indicator_id WHERE i.code = 'HT-CNTT-CB-XA' AND period = '2019' ORDER BY version_no").all() as { value: number; version_no: number; superseded_at: string | null }[];
    expect(rows.map((r) => [r.value, r.version_no, r.superseded_at === null])).toEqual([[93, 1, false], [94, 2, true]]);
  });

  it('rejects a broken file with every problem listed and writes nothing', async () => {
    const units = readFileSync(path.join(SEED_DIR, 'units.csv'), 'utf8');
    const broken = {
      units: `${units}XX-NEW,Đơn vị mới,New unit,department,NO-SUCH-PARENT\nHT,tỉnh Hà Tĩnh (trùng),Duplicate,province,VN\n`,
      plans: 'code,province_code,title_vi,title_en,kind,document_ref,issued_on,period_start,period_end,owner_unit_code\nP1,HT,Kế hoạch,Plan,plan,,2020-13-45,2021,2025,HT-UBND\n',
      indicators: 'code,plan_code,unit_code,field,name_vi,name_en,measure,unit_label,direction,target_value,target_date\nI1,P1,HT-STTTT,telecom,Chỉ tiêu,Indicator,percent,%,increase,abc,2025\n',
      observations: 'indicator_code,unit_code,value,qualifier,as_of,source_file,quote_vi\nI1,HT,50,,2021,a.txt,q\n',
    };
    const before = ['units', 'plans', 'indicators', 'observations', 'audit_events'].map((x) => count(t, x));
    const err = await createImportService(t.deps).run(systemContext('test'), broken).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejectedError);
    const problems = (err as ImportRejectedError).problems;
    const find = (file: string, code: string) => problems.find((p) => p.file === file && p.code === code);
    expect(find('units.csv', 'UNKNOWN_REFERENCE')).toMatchObject({ line: 29, column: 'parent_code' });
    expect(find('units.csv', 'DUPLICATE_CODE')).toMatchObject({ line: 30, column: 'code' });
    expect(find('plans.csv', 'BAD_DATE')).toMatchObject({ line: 2, column: 'issued_on' });
    expect(find('indicators.csv', 'BAD_NUMBER')).toMatchObject({ line: 2, column: 'target_value' });
    expect(find('observations.csv', 'MISSING_COLUMN')).toMatchObject({ line: 1, column: 'value_to' });
    expect(['units', 'plans', 'indicators', 'observations', 'audit_events'].map((x) => count(t, x))).toEqual(before);
  });

  it('answers a rejection with the total number of problems, also beyond the listed first 1,000', async () => {
    const seeded = await createTestApp({ demo: true });
    try {
      const admin = await seeded.login('admin');
      const header = 'code,name_vi,name_en,type,parent_code\n';
      const small = await seeded.api('POST', '/api/v1/imports', { token: admin, body: { files: { units: `${header}A-1,Đơn vị,Unit,no-such-type,VN\nA-2,Đơn vị,Unit,agency,NO-PARENT\n` }, dryRun: true } });
      expect(small.statusCode).toBe(422);
      const few = small.json<{ problems: unknown[]; total: number }>();
      expect(few.problems).toHaveLength(2);
      expect(few.total).toBe(2);

      // One unknown type on each of 1,500 lines: 1,500 problems, of which the first 1,000 are listed.
      const lines = Array.from({ length: 1500 }, (_, i) => `B-${i},Đơn vị ${i},Unit,no-such-type,VN\n`).join('');
      const big = await seeded.api('POST', '/api/v1/imports', { token: admin, body: { files: { units: `${header}${lines}` }, dryRun: true } });
      expect(big.statusCode).toBe(422);
      const many = big.json<{ problems: unknown[]; total: number; detail: string }>();
      expect(many.problems).toHaveLength(1000);
      expect(many.total).toBe(1500);
      expect(many.detail).toContain('1500 problem(s)');
    } finally {
      await seeded.close();
    }
  });

  it('is available to admins over the API, with a dry run that writes nothing', async () => {
    const seeded = await createTestApp({ demo: true });
    try {
      const admin = await seeded.login('admin');
      const staff = await seeded.login('staff');
      const files = { units: 'code,name_vi,name_en,type,parent_code\nHT-XA-00001,xã Mới,New commune,commune,HT\n' };
      expect((await seeded.api('POST', '/api/v1/imports', { token: staff, body: { files } })).statusCode).toBe(403);
      const dry = await seeded.api('POST', '/api/v1/imports', { token: admin, body: { files, dryRun: true } });
      expect(dry.statusCode).toBe(200);
      expect(dry.json()).toMatchObject({ dryRun: true, importId: null, units: { created: 1 } });
      expect((await seeded.api('GET', '/api/v1/units/HT-XA-00001', { token: admin })).statusCode).toBe(404);
      const real = await seeded.api('POST', '/api/v1/imports', { token: admin, body: { files } });
      expect(real.json()).toMatchObject({ dryRun: false, units: { created: 1, updated: 0, unchanged: 0 } });
      expect((await seeded.api('GET', '/api/v1/units/HT-XA-00001', { token: admin })).json()).toMatchObject({ parentCode: 'HT', nameVi: 'xã Mới' });
      // An administrator scoped to a province imports only inside it.
      await seeded.api('POST', '/api/v1/users', { token: admin, body: { email: 'qt.ht@example.vn', name: 'Quản trị Hà Tĩnh', role: 'admin', unitCode: 'HT', password: 'Ha-Tinh-Admin-2026' } });
      const htAdmin = await seeded.login('qt.ht@example.vn', 'Ha-Tinh-Admin-2026');
      const outside = await seeded.api('POST', '/api/v1/imports', { token: htAdmin, body: { files: { units: 'code,name_vi,name_en,type,parent_code\nBG-XA-00001,xã Khác,Other,commune,BG\n' } } });
      expect(outside.statusCode).toBe(422);
      expect(outside.json<{ problems: { code: string; line: number; column: string }[] }>().problems).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE', line: 2, column: 'parent_code' })]);
      const bad = await seeded.api('POST', '/api/v1/imports', { token: admin, body: { files: { units: 'code,name_vi\nX,Y\n' } } });
      expect(bad.statusCode).toBe(422);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json()).toMatchObject({ code: 'IMPORT_INVALID' });
      expect(bad.json<{ problems: { column: string }[] }>().problems.map((p) => p.column)).toEqual(expect.arrayContaining(['name_en', 'type', 'parent_code']));
    } finally {
      await seeded.close();
    }
  });
});
