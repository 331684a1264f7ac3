import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/src/db/client';
import { createAuditRepository } from '../../server/src/modules/audit/repository';
import { verifyChain } from '../../server/src/modules/audit/verify';
import { backupDatabase } from '../../server/src/modules/backup/service';
import { createTestApp } from '../helpers/app';
import { cli, CLI_JS, ROOT, startServer } from '../helpers/processes';

const root = mkdtempSync(path.join(tmpdir(), 'tiendo-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A 1×1 PNG, as evidence. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The built CLI without blocking this process, so requests to the server go on meanwhile. */
function cliAsync(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_JS, ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

interface Counts {
  units: number;
  indicators: number;
  observations: number;
  auditEvents: number;
}

/**
 * Reports what a backup must get right, examined on a private copy: opening a database, even
 * read-only, may leave files beside it.
 */
async function examine(file: string) {
  // Header bytes 18–19 are 2 in write-ahead-log mode, 1 for a file that stands alone.
  const journal = readFileSync(file).subarray(18, 20).equals(Buffer.from([2, 2])) ? 'wal' : 'rollback';
  const copy = path.join(mkdtempSync(path.join(root, 'examine-')), 'copy.sqlite');
  copyFileSync(file, copy);
  const { sqlite, db } = openDatabase({ file: copy, migrationsDir: path.join(ROOT, 'migrations') });
  try {
    const n = (sql: string) => (sqlite.prepare(sql).get() as { n: number }).n;
    const integrity = sqlite.pragma('integrity_check', { simple: true });
    const chain = await verifyChain(createAuditRepository(db, sqlite));
    const counts: Counts = {
      units: n('SELECT count(*) AS n FROM units'),
      indicators: n('SELECT count(*) AS n FROM indicators'),
      observations: n('SELECT count(*) AS n FROM observations'),
      auditEvents: n('SELECT count(*) AS n FROM audit_events'),
    };
    // One consistent moment: every report has the event that created it, and every such event its report.
    const withoutEvent = n(
      "SELECT count(*) AS n FROM observations o WHERE NOT EXISTS (SELECT 1 FROM audit_events a WHERE a.entity = 'observation' AND a.entity_id = CAST(o.id AS TEXT) AND a.action IN ('observation.create', 'observation.import', 'observation.correct'))",
    );
    const eventWithout = n("SELECT count(*) AS n FROM audit_events a WHERE a.action = 'observation.create' AND NOT EXISTS (SELECT 1 FROM observations o WHERE CAST(o.id AS TEXT) = a.entity_id)");
    return { integrity, chain, counts, withoutEvent, eventWithout, journal };
  } finally {
    sqlite.close();
    rmSync(path.dirname(copy), { recursive: true, force: true });
  }
}

const fileHash = (file: string) => sha256(readFileSync(file));

describe('backup and restore', () => {
  const liveDir = path.join(root, 'live');
  const liveEnv = { TIENDO_DATA_DIR: liveDir, TIENDO_DEMO: 'true' };
  const backupFile = path.join(root, 'backups', 'tiendo-backup.sqlite');
  let backupCounts: Counts;

  it('backs up while the server keeps writing; the copy is consistent, verified, and restores into a fresh data directory', async () => {
    const server = await startServer(liveEnv);
    let liveAfter: Counts;
    try {
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' }) });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const auth = { authorization: `Bearer ${accessToken}` };

      // One report with evidence, so the stored files have something to carry.
      const first = await fetch(`${server.baseUrl}/api/v1/observations`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2040', value: 1 }) });
      const { id } = (await first.json()) as { id: number };
      const fd = new FormData();
      fd.append('file', new Blob([new Uint8Array(PNG)]), 'ảnh.png');
      expect((await fetch(`${server.baseUrl}/api/v1/observations/${id}/evidence`, { method: 'POST', headers: auth, body: fd })).status).toBe(201);

      // Staff keep creating reports, three at a time, until told to stop.
      let stop = false;
      let written = 0;
      let failures = 0;
      let day = 0;
      const writer = async () => {
        while (!stop) {
          const period = new Date(Date.UTC(2041, 0, 1 + day++)).toISOString().slice(0, 10);
          const res = await fetch(`${server.baseUrl}/api/v1/observations`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period, value: 50 }) });
          await res.arrayBuffer();
          if (res.status === 201) written++;
          else failures++;
        }
      };
      const writers = [writer(), writer(), writer()];
      while (written < 10) await new Promise((r) => setTimeout(r, 10));

      const before = written;
      const result = await cliAsync(['backup', backupFile, '--with-files', '--json'], liveEnv);
      const during = written - before;
      const target = written + 10;
      while (written < target) await new Promise((r) => setTimeout(r, 10));
      stop = true;
      await Promise.all(writers);
      expect(failures).toBe(0);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      // The server kept answering writes while the backup ran.
      expect(during).toBeGreaterThan(0);

      const printed = JSON.parse(result.stdout) as { file: string; size: number; summary: Counts & { chainHead: { seq: number } }; files: { copied: { evidence: { files: number } }; missing: string[] } };
      expect(printed.file).toBe(backupFile);
      expect(printed.size).toBe(statSync(backupFile).size);
      const copy = await examine(backupFile);
      expect(copy.integrity).toBe('ok');
      expect(copy.journal).toBe('rollback');
      expect(copy.chain).toMatchObject({ intact: true, firstBroken: null });
      expect(copy.chain.head!.seq).toBe(copy.counts.auditEvents);
      expect(printed.summary).toMatchObject({ ...copy.counts, chainHead: { seq: copy.chain.head!.seq } });
      expect(copy.withoutEvent).toBe(0);
      expect(copy.eventWithout).toBe(0);
      backupCounts = copy.counts;

      // The evidence file went along, and nothing else was left beside the backup.
      expect(printed.files).toMatchObject({ copied: { evidence: { files: 1 } }, missing: [] });
      expect(existsSync(path.join(`${backupFile}.files`, 'evidence', sha256(PNG).slice(0, 2), sha256(PNG)))).toBe(true);
      expect(readdirSync(path.dirname(backupFile)).sort()).toEqual(['tiendo-backup.sqlite', 'tiendo-backup.sqlite.files']);

      // A restore while the server holds the database is refused, and changes nothing.
      const liveFile = path.join(liveDir, 'tiendo.sqlite');
      const busy = cli(['restore', backupFile, '--force'], liveEnv);
      expect(busy.status).toBe(1);
      expect(busy.stderr).toContain('is in use by another process (is the server running?)');
      expect(readdirSync(liveDir).filter((f) => f.includes('restore'))).toEqual([]);
      await server.stop();

      liveAfter = (await examine(liveFile)).counts;
    } finally {
      await server.stop();
    }
    // Later than the backup: the live database has all the backup has, and the writes after it.
    expect(backupCounts.observations).toBeLessThan(liveAfter.observations);
    expect(backupCounts.auditEvents).toBeLessThan(liveAfter.auditEvents);
    expect(backupCounts.units).toBe(liveAfter.units);

    // Restored into a new data directory: the same counts, an intact trail, accounts that sign in.
    const freshDir = path.join(root, 'fresh');
    const restored = cli(['restore', backupFile, '--with-files'], { TIENDO_DATA_DIR: freshDir, TIENDO_DEMO: 'false' });
    expect(restored.stderr).toBe('');
    expect(restored.status).toBe(0);
    expect(restored.stdout).toContain(`${backupCounts.observations} observations, ${backupCounts.auditEvents} audit events`);
    expect(restored.stdout).toContain('the data directory had no database before');
    expect(existsSync(path.join(freshDir, 'evidence', sha256(PNG).slice(0, 2), sha256(PNG)))).toBe(true);
    const t = await createTestApp({ dataDir: freshDir, demo: false });
    try {
      const n = (table: string) => (t.deps.dbh.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
      expect({ units: n('units'), indicators: n('indicators'), observations: n('observations'), auditEvents: n('audit_events') }).toEqual(backupCounts);
      expect(await verifyChain(t.deps.repos.audit)).toMatchObject({ intact: true, events: backupCounts.auditEvents });
      const staff = await t.login('staff');
      const list = await t.api('GET', '/api/v1/observations?indicator=HT-CNTT-CB-XA&period=2040', { token: staff });
      const [report] = list.json<{ items: { id: number }[] }>().items;
      const evidence = await t.api('GET', `/api/v1/observations/${report!.id}/evidence`, { token: staff });
      expect(evidence.json<{ items: { sha256: string }[] }>().items.map((e) => e.sha256)).toEqual([sha256(PNG)]);
    } finally {
      await t.close();
    }
  });

  it('a copy that the server overtakes starts over and still finishes, consistent', async () => {
    const t = await createTestApp();
    try {
      const staff = await t.login('staff');
      let stop = false;
      let day = 0;
      let written = 0;
      const writer = (async () => {
        while (!stop) {
          const period = new Date(Date.UTC(2050, 0, 1 + day++)).toISOString().slice(0, 10);
          const res = await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period, value: 5 } });
          expect(res.statusCode).toBe(201);
          written++;
          await new Promise((r) => setImmediate(r));
        }
      })();
      // Small steps, so writes land between them and the copy has to start over.
      const file = path.join(root, 'in-process.sqlite');
      const result = await backupDatabase({ dataDir: t.dataDir, migrationsDir: t.deps.config.migrationsDir, target: file, force: false, withFiles: false, stepPages: 4 });
      const writtenDuring = written;
      stop = true;
      await writer;
      expect(writtenDuring).toBeGreaterThan(0);
      expect(result.restarts).toBeGreaterThan(0);
      const copy = await examine(file);
      expect(copy).toMatchObject({ integrity: 'ok', withoutEvent: 0, eventWithout: 0, chain: { intact: true } });
      expect(result.summary).toMatchObject(copy.counts);
    } finally {
      await t.close();
    }
  });

  describe('refusals', () => {
    const targetDir = path.join(root, 'target');
    const targetEnv = { TIENDO_DATA_DIR: targetDir, TIENDO_DEMO: 'false' };
    const targetFile = path.join(targetDir, 'tiendo.sqlite');
    const untouched = () => ({ hash: fileHash(targetFile), entries: readdirSync(targetDir).sort() });

    it('a backup does not replace an existing file without --force', () => {
      const existing = path.join(root, 'existing.sqlite');
      writeFileSync(existing, 'keep me');
      const refused = cli(['backup', existing], { TIENDO_DATA_DIR: path.join(root, 'fresh'), TIENDO_DEMO: 'false' });
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('already exists; add --force to replace it');
      expect(readFileSync(existing, 'utf8')).toBe('keep me');
      const forced = cli(['backup', existing, '--force'], { TIENDO_DATA_DIR: path.join(root, 'fresh'), TIENDO_DEMO: 'false' });
      expect(forced.status).toBe(0);
      expect(fileHash(existing)).not.toBe(sha256(Buffer.from('keep me')));
      expect(cli(['backup'], { TIENDO_DATA_DIR: path.join(root, 'fresh') }).status).toBe(2);
      expect(cli(['backup', path.join(root, 'x.sqlite')], { TIENDO_DATA_DIR: path.join(root, 'empty') }).stderr).toContain('There is no database at');
    });

    it('a restore over an existing database needs --force, and keeps the old one', async () => {
      expect(cli(['restore', backupFile], targetEnv).status).toBe(0);
      // A change after the restore, which the next restore replaces and the kept copy still has.
      const made = cli(['user', 'create', '--email', 'moi@example.vn', '--name', 'Mới', '--role', 'staff', '--unit', 'HT'], targetEnv);
      expect(made.status, made.stderr).toBe(0);
      const before = untouched();
      const refused = cli(['restore', backupFile], targetEnv);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('already has a database; add --force');
      expect(untouched()).toEqual(before);

      const forced = cli(['restore', backupFile, '--force'], targetEnv);
      expect(forced.status, forced.stderr).toBe(0);
      const kept = readdirSync(targetDir).filter((f) => f.startsWith('tiendo.sqlite.before-restore-'));
      expect(kept).toHaveLength(1);
      expect(forced.stdout).toContain(`the previous database was kept as ${path.join(targetDir, kept[0]!)}`);
      const old = await examine(path.join(targetDir, kept[0]!));
      expect(old.counts.auditEvents).toBe(backupCounts.auditEvents + 1);
      expect(old.chain.intact).toBe(true);
      expect((await examine(targetFile)).counts).toEqual(backupCounts);
      // No stale log or index of the old database next to the restored one.
      expect(readdirSync(targetDir).filter((f) => /-(wal|shm|journal)$/.test(f) || f.includes('.restore-'))).toEqual([]);
    });

    it('refuses files that are not sound Tiến Độ databases, leaving the live database untouched', async () => {
      const before = untouched();
      const notDb = path.join(root, 'notes.sqlite');
      writeFileSync(notDb, 'Đây không phải cơ sở dữ liệu.\n'.repeat(200));
      const truncated = path.join(root, 'truncated.sqlite');
      writeFileSync(truncated, readFileSync(backupFile).subarray(0, Math.floor(statSync(backupFile).size / 2)));
      const tampered = path.join(root, 'tampered.sqlite');
      copyFileSync(backupFile, tampered);
      const db = new Database(tampered);
      db.exec('DROP TRIGGER audit_events_no_update');
      db.prepare("UPDATE audit_events SET after = json_set(after, '$.value', 99) WHERE seq = (SELECT max(seq) FROM audit_events WHERE action = 'observation.create')").run();
      db.close();
      const otherDb = path.join(root, 'other.sqlite');
      const other = new Database(otherDb);
      other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
      other.close();

      const cases: [string, string][] = [
        [notDb, 'not a readable SQLite database'],
        [truncated, 'cannot be restored'],
        [tampered, 'audit trail is broken at sequence number'],
        [otherDb, 'not a Tiến Độ database'],
        [path.join(root, 'missing.sqlite'), 'is not a file'],
      ];
      for (const [file, message] of cases) {
        const res = cli(['restore', file, '--force'], targetEnv);
        expect(res.status, `${file}: ${res.stderr}`).toBe(1);
        expect(res.stderr).toContain(message);
        expect(untouched(), file).toEqual(before);
      }
      expect((await examine(targetFile)).chain.intact).toBe(true);
    });
  });
});
