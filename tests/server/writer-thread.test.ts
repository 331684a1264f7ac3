/**
 * The writer thread (server/src/db/writer-thread.ts): the built server writes progress reports on a
 * second thread, over its own connection, taking turns with the main thread's writes through a
 * lock in shared memory (server/src/db/write-lock.ts).
 *
 * The races and crash-durability suites run their HTTP cases against the built server, and so
 * through this thread; here: the lock itself, an error's way back across the threads, and a burst
 * of reports written on both threads at once, every one answered, readable at once and audited in
 * one unbroken chain.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTransact } from '../../server/src/db/transaction';
import { attachWriteLock, createWriteLockMemory } from '../../server/src/db/write-lock';
import { describeFailure, restoreFailure } from '../../server/src/db/writer-thread';
import { AppError } from '../../server/src/lib/errors';
import { createHttpClient, type HttpClient } from '../helpers/crash';
import { cli, startServer } from '../helpers/processes';

const tick = () => new Promise((r) => setTimeout(r, 20));

describe('the write lock', () => {
  it('lets one owner hold it at a time, and the next in when it is freed', async () => {
    const memory = createWriteLockMemory();
    const a = attachWriteLock(memory, 1);
    const b = attachWriteLock(memory, 2);
    await a.acquire();
    let bHolds = false;
    const waiting = b.acquire().then(() => (bHolds = true));
    await tick();
    expect(bHolds).toBe(false);
    expect(() => b.release()).toThrow(/not held by this thread/);
    a.release();
    await waiting;
    expect(bHolds).toBe(true);
    await expect(b.acquire()).rejects.toThrow(/already held/);
    // A thread that ended holding it: the other takes it back.
    a.releaseIfHeldBy(2);
    await a.acquire();
    a.release();
    expect(() => attachWriteLock(memory, 0)).toThrow(/positive/);
  });

  it('wakes a waiter when another thread frees it', async () => {
    const memory = createWriteLockMemory();
    // The other thread takes the lock as owner 2, says so, and frees it when told.
    const other = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const cell = new Int32Array(workerData);
       Atomics.store(cell, 0, 2);
       parentPort.postMessage('held');
       parentPort.once('message', () => { Atomics.store(cell, 0, 0); Atomics.notify(cell, 0); parentPort.close(); });`,
      { eval: true, workerData: memory },
    );
    await new Promise((r) => other.once('message', r));
    const main = attachWriteLock(memory, 1);
    let held = false;
    const waiting = main.acquire().then(() => (held = true));
    await tick();
    expect(held).toBe(false);
    other.postMessage('free');
    await waiting;
    expect(held).toBe(true);
    main.release();
    await other.terminate();
  });

  it("holds a batch of units of work back while another thread writes, and frees it after the batch's COMMIT", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tiendo-lock-'));
    const sqlite = new Database(path.join(dir, 'db.sqlite'));
    try {
      sqlite.pragma('journal_mode = WAL');
      sqlite.exec('CREATE TABLE t (v INTEGER)');
      const memory = createWriteLockMemory();
      const mine = attachWriteLock(memory, 1);
      const theirs = attachWriteLock(memory, 2);
      const transact = createTransact(sqlite, mine);
      await theirs.acquire();
      const done: number[] = [];
      const work = [1, 2, 3].map((v) => transact(async () => sqlite.prepare('INSERT INTO t VALUES (?)').run(v)).then(() => done.push(v)));
      await tick();
      expect(done).toEqual([]);
      expect(sqlite.inTransaction).toBe(false);
      theirs.release();
      await Promise.all(work);
      expect(done).toEqual([1, 2, 3]);
      expect(sqlite.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 3 });
      // Freed again: the other thread gets it at once.
      await theirs.acquire();
      theirs.release();
    } finally {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("an error's way back from the writer thread", () => {
  it('keeps an AppError its code, status and details, and any other error its name, code and message', () => {
    const conflict = restoreFailure(structuredClone(describeFailure(new AppError('VERSION_CONFLICT', 'Observation 7 was changed by someone else.', { currentVersion: 3 }))));
    expect(conflict).toBeInstanceOf(AppError);
    expect(conflict).toMatchObject({ code: 'VERSION_CONFLICT', status: 409, message: 'Observation 7 was changed by someone else.', extra: { currentVersion: 3 } });

    const full = restoreFailure(structuredClone(describeFailure(Object.assign(new Error('database or disk is full'), { name: 'SqliteError', code: 'SQLITE_FULL' }))));
    expect(full).not.toBeInstanceOf(AppError);
    expect(full).toMatchObject({ name: 'SqliteError', code: 'SQLITE_FULL', message: 'database or disk is full' });
    expect(full.stack).toContain('database or disk is full');

    expect(restoreFailure(describeFailure('a string thrown')).message).toBe('a string thrown');
  });
});

describe('reports written on the writer thread of the built server', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tiendo-writer-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let client: HttpClient;
  let staff = '';

  beforeAll(async () => {
    server = await startServer({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true', LOG_LEVEL: 'info' });
    client = createHttpClient(server.baseUrl, 16);
    const login = await client.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' } });
    staff = login.body.accessToken;
  }, 60_000);

  afterAll(async () => {
    client?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('says at start that reports and imports are written on a thread of their own', () => {
    expect(server.output()).toContain('progress reports and imports are written on a thread of their own');
  });

  it('answers a burst of reports from both threads, each readable at once, in one unbroken audit chain', async () => {
    const day = (n: number) => new Date(Date.UTC(2018, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    // Half carry an Idempotency-Key: those run on the main thread, in the same unit of work as their key.
    const answers = await Promise.all(
      Array.from({ length: 48 }, (_, i) =>
        client.request<{ id: number; value: number; version: number; state: string }>('POST', '/api/v1/observations', {
          token: staff,
          body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: day(i), value: i },
          ...(i % 2 ? { headers: { 'idempotency-key': `burst-${i}` } } : {}),
        }),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 201));
    for (const [i, a] of answers.entries()) {
      expect(a.body).toMatchObject({ value: i, version: 1, state: 'draft' });
      const read = await client.request<{ value: number; version: number }>('GET', `/api/v1/observations/${a.body.id}`, { token: staff });
      expect(read.status).toBe(200);
      expect(read.body).toMatchObject({ value: i, version: 1 });
    }

    // The thread's errors reach the client as the main thread's would.
    const again = await client.request<{ code: string; detail: string; existingId: number; existingState: string }>('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: day(0), value: 1 } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');
    expect(again.body.detail).toContain('already exists');
    // Which report it is, so the form can offer it.
    expect(again.body).toMatchObject({ existingId: answers[0]!.body.id, existingState: 'draft' });
    const stale = await client.request<{ code: string; currentVersion: number }>('PATCH', `/api/v1/observations/${answers[0]!.body.id}`, { token: staff, body: { version: 9, value: 2 } });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    const edited = await client.request<{ version: number; value: number }>('PATCH', `/api/v1/observations/${answers[0]!.body.id}`, { token: staff, body: { version: 1, value: 2 } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ version: 2, value: 2 });

    const verify = cli(['audit', 'verify'], { TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'false' });
    expect(verify.stderr).toBe('');
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain('Audit trail intact');
    expect(server.output()).not.toMatch(/writer thread (failed|could not start)/);
  }, 60_000);

  it('runs imports: the server answers reads while a large one is written, and a rejection keeps its problems', async () => {
    const admin = (await client.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { body: { email: 'admin@tiendo.demo', password: 'TienDo-Admin-2026' } })).body.accessToken;
    const header = 'indicator_code,unit_code,value,qualifier,value_to,as_of,source_file,quote_vi';
    const day = (n: number) => new Date(Date.UTC(1950, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
    const rows = Array.from({ length: 5000 }, (_, i) => `HT-CNTT-CB-XA,HT,${i % 100},,,${day(i)},nhap.csv,số liệu ${i}`);
    const order: string[] = [];
    const importing = client.request<{ dryRun: boolean; observations: { created: number } }>('POST', '/api/v1/imports', { token: admin, body: { files: { observations: `${header}\n${rows.join('\n')}\n` } } }).then((r) => {
      order.push('import');
      return r;
    });
    // Sent once the import is under way; answered while the thread writes the import.
    await new Promise((r) => setTimeout(r, 100));
    const read = await client.request<{ code: string }>('GET', '/api/v1/indicators/HT-CNTT-CB-XA', { token: admin });
    order.push('read');
    expect(read.status).toBe(200);
    const imported = await importing;
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ dryRun: false, observations: { created: 5000 } });
    expect(order).toEqual(['read', 'import']);
    const list = await client.request<{ total: number }>('GET', '/api/v1/observations?indicator=HT-CNTT-CB-XA&pageSize=1', { token: admin });
    expect(list.body.total).toBeGreaterThanOrEqual(5000);

    const rejected = await client.request<{ code: string; total: number; problems: { line: number; code: string }[] }>('POST', '/api/v1/imports', {
      token: admin,
      body: { files: { observations: `${header}\nHT-CNTT-CB-XA,HT,abc,,,2019-06-30,a.csv,x\nKHONG-CO,HT,1,,,2019-06-30,a.csv,x\n` } },
    });
    expect(rejected.status).toBe(422);
    expect(rejected.body).toMatchObject({ code: 'IMPORT_INVALID', total: 2 });
    expect(rejected.body.problems.map((p) => p.line)).toEqual([2, 3]);

    // A workbook crosses to the thread as bytes and is read there.
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('observations');
    sheet.addRow(header.split(','));
    sheet.addRow(['HT-CNTT-CB-XA', 'HT', 42, null, null, new Date('1949-06-30T00:00:00Z'), 'nhap.xlsx', 'bốn mươi hai']);
    const data = Buffer.from(await workbook.xlsx.writeBuffer()).toString('base64');
    const fromWorkbook = await client.request<{ dryRun: boolean; observations: { created: number } }>('POST', '/api/v1/imports', { token: admin, body: { dryRun: true, files: { workbook: data, workbookName: 'nhap.xlsx' } } });
    expect(fromWorkbook.status).toBe(200);
    expect(fromWorkbook.body).toMatchObject({ dryRun: true, observations: { created: 1 } });

    const verify = cli(['audit', 'verify'], { TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'false' });
    expect(verify.status).toBe(0);
    expect(server.output()).not.toMatch(/writer thread (failed|could not start)/);
  }, 120_000);
});

describe('the writer thread turned off', () => {
  it('writes reports on the main thread (TIENDO_WRITER_THREAD=false)', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'tiendo-nowriter-'));
    const server = await startServer({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true', LOG_LEVEL: 'info', TIENDO_WRITER_THREAD: 'false' });
    const client = createHttpClient(server.baseUrl, 2);
    try {
      const login = await client.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' } });
      const res = await client.request('POST', '/api/v1/observations', { token: login.body.accessToken, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2018-01-01', value: 5 } });
      expect(res.status).toBe(201);
      expect(server.output()).not.toContain('a thread of their own');
    } finally {
      client.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
