import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportRetention } from '../../server/src/modules/exports/retention';
import { createTestApp, type TestApp } from '../helpers/app';
import { cli } from '../helpers/processes';

/**
 * A completed export's files are removed once kept TIENDO_EXPORT_KEEP_DAYS days after it finished
 * (here 2); its record, manifest, chain head and audit events stay.
 */

interface ExportJob {
  id: number;
  status: string;
  files: { name: string; sha256: string; bytes: number }[];
  manifest: unknown;
  finishedAt: string | null;
  expiresAt: string | null;
  filesRemovedAt: string | null;
}

const DAY = 86_400_000;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('export retention', () => {
  let t: TestApp;
  let auditor: string;
  const jobs: ExportJob[] = [];
  const folder = (id: number) => path.join(t.dataDir, 'exports', String(id));
  const job = async (id: number) => (await t.api('GET', `/api/v1/exports/${id}`, { token: auditor })).json<ExportJob>();

  async function runExport(body: unknown): Promise<ExportJob> {
    const res = await t.api('POST', '/api/v1/exports', { token: auditor, body });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json<{ id: number }>();
    for (let i = 0; i < 200; i++) {
      const j = await job(id);
      if (j.status === 'completed' || j.status === 'failed') return j;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`export ${id} did not finish`);
  }

  beforeAll(async () => {
    t = await createTestApp({ config: { exportKeepDays: 2 } });
    auditor = await t.login('auditor');
    jobs.push(await runExport({ kind: 'units', format: 'csv' }), await runExport({ kind: 'plans', format: 'json' }));
  });
  afterAll(() => t.close());

  it('a completed export says until when its files are kept, and keeps them until then', async () => {
    for (const j of jobs) {
      expect(j.status).toBe('completed');
      expect(j.expiresAt).toBe(new Date(Date.parse(j.finishedAt!) + 2 * DAY).toISOString());
      expect(j.filesRemovedAt).toBeNull();
      expect(existsSync(folder(j.id))).toBe(true);
    }
    const retention = createExportRetention(t.deps);
    const early = await retention.sweep(new Date(Date.parse(jobs[0]!.finishedAt!) + 2 * DAY - 1000));
    expect(early.expired).toEqual([]);
    expect((await job(jobs[0]!.id)).status).toBe('completed');
    expect(existsSync(folder(jobs[0]!.id))).toBe(true);
  });

  it('once kept that long the files are removed, the record marked expired with an audit event, the manifest still downloadable', async () => {
    const now = new Date(Date.parse(jobs[1]!.finishedAt!) + 2 * DAY);
    const result = await createExportRetention(t.deps).sweep(now);
    expect(result).toEqual({ expired: jobs.map((j) => j.id), foldersRemoved: 2 });

    for (const before of jobs) {
      const after = await job(before.id);
      expect(after).toMatchObject({ status: 'expired', expiresAt: null, filesRemovedAt: now.toISOString(), files: before.files, manifest: before.manifest });
      expect(existsSync(folder(before.id))).toBe(false);

      const data = before.files.find((f) => f.name !== 'manifest.json')!;
      const refused = await t.api('GET', `/api/v1/exports/${before.id}/files/${data.name}`, { token: auditor });
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({ code: 'INVALID_STATE' });
      expect(refused.json<{ detail: string }>().detail).toContain(`files were removed on ${now.toISOString().slice(0, 10)}`);
      expect(refused.json<{ detail: string }>().detail).toContain('TIENDO_EXPORT_KEEP_DAYS');

      // The manifest is written again from the record, byte for byte: its SHA-256 is the one listed.
      const manifest = await t.api('GET', `/api/v1/exports/${before.id}/files/manifest.json`, { token: auditor });
      expect(manifest.statusCode).toBe(200);
      expect(manifest.headers['content-type']).toContain('application/json');
      const listed = before.files.find((f) => f.name === 'manifest.json')!;
      expect(sha256(manifest.rawPayload)).toBe(listed.sha256);
      expect(manifest.rawPayload.length).toBe(listed.bytes);
      expect(JSON.parse(manifest.rawPayload.toString('utf8'))).toEqual(before.manifest);

      const history = await t.api('GET', `/api/v1/audit-events/history?entity=export&entityId=${before.id}`, { token: auditor });
      const events = history.json<{ items: { action: string; actorLabel: string; after: unknown }[] }>().items;
      expect(events.map((e) => e.action)).toEqual(['export.create', 'export.complete', 'export.expire']);
      expect(events[2]).toMatchObject({ actorLabel: 'export-retention', after: { status: 'expired', filesRemovedAt: now.toISOString(), keepDays: 2 } });
    }

    // The exports' chain heads still anchor the audit trail.
    const verify = await t.api('GET', '/api/v1/audit/verify', { token: auditor });
    expect(verify.json()).toMatchObject({ intact: true, firstBroken: null });
    expect((await t.deps.repos.exports.anchors()).map((a) => a.source)).toEqual(jobs.map((j) => `export ${j.id}`));

    // The list shows them as expired; staff still may not see exports at all.
    const list = (await t.api('GET', '/api/v1/exports', { token: auditor })).json<{ items: { id: number; status: string }[] }>();
    expect(list.items.filter((i) => jobs.some((j) => j.id === i.id)).map((i) => i.status)).toEqual(['expired', 'expired']);
    expect((await t.api('GET', `/api/v1/exports/${jobs[0]!.id}/files/manifest.json`, { token: await t.login('staff') })).statusCode).toBe(403);
  });

  it('a second sweep changes nothing, and removes a folder an interrupted sweep left behind', async () => {
    const retention = createExportRetention(t.deps);
    const later = new Date(Date.now() + 10 * DAY);
    const eventsBefore = (await t.api('GET', '/api/v1/audit-events?entity=export&pageSize=1', { token: auditor })).json<{ total: number }>().total;
    mkdirSync(folder(jobs[0]!.id), { recursive: true });
    writeFileSync(path.join(folder(jobs[0]!.id), 'units.csv'), 'left behind');
    expect(await retention.sweep(later)).toEqual({ expired: [], foldersRemoved: 1 });
    expect(existsSync(folder(jobs[0]!.id))).toBe(false);
    expect(await retention.sweep(later)).toEqual({ expired: [], foldersRemoved: 0 });
    expect((await t.api('GET', '/api/v1/audit-events?entity=export&pageSize=1', { token: auditor })).json<{ total: number }>().total).toBe(eventsBefore);
  });

  it('`pnpm cli exports prune` removes what is due and says so; an unknown subcommand is a usage error', async () => {
    const fresh = await runExport({ kind: 'units', format: 'xlsx' });
    expect(readdirSync(path.join(t.dataDir, 'exports'))).toContain(String(fresh.id));
    const env = { TIENDO_DATA_DIR: t.dataDir, TIENDO_DEMO: 'false', TIENDO_EXPORT_KEEP_DAYS: '30' };

    const nothing = cli(['exports', 'prune'], env);
    expect(nothing.stderr).toBe('');
    expect(nothing.status).toBe(0);
    expect(nothing.stdout).toContain('No export has been kept 30 days or more; nothing removed.');

    // As if it had finished 31 days ago.
    const db = new Database(t.deps.dbh.file);
    db.prepare('UPDATE export_jobs SET finished_at = ? WHERE id = ?').run(new Date(Date.now() - 31 * DAY).toISOString(), fresh.id);
    db.close();
    const pruned = cli(['exports', 'prune', '--json'], env);
    expect(pruned.status).toBe(0);
    expect(JSON.parse(pruned.stdout)).toEqual({ keepDays: 30, expired: [fresh.id], foldersRemoved: 1 });
    expect((await job(fresh.id)).status).toBe('expired');
    expect(existsSync(folder(fresh.id))).toBe(false);

    const wrong = cli(['exports', 'purge'], env);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('Unknown command "exports purge"');
  });

  it('a keep time outside 1–3650 days is refused at start', () => {
    const res = cli(['exports', 'prune'], { TIENDO_DATA_DIR: t.dataDir, TIENDO_EXPORT_KEEP_DAYS: '0' });
    expect(res.status).toBe(2);
    expect(res.stderr).toContain('TIENDO_EXPORT_KEEP_DAYS');
  });
});
