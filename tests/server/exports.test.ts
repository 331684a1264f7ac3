import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';

/** Exports for auditors: each format read back and compared with the database, the manifest checked. */

interface ExportJob {
  id: number;
  status: string;
  rowsWritten: number;
  totalRows: number;
  filters: Record<string, string>;
  files: { name: string; sha256: string; bytes: number; rows: number; contentType: string }[];
  manifest: Manifest;
  chainHead: { seq: number; hash: string };
  error: string | null;
}

interface Manifest {
  method: string;
  filters: Record<string, string>;
  generatedAt: string;
  auditChain: { method: string; head: { seq: number; hash: string } };
  tables: { name: string; file: string; rows: number; columns: string[] }[];
  files: { name: string; sha256: string; bytes: number }[];
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('exports for auditors', () => {
  let t: TestApp;
  let auditor: string;
  let htAuditor: string;
  let observationId: number;
  const formula = '=HYPERLINK("http://example.com","Xem")';

  beforeAll(async () => {
    t = await createTestApp();
    auditor = await t.login('auditor');
    const admin = await t.login('admin');
    const staff = await t.login('staff');
    const created = await t.api('POST', '/api/v1/users', { token: admin, body: { email: 'thanh.tra.ht@example.vn', name: 'Thanh tra Hà Tĩnh', role: 'auditor', unitCode: 'HT', password: 'Thanh-Tra-HT-2026' } });
    expect(created.statusCode).toBe(201);
    htAuditor = await t.login('thanh.tra.ht@example.vn', 'Thanh-Tra-HT-2026');
    // Text that needs quoting, Vietnamese, and a value a spreadsheet would run as a formula.
    const draft = (await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2020', value: 97.25, comment: 'Theo báo cáo của 216 xã, "đã rà soát"\nđủ số liệu' } })).json<{ id: number; version: number }>();
    observationId = draft.id;
    await t.api('POST', `/api/v1/observations/${draft.id}/submit`, { token: staff, body: { version: draft.version } });
    const other = (await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2021', value: 98, comment: formula } })).json<{ id: number }>();
    expect(other.id).toBeGreaterThan(0);
  });
  afterAll(() => t.close());

  async function runExport(token: string, body: unknown): Promise<ExportJob> {
    const res = await t.api('POST', '/api/v1/exports', { token, body });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json<{ id: number }>();
    expect(res.headers.location).toBe(`/api/v1/exports/${id}`);
    for (let i = 0; i < 200; i++) {
      const job = (await t.api('GET', `/api/v1/exports/${id}`, { token })).json<ExportJob>();
      if (job.status === 'completed' || job.status === 'failed') return job;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`export ${id} did not finish`);
  }

  async function download(token: string, job: ExportJob, name: string): Promise<Buffer> {
    const res = await t.api('GET', `/api/v1/exports/${job.id}/files/${name}`, { token });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(`filename="${name}"`);
    return res.rawPayload;
  }

  /** Each file's SHA-256 is the manifest's, the manifest's is the job's, the chain head is the audit table's. */
  async function checkManifest(token: string, job: ExportJob): Promise<Manifest> {
    const manifestBytes = await download(token, job, 'manifest.json');
    const manifest = JSON.parse(manifestBytes.toString('utf8')) as Manifest;
    expect(manifest).toEqual(job.manifest);
    expect(sha256(manifestBytes)).toBe(job.files.find((f) => f.name === 'manifest.json')!.sha256);
    expect(manifest.method).toBe('tiendo-export/1');
    for (const f of manifest.files) {
      const bytes = await download(token, job, f.name);
      expect(sha256(bytes), f.name).toBe(f.sha256);
      expect(bytes.length).toBe(f.bytes);
    }
    const head = t.deps.dbh.sqlite.prepare('SELECT seq, hash FROM audit_events WHERE seq = ?').get(manifest.auditChain.head.seq) as { seq: number; hash: string };
    expect(manifest.auditChain).toEqual({ method: 'tiendo-audit-chain/1', head });
    expect(job.chainHead).toEqual(head);
    // The export's own events: started before the snapshot, completed with the file hashes.
    const events = t.deps.dbh.sqlite.prepare("SELECT seq, action, after FROM audit_events WHERE entity = 'export' AND entity_id = ? ORDER BY seq").all(String(job.id)) as { seq: number; action: string; after: string }[];
    expect(events.map((e) => e.action)).toEqual(['export.create', 'export.complete']);
    expect(events[0]!.seq).toBeLessThanOrEqual(head.seq);
    expect(events[1]!.seq).toBeGreaterThan(head.seq);
    const complete = JSON.parse(events[1]!.after) as { files: { name: string; sha256: string }[]; rows: Record<string, number> };
    expect(complete.files).toEqual(job.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })));
    expect(complete.rows).toEqual(Object.fromEntries(manifest.tables.map((x) => [x.name, x.rows])));
    return manifest;
  }

  const unitPath = (code: string) => (t.deps.dbh.sqlite.prepare('SELECT path FROM units WHERE code = ?').get(code) as { path: string }).path;

  it('CSV: observations of a subtree and period, every version with its workflow, read back with a CSV parser', async () => {
    const job = await runExport(auditor, { kind: 'observations', format: 'csv', filters: { under: 'HT', period: '2020' } });
    expect(job.status, job.error ?? '').toBe('completed');
    const manifest = await checkManifest(auditor, job);
    expect(manifest.filters).toEqual({ under: 'HT', period: '2020' });

    const bytes = await download(auditor, job, 'observations.csv');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const records = parse(bytes, { bom: true, columns: true }) as Record<string, string>[];
    // The database's rows for those filters: units under HT, periods inside 2020.
    const db = t.deps.dbh.sqlite
      .prepare(
        `SELECT o.id, o.value, o.comment, o.state, o.period, i.code AS indicator, su.email AS submitted_by FROM observations o JOIN units u ON u.id = o.unit_id JOIN indicators i ON i.id = o.indicator_id
         LEFT JOIN users su ON su.id = o.submitted_by WHERE u.path LIKE ? AND (o.period = '2020' OR o.period LIKE '2020-%') ORDER BY o.id`,
      )
      .all(`${unitPath('HT')}%`) as { id: number; value: number | null; comment: string | null; state: string; period: string; indicator: string; submitted_by: string | null }[];
    expect(db.length).toBeGreaterThan(0);
    expect(records.map((r) => Number(r.id))).toEqual(db.map((r) => r.id));
    for (const [k, r] of records.entries()) {
      const row = db[k]!;
      expect(r.value === '' ? null : Number(r.value)).toBe(row.value);
      expect(r.comment === '' ? null : r.comment).toBe(row.comment);
      expect(r.state).toBe(row.state);
      expect(r.indicator_code).toBe(row.indicator);
      expect(r.submitted_by === '' ? null : r.submitted_by).toBe(row.submitted_by);
    }
    const mine = records.find((r) => Number(r.id) === observationId)!;
    // Quotes and commas survive the round trip (the app stored the line break as a space).
    expect(mine).toMatchObject({ value: '97.25', state: 'submitted', submitted_by: 'staff@tiendo.demo', comment: 'Theo báo cáo của 216 xã, "đã rà soát" đủ số liệu' });
    // Periods outside 2020 are not there.
    expect(records.every((r) => r.period === '2020' || r.period!.startsWith('2020-'))).toBe(true);

    // The workflow steps of every version, from the audit trail.
    const steps = parse(await download(auditor, job, 'observation_steps.csv'), { bom: true, columns: true }) as Record<string, string>[];
    const ofMine = steps.filter((s) => Number(s.observation_id) === observationId);
    expect(ofMine.map((s) => s.action)).toEqual(['observation.create', 'observation.submit']);
    expect(JSON.parse(ofMine[1]!.after!)).toMatchObject({ state: 'submitted' });
    expect(manifest.tables).toEqual([
      expect.objectContaining({ name: 'observations', file: 'observations.csv', rows: records.length }),
      expect.objectContaining({ name: 'observation_steps', file: 'observation_steps.csv', rows: steps.length }),
    ]);
    expect(job.rowsWritten).toBe(records.length + steps.length);
    expect(job.totalRows).toBe(job.rowsWritten);
  });

  it('CSV: text a spreadsheet would run as a formula gets a leading apostrophe; audit events come out in sequence with their hashes', async () => {
    const obs = await runExport(auditor, { kind: 'observations', format: 'csv', filters: { under: 'HT', period: '2021' } });
    const records = parse(await download(auditor, obs, 'observations.csv'), { bom: true, columns: true }) as Record<string, string>[];
    expect(records.find((r) => r.comment?.includes('HYPERLINK'))?.comment).toBe(`'${formula}`);

    const job = await runExport(auditor, { kind: 'audit-events', format: 'csv', filters: { under: 'HT' } });
    await checkManifest(auditor, job);
    const rows = parse(await download(auditor, job, 'audit_events.csv'), { bom: true, columns: true }) as Record<string, string>[];
    const db = t.deps.dbh.sqlite
      .prepare('SELECT a.seq, a.hash, a.action, a.actor_label, a.after FROM audit_events a WHERE a.unit_id IN (SELECT id FROM units WHERE path LIKE ?) AND a.seq <= ? ORDER BY a.seq')
      .all(`${unitPath('HT')}%`, job.chainHead.seq) as { seq: number; hash: string; action: string; actor_label: string; after: string | null }[];
    expect(rows.map((r) => Number(r.seq))).toEqual(db.map((r) => r.seq));
    expect(rows.map((r) => r.hash)).toEqual(db.map((r) => r.hash));
    expect(rows.map((r) => r.after === '' ? null : r.after)).toEqual(db.map((r) => r.after));
  });

  it('XLSX: audit events of a time range, read back with exceljs', async () => {
    const from = (t.deps.dbh.sqlite.prepare('SELECT at FROM audit_events ORDER BY seq LIMIT 1 OFFSET 100').get() as { at: string }).at;
    const job = await runExport(auditor, { kind: 'audit-events', format: 'xlsx', filters: { from } });
    expect(job.status, job.error ?? '').toBe('completed');
    await checkManifest(auditor, job);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(auditor, job, 'audit-events.xlsx')) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('audit_events')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(job.manifest.tables[0]!.columns);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, i) => [h as string, values[i] ?? null])));
    });
    const db = t.deps.dbh.sqlite.prepare('SELECT seq, at, actor_label, action, entity_id, before, after, hash FROM audit_events WHERE at >= ? AND seq <= ? ORDER BY seq').all(from, job.chainHead.seq) as Record<string, unknown>[];
    expect(rows.length).toBe(db.length);
    expect(rows.map((r) => r.seq)).toEqual(db.map((r) => r.seq));
    for (const [k, r] of rows.entries()) {
      for (const col of ['at', 'actor_label', 'action', 'entity_id', 'before', 'after', 'hash']) expect(r[col], `${col} of ${String(r.seq)}`).toEqual(db[k]![col]);
    }
    expect(rows.some((r) => String(r.after).includes('Theo báo cáo của 216 xã'))).toBe(true);
  });

  it('CSV: a time range of the audit trail is exactly its events, also when the clock went back', async () => {
    // Events appended with times out of sequence, as after a clock set back: seq order is not time order.
    const times = ['2031-03-01T08:00:00.000Z', '2031-01-01T08:00:00.000Z', '2031-05-01T08:00:00.000Z', '2031-02-01T08:00:00.000Z', '2031-07-01T08:00:00.000Z', '2031-04-01T08:00:00.000Z'];
    await t.deps.transact(async () => {
      for (const [k, at] of times.entries()) {
        await t.deps.repos.audit.append({ at, actorId: null, actorLabel: 'clock-test', actorRole: 'system', action: 'test.clock', entity: 'test', entityId: String(k), unitId: null, before: null, after: { k }, requestId: null, ip: null });
      }
    });
    const from = '2031-02-01T00:00:00.000Z';
    const to = '2031-04-30T23:59:59.999Z';
    const job = await runExport(auditor, { kind: 'audit-events', format: 'csv', filters: { from, to } });
    expect(job.status, job.error ?? '').toBe('completed');
    await checkManifest(auditor, job);
    const rows = parse(await download(auditor, job, 'audit_events.csv'), { bom: true, columns: true }) as Record<string, string>[];
    const db = t.deps.dbh.sqlite.prepare('SELECT seq, at FROM audit_events WHERE at >= ? AND at <= ? AND seq <= ? ORDER BY seq').all(from, to, job.chainHead.seq) as { seq: number; at: string }[];
    expect(db.map((r) => r.at)).toEqual(['2031-03-01T08:00:00.000Z', '2031-02-01T08:00:00.000Z', '2031-04-01T08:00:00.000Z']);
    expect(rows.map((r) => [Number(r.seq), r.at])).toEqual(db.map((r) => [r.seq, r.at]));
    expect(job.totalRows).toBe(3);
    expect(job.rowsWritten).toBe(3);
    // A range nobody wrote in: an empty file with its header.
    const none = await runExport(auditor, { kind: 'audit-events', format: 'csv', filters: { from: '2040-01-01T00:00:00.000Z' } });
    expect(none.status, none.error ?? '').toBe('completed');
    expect(none.rowsWritten).toBe(0);
    expect(parse(await download(auditor, none, 'audit_events.csv'), { bom: true, columns: true })).toEqual([]);
  });

  it('JSON Lines: indicators of a field with their target revisions', async () => {
    const job = await runExport(auditor, { kind: 'indicators', format: 'json', filters: { field: 'it_application' } });
    expect(job.status, job.error ?? '').toBe('completed');
    await checkManifest(auditor, job);
    const lines = (name: string) => async () =>
      (await download(auditor, job, name))
        .toString('utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>);
    const indicators = await lines('indicators.jsonl')();
    const db = t.deps.dbh.sqlite.prepare("SELECT i.id, i.code, i.name_vi, i.target_value, u.code AS unit_code FROM indicators i JOIN units u ON u.id = i.unit_id WHERE i.field = 'it_application' ORDER BY i.id").all() as Record<string, unknown>[];
    expect(indicators.map((i) => ({ id: i.id, code: i.code, name_vi: i.name_vi, target_value: i.target_value, unit_code: i.unit_code }))).toEqual(db);
    expect(indicators.some((i) => String(i.name_vi).includes('cán bộ cấp xã'))).toBe(true);
    const revisions = await lines('indicator_revisions.jsonl')();
    const dbRevisions = t.deps.dbh.sqlite
      .prepare("SELECT i.code AS indicator_code, r.revision_no, r.target_value, r.milestones, r.reason FROM indicator_revisions r JOIN indicators i ON i.id = r.indicator_id WHERE i.field = 'it_application' ORDER BY i.id, r.revision_no")
      .all() as { indicator_code: string; revision_no: number; target_value: number | null; milestones: string; reason: string }[];
    expect(revisions.map((r) => ({ indicator_code: r.indicator_code, revision_no: r.revision_no, target_value: r.target_value, milestones: r.milestones, reason: r.reason }))).toEqual(
      dbRevisions.map((r) => ({ ...r, milestones: JSON.parse(r.milestones) as unknown })),
    );
  });

  it('auditors export only within their subtree; filters that do not apply are refused', async () => {
    const outside = await t.api('POST', '/api/v1/exports', { token: htAuditor, body: { kind: 'units', format: 'csv', filters: { under: 'BG' } } });
    expect(outside.statusCode).toBe(403);
    expect(outside.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });

    // Without `under`: the auditor's own subtree, recorded in the filters.
    const job = await runExport(htAuditor, { kind: 'units', format: 'json' });
    expect(job.filters).toEqual({ under: 'HT' });
    const units = (await download(htAuditor, job, 'units.jsonl')).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { code: string });
    const htCodes = (t.deps.dbh.sqlite.prepare('SELECT code FROM units WHERE path LIKE ? ORDER BY id').all(`${unitPath('HT')}%`) as { code: string }[]).map((u) => u.code);
    expect(units.map((u) => u.code)).toEqual(htCodes);
    expect(units.some((u) => u.code.startsWith('BG'))).toBe(false);

    const ht = await runExport(htAuditor, { kind: 'audit-events', format: 'json' });
    const events = (await download(htAuditor, ht, 'audit_events.jsonl')).toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { unit_code: string | null });
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => e.unit_code !== null && htCodes.includes(e.unit_code))).toBe(true);

    // A national export is not the provincial auditor's to read; theirs is not listed for others.
    const national = await runExport(auditor, { kind: 'units', format: 'csv' });
    expect((await t.api('GET', `/api/v1/exports/${national.id}`, { token: htAuditor })).statusCode).toBe(404);
    expect((await t.api('GET', `/api/v1/exports/${national.id}/files/units.csv`, { token: htAuditor })).statusCode).toBe(404);
    const mine = (await t.api('GET', '/api/v1/exports', { token: htAuditor })).json<{ items: { id: number }[] }>();
    expect(mine.items.map((j) => j.id)).toEqual([ht.id, job.id]);

    const bad = await t.api('POST', '/api/v1/exports', { token: auditor, body: { kind: 'units', format: 'csv', filters: { period: '2021' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '/body/filters/period' }] });
    expect((await t.api('POST', '/api/v1/exports', { token: await t.login('staff'), body: { kind: 'units', format: 'csv' } })).statusCode).toBe(403);
    expect((await t.api('GET', `/api/v1/exports/${national.id}/files/..%2Ftiendo.sqlite`, { token: auditor })).statusCode).toBe(404);
  });
});
