import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Access } from '../../server/src/plugins/access';
import { verifyChain } from '../../server/src/modules/audit/verify';
import { createTestApp } from '../helpers/app';
import { answerProblems, checkAnswer, HOSTILE_FILE_NAMES, multipart, operationsOf, PDF, refusalsFor, requestsFor, uploads, type FuzzRequest, type Hints, type OpenApiDocument, type Operation } from '../helpers/openapi-fuzz';
import { startServer } from '../helpers/processes';

/**
 * Hostile input, generated from the API's own OpenAPI document: for every operation, valid
 * requests and requests with one thing wrong (types, missing and unknown fields, huge and odd
 * values, malformed or mis-encoded bodies, wrong content types, path and query tricks, hostile
 * upload names), sent as a role that reaches the handler. Every answer must be below 500, every
 * error RFC 9457 problem+json, and nothing may leak the server's insides. Refused requests must
 * write nothing. Replay a failing run with FUZZ_SEED=<seed>.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20_261_122);

const t = await createTestApp();
const doc = (await t.api('GET', '/api/v1/openapi.json')).json<OpenApiDocument>();
const operations = operationsOf(doc);
const accessOf = new Map(t.app.accessTable.map((r) => [`${r.method} ${r.url}`, r.access as Access]));

/**
 * The fuzz signs in with accounts of its own (staff of HT-STTTT, leader of HT): a hostile id such
 * as `+1` reads as 1, the demo staff, whom a valid PATCH /users/1 could disable.
 */
const tokens: Record<'admin' | 'leader' | 'staff', string> = { admin: '', leader: '', staff: '' };
/** Records the fuzz may change freely; real demo records are only read. */
const fixtures = { drafts: [] as number[], uploadDrafts: [] as number[], submitted: 0, accepted: 0, evidence: 0, user: 0, report: 0, export: 0 };

let sent = 0;
const started = Date.now();

async function send(req: FuzzRequest): Promise<LightMyRequestResponse> {
  sent++;
  return t.app.inject({ method: req.method, url: req.url, headers: req.headers, ...(req.payload !== undefined ? { payload: req.payload } : {}) });
}

/** The role that reaches an operation's handler: admin where allowed, else leader, else staff; nobody for public routes. */
function roleFor(op: Operation): keyof typeof tokens | null {
  const access = accessOf.get(`${op.method} ${op.route}`);
  if (access === undefined) throw new Error(`${op.method} ${op.route} is in the OpenAPI document but not in the access table`);
  if (access === 'public') return null;
  if (access === 'authenticated' || access.includes('admin')) return 'admin';
  return access.includes('leader') ? 'leader' : 'staff';
}

const writes = (op: Operation) => op.method !== 'GET';
const one = <T,>(...values: T[]) => fc.constantFrom(...values);

const hints: Hints = {
  headers(op): Record<string, string> {
    const role = roleFor(op);
    return role ? { authorization: `Bearer ${tokens[role]}` } : {};
  },
  path(op, name) {
    const r = op.route;
    if (name === 'code') {
      // Writes go to the fuzz's own records, so the demo tree and its accounts stay as they are.
      if (r.startsWith('/api/v1/units')) return writes(op) ? one('FZ-UNIT') : one('FZ-UNIT', 'HT', 'HT-STTTT', 'BG');
      if (r.startsWith('/api/v1/plans')) return writes(op) ? one('FZ-PLAN') : one('FZ-PLAN', 'HT-QH-CNTT', 'BG-MT-2011-2015');
      return writes(op) ? one('FZ-IND') : one('FZ-IND', 'HT-CNTT-CB-XA', 'BG-VT-BTS');
    }
    if (r.startsWith('/api/v1/observations/:id')) {
      // Uploads go to drafts nothing else submits, so they stay open to evidence.
      if (r.endsWith('/evidence')) return one(...fixtures.uploadDrafts);
      if (r.endsWith('/accept') || r.endsWith('/return')) return one(fixtures.submitted, ...fixtures.drafts);
      if (r.endsWith('/corrections')) return one(fixtures.accepted, fixtures.submitted);
      return one(...fixtures.drafts, fixtures.submitted, fixtures.accepted);
    }
    if (name === 'evidenceId') return one(fixtures.evidence);
    if (r.startsWith('/api/v1/users')) return writes(op) ? one(fixtures.user) : one(fixtures.user, 1, 2);
    if (r.startsWith('/api/v1/reports')) return one(fixtures.report);
    if (r.startsWith('/api/v1/exports')) return name === 'name' ? one('manifest.json', 'units.csv') : one(fixtures.export);
    return undefined;
  },
  query: {
    under: one('HT', 'HT-STTTT', 'BG', 'VN'),
    unit: one('HT', 'HT-STTTT', 'BG'),
    unitGroup: one('HT-STTTT', 'HT-UBND'),
    plan: one('HT-QH-CNTT', 'FZ-PLAN'),
    indicator: one('HT-CNTT-CB-XA', 'FZ-IND'),
    entity: one('unit', 'observation', 'indicator'),
    entityId: one('HT', '1', 'FZ-IND'),
    asOf: one('2021-06-30', '2025-12-31'),
    knownAt: one('2021-06-30', '2026-01-01T00:00:00Z'),
    from: one('2021-01-01'),
    to: one('2021-12-31'),
  },
  body: {
    unitCode: one('HT-STTTT', 'FZ-UNIT'),
    parentCode: one('HT-STTTT', 'FZ-UNIT'),
    predecessorCode: one('FZ-UNIT', 'FZ-UNIT-2'),
    successorCode: one('FZ-UNIT-2', 'FZ-UNIT'),
    ownerUnitCode: one('HT-STTTT'),
    provinceCode: one('HT'),
    indicatorCode: one('FZ-IND'),
    planCode: one('FZ-PLAN', null),
    contributingUnitCodes: one([], ['HT-STTTT']),
    period: fc.integer({ min: 2030, max: 2199 }).map(String),
    version: one(1, 2, 3),
    email: fc.uuid().map((u) => `${u}@example.vn`),
    password: one('Fuzz-Password-2026!'),
    role: one('staff', 'auditor'),
    // Real dates and periods, so valid requests get past the checks that they exist.
    validFrom: one('2021-01-01', null),
    validTo: one('2031-12-31', null),
    effectiveOn: one('2024-02-29', '2030-01-01'),
    issuedOn: one('2026-01-10'),
    date: one('2024-02-29', '2027-06-30'),
    periodStart: one('2021', '2021-H1'),
    periodEnd: one('2030', '2030-Q4'),
    baselineDate: one('2021', '2020-12-31'),
    targetDate: one('2030', '2030-06'),
    number: fc.integer({ min: 1, max: 9_999_999 }).map((n) => `${n}/BC-FZ`),
    issuingBody: one('UBND TỈNH HÀ TĨNH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG'),
    signerTitle: one('KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC'),
    recipients: one(['Lưu: VT']),
  },
};

/** Requests per operation; the ones that render documents or hash passwords get fewer. */
function runsFor(op: Operation): number {
  const key = `${op.method} ${op.route}`;
  if (/document\.(docx|pdf)|\/freeze|\/preview|\/audit\/verify/.test(key)) return 20;
  if (key === 'POST /api/v1/auth/login' || key === 'POST /api/v1/users' || key === 'PATCH /api/v1/users/:id') return 40;
  if (key === 'POST /api/v1/observations/:id/evidence') return 150;
  return 70;
}

async function ok(res: LightMyRequestResponse, status: number): Promise<LightMyRequestResponse> {
  if (res.statusCode !== status) throw new Error(`fixture: expected ${status}, got ${res.statusCode} ${res.body}`);
  return res;
}

/** Every table's rows, hashed: equal digests mean nothing was written. */
function databaseDigest(): Record<string, string> {
  const db = t.deps.dbh.sqlite;
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all();
  return Object.fromEntries(
    tables.map(({ name }) => {
      const rows = db.prepare(`SELECT * FROM "${name}"`).raw(true).all() as unknown[][];
      const text = rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : Buffer.isBuffer(v) ? v.toString('hex') : v))).sort().join('\n');
      return [name, `${rows.length}:${createHash('sha256').update(text).digest('hex')}`];
    }),
  );
}

async function exportsSettled(): Promise<void> {
  const busy = t.deps.dbh.sqlite.prepare<[], { n: number }>("SELECT count(*) AS n FROM export_jobs WHERE status IN ('queued', 'running')");
  for (let i = 0; i < 200 && busy.get()!.n > 0; i++) await new Promise((r) => setTimeout(r, 50));
  expect(busy.get()!.n).toBe(0);
}

async function newObservation(period: string): Promise<{ id: number; version: number }> {
  const res = await ok(await t.api('POST', '/api/v1/observations', { token: tokens.staff, body: { indicatorCode: 'FZ-IND', unitCode: 'HT-STTTT', period, value: 5 } }), 201);
  return res.json<{ id: number; version: number }>();
}

beforeAll(async () => {
  tokens.admin = await t.login('admin');
  const admin = { token: tokens.admin };
  for (const [role, unitCode] of [['staff', 'HT-STTTT'], ['leader', 'HT']] as const) {
    await ok(await t.api('POST', '/api/v1/users', { ...admin, body: { email: `fz.${role}@example.vn`, name: `Thử ${role}`, role, unitCode, password: 'Fuzz-Password-2026!' } }), 201);
    tokens[role] = await t.login(`fz.${role}@example.vn`, 'Fuzz-Password-2026!');
  }
  await ok(await t.api('POST', '/api/v1/units', { ...admin, body: { code: 'FZ-UNIT', nameVi: 'Đơn vị thử', type: 'agency', parentCode: 'HT-STTTT' } }), 201);
  await ok(await t.api('POST', '/api/v1/units', { ...admin, body: { code: 'FZ-UNIT-2', nameVi: 'Đơn vị thử 2', type: 'agency', parentCode: 'HT-STTTT' } }), 201);
  await ok(await t.api('POST', '/api/v1/plans', { ...admin, body: { code: 'FZ-PLAN', titleVi: 'Kế hoạch thử', kind: 'plan', ownerUnitCode: 'HT-STTTT', periodStart: '2021', periodEnd: '2030' } }), 201);
  await ok(await t.api('POST', '/api/v1/indicators', { ...admin, body: { code: 'FZ-IND', unitCode: 'HT-STTTT', planCode: 'FZ-PLAN', field: 'telecom', nameVi: 'Chỉ tiêu thử', measure: 'count', direction: 'increase', baselineValue: 1, baselineDate: '2021', targetValue: 100, targetDate: '2030' } }), 201);
  fixtures.user = (await ok(await t.api('POST', '/api/v1/users', { ...admin, body: { email: 'fz.user@example.vn', name: 'Người thử', role: 'staff', unitCode: 'HT-STTTT', password: 'Fuzz-Password-2026!' } }), 201)).json<{ id: number }>().id;
  for (const period of ['2021', '2022', '2023', '2024']) fixtures.drafts.push((await newObservation(period)).id);
  for (const period of ['2027', '2028']) fixtures.uploadDrafts.push((await newObservation(period)).id);
  const toSubmit = await newObservation('2025');
  await ok(await t.api('POST', `/api/v1/observations/${toSubmit.id}/submit`, { token: tokens.staff, body: { version: toSubmit.version } }), 200);
  fixtures.submitted = toSubmit.id;
  const toAccept = await newObservation('2026');
  const submitted = (await ok(await t.api('POST', `/api/v1/observations/${toAccept.id}/submit`, { token: tokens.staff, body: { version: toAccept.version } }), 200)).json<{ version: number }>();
  await ok(await t.api('POST', `/api/v1/observations/${toAccept.id}/accept`, { token: tokens.leader, body: { version: submitted.version } }), 200);
  fixtures.accepted = toAccept.id;
  const upload = await t.app.inject({ method: 'POST', url: `/api/v1/observations/${fixtures.uploadDrafts[0]}/evidence`, headers: { authorization: `Bearer ${tokens.staff}`, 'content-type': 'multipart/form-data; boundary=B' }, payload: multipart([{ name: 'file', filename: 'bien-ban.pdf', content: PDF }], 'B') });
  fixtures.evidence = (await ok(upload, 201)).json<{ id: number }>().id;
  const report = { unitCode: 'HT-STTTT', period: '2025', number: '1/BC-FZ', issuingBody: 'UBND TỈNH HÀ TĨNH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG', place: 'Hà Tĩnh', issuedOn: '2026-01-10', signerTitle: 'GIÁM ĐỐC', signerName: 'Nguyễn Văn A', recipients: ['Lưu: VT'] };
  fixtures.report = (await ok(await t.api('POST', '/api/v1/reports', { token: tokens.leader, body: report }), 201)).json<{ id: number }>().id;
  fixtures.export = (await ok(await t.api('POST', '/api/v1/exports', { ...admin, body: { kind: 'units', format: 'csv' } }), 202)).json<{ id: number }>().id;
  await exportsSettled();
});

afterAll(async () => {
  console.info(`hostile input: ${sent} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (seed ${SEED})`);
  await t.close();
});

describe('hostile input from the OpenAPI document', () => {
  it('the document describes every API route of the access table', () => {
    const documented = new Set(operations.map((op) => `${op.method} ${op.route}`));
    const missing = t.app.accessTable.map((r) => `${r.method} ${r.url}`).filter((k) => !documented.has(k) && k !== 'GET /api/v1/openapi.json');
    expect(missing).toEqual([]);
    expect(operations.length).toBeGreaterThanOrEqual(50);
  });

  it('the answer checks catch a 5xx, a bare error, a wrong status, a stack trace, SQL and internal paths', () => {
    const req: FuzzRequest = { method: 'GET', url: '/api/v1/units?q=x', headers: {}, label: 'check' };
    const answer = (statusCode: number, body: unknown, type = 'application/problem+json; charset=utf-8') =>
      ({ statusCode, headers: { 'content-type': type }, body: typeof body === 'string' ? body : JSON.stringify(body) }) as unknown as LightMyRequestResponse;
    const problem = { type: 'urn:tiendo:problem:bad-request', title: 'Bad Request', status: 400, code: 'BAD_REQUEST', detail: 'x' };
    expect(answerProblems(req, answer(400, problem), t.dataDir)).toEqual([]);
    const caught = (res: LightMyRequestResponse) => answerProblems(req, res, t.dataDir).join('; ');
    expect(caught(answer(500, { ...problem, status: 500, code: 'INTERNAL' }))).toMatch(/answered 500/);
    expect(caught(answer(400, { error: 'Bad Request' }, 'application/json'))).toMatch(/not application\/problem\+json/);
    expect(caught(answer(404, { ...problem }))).toMatch(/not the HTTP status/);
    expect(caught(answer(400, { ...problem, detail: 'Error: x\n    at Object.list (/work/main/server/src/modules/units/service.ts:64:49)' }))).toMatch(/stack trace/);
    expect(caught(answer(400, { ...problem, detail: 'SQLITE_MISMATCH: datatype mismatch' }))).toMatch(/SQLite/);
    expect(caught(answer(200, { detail: 'near "SELECT * FROM units"' }, 'application/json'))).toMatch(/SQL/);
    expect(caught(answer(400, { ...problem, detail: `cannot open ${t.dataDir}/evidence/ab` }))).toMatch(/data directory/);
    // What the request itself sent may be quoted back.
    expect(answerProblems({ ...req, url: '/api/v1/units?q=SELECT%20x' }, answer(200, { q: 'SELECT x' }, 'application/json'), t.dataDir)).toEqual([]);
  });

  for (const op of operations) {
    it(`${op.method} ${op.route}: no 5xx, problem+json errors, no leaks`, async () => {
      let requests = requestsFor(op, hints);
      if (op.route === '/api/v1/observations/:id/evidence' && op.method === 'POST') {
        requests = fc.oneof({ weight: 1, arbitrary: requests }, { weight: 4, arbitrary: one(...fixtures.uploadDrafts).chain((id) => uploads(`/api/v1/observations/${id}/evidence`, hints.headers(op))) });
      }
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(requests, async (req) => {
          const res = await send(req);
          statuses.add(res.statusCode);
          checkAnswer(req, res, t.dataDir);
          if (op.route === '/api/v1/observations/:id/evidence' && res.statusCode < 300 && op.method === 'POST') {
            // A stored name is one plain file name: no path, no control or direction characters, at most 255 bytes.
            const { fileName } = res.json<{ fileName: string }>();
            expect(fileName).not.toMatch(/[/\\\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/u);
            expect(fileName).not.toMatch(/^\./);
            expect(Buffer.byteLength(fileName)).toBeLessThanOrEqual(255);
            expect(fileName.length).toBeGreaterThan(0);
          }
        }),
        { seed: SEED, numRuns: runsFor(op) },
      );
      // Some requests got past sign-in and the schema into the handler: otherwise the fuzz proved nothing.
      const refusedEarly = new Set([400, 403, 413, 414, 415, ...(roleFor(op) ? [401] : [])]);
      expect([...statuses].filter((s) => !refusedEarly.has(s)), `answers: ${[...statuses].join(', ')}`).not.toEqual([]);
    });
  }

  it('requests that are refused write nothing: every table, the audit trail and its chain are unchanged', async () => {
    await exportsSettled();
    const before = databaseDigest();
    const events = await t.deps.repos.audit.count();
    const head = await verifyChain(t.deps.repos.audit, await t.deps.repos.exports.anchors());
    expect(head.intact).toBe(true);
    const batch = operations.filter(writes).flatMap((op) => fc.sample(refusalsFor(op, hints), { seed: SEED, numRuns: 12 }));
    expect(batch.length).toBeGreaterThan(200);
    for (const req of batch) {
      const res = await send(req);
      checkAnswer(req, res, t.dataDir);
      expect(res.statusCode, `${req.label}: ${req.method} ${req.url.slice(0, 120)} → ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
    }
    expect(databaseDigest()).toEqual(before);
    expect(await t.deps.repos.audit.count()).toBe(events);
    const after = await verifyChain(t.deps.repos.audit, await t.deps.repos.exports.anchors());
    expect(after).toEqual(head);
  });

  it('after all of it the audit chain is intact', async () => {
    await exportsSettled();
    const result = await verifyChain(t.deps.repos.audit, await t.deps.repos.exports.anchors());
    expect(result.firstBroken).toBeNull();
    expect(result.intact).toBe(true);
  });

  describe('regressions: what the fuzz found', () => {
    const post = (url: string, body: unknown, token = tokens.admin) => t.api('POST', url, { token, body });
    const expectInvalid = (res: LightMyRequestResponse, field: string) => {
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field })] });
    };

    it('dates and periods of the right shape that name no real day or period are a 400, not a 500', async () => {
      const obs = { indicatorCode: 'FZ-IND', unitCode: 'HT-STTTT', value: 1 };
      for (const period of ['2021-02-30', '2021-13', '2021-00', '1800', '2201']) expectInvalid(await post('/api/v1/observations', { ...obs, period }, tokens.staff), '/body/period');
      expectInvalid(await post('/api/v1/plans', { code: 'FZ-P2', titleVi: 'x', kind: 'plan', periodStart: '2021-13' }), '/body/periodStart');
      expectInvalid(await post('/api/v1/plans', { code: 'FZ-P2', titleVi: 'x', kind: 'plan', issuedOn: '2021-02-30' }), '/body/issuedOn');
      const ind = { code: 'FZ-I2', unitCode: 'HT-STTTT', field: 'telecom', nameVi: 'x', measure: 'count', direction: 'increase' };
      expectInvalid(await post('/api/v1/indicators', { ...ind, targetValue: 5, targetDate: '2030-02-31' }), '/body/targetDate');
      expectInvalid(await post('/api/v1/indicators', { ...ind, baselineValue: 1, baselineDate: '2021-99' }), '/body/baselineDate');
      expectInvalid(await post('/api/v1/indicators', { ...ind, milestones: [{ date: '2025-02-29', value: 3 }] }), '/body/milestones/0/date');
      const fzInd = (await t.api('GET', '/api/v1/indicators/FZ-IND', { token: tokens.admin })).json<{ version: number }>();
      expectInvalid(await t.api('PATCH', '/api/v1/indicators/FZ-IND', { token: tokens.admin, body: { version: fzInd.version, targetDate: '2030-13', revisionReason: 'x', legalRef: 'y' } }), '/body/targetDate');
      expectInvalid(await post('/api/v1/unit-successions', { predecessorCode: 'FZ-UNIT', successorCode: 'FZ-UNIT-2', kind: 'rename', effectiveOn: '0000-00-00', closePredecessor: true }), '/body/effectiveOn');
      expectInvalid(await post('/api/v1/units', { code: 'FZ-U3', nameVi: 'x', type: 'agency', parentCode: 'HT', validFrom: '9999-99-99' }), '/body/validFrom');
      expectInvalid(await post('/api/v1/exports', { kind: 'observations', format: 'csv', filters: { period: '2021-13' } }), '/body/filters/period');
      const report = { unitCode: 'HT-STTTT', number: '9/BC-FZ', issuingBody: 'UBND', place: 'Hà Tĩnh', issuedOn: '2026-01-10', signerTitle: 'GIÁM ĐỐC', signerName: 'A', recipients: ['Lưu: VT'] };
      expectInvalid(await post('/api/v1/reports', { ...report, period: '1800' }, tokens.leader), '/body/period');
    });

    it('a URL with a malformed percent-encoding or an over-long path segment is answered as a problem', async () => {
      for (const url of ['/api/v1/units/%ff', '/api/v1/units/%E0%A4%A', '/api/v1/observations/%']) {
        const res = await t.api('GET', url, { token: tokens.admin });
        expect(res.statusCode).toBe(400);
        expect(res.headers['content-type']).toContain('application/problem+json');
        expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', status: 400 });
      }
      const long = await t.api('GET', `/api/v1/units/${'a'.repeat(500)}`, { token: tokens.admin });
      expect(long.statusCode).toBe(414);
      expect(long.json()).toMatchObject({ status: 414, title: 'URI Too Long', code: 'BAD_REQUEST' });
    });

    it('a JSON body that is not UTF-8 is refused, not stored with replacement characters', async () => {
      const body = Buffer.concat([Buffer.from('{"code":"FZ-UTF","nameVi":"H'), Buffer.from([0xe0, 0x80]), Buffer.from('","type":"agency","parentCode":"HT-STTTT"}')]);
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, payload: body });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', detail: expect.stringContaining('UTF-8') });
      expect((await t.api('GET', '/api/v1/units/FZ-UTF', { token: tokens.admin })).statusCode).toBe(404);
    });

    it('a body of 50,000 bad fields gets a short answer listing the first 20', async () => {
      const payload = `{${Array.from({ length: 50_000 }, (_, i) => `"k${i}":1`).join(',')}}`;
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/units', headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'application/json' }, payload });
      expect(res.statusCode).toBe(400);
      const problem = res.json<{ errors: unknown[]; detail: string }>();
      expect(problem.errors).toHaveLength(20);
      expect(problem.detail).toMatch(/and 49984 more\.$/);
      expect(res.body.length).toBeLessThan(5000);
    });

    it('an import of 20,000 bad lines lists the first 1,000 problems and counts them all', async () => {
      const units = `code,name_vi,name_en,type,parent_code\n${'x,,,bad,\n'.repeat(20_000)}`;
      const res = await post('/api/v1/imports', { files: { units } });
      expect(res.statusCode).toBe(422);
      const problem = res.json<{ problems: unknown[]; detail: string }>();
      expect(problem.problems).toHaveLength(1000);
      expect(problem.detail).toMatch(/: \d{5} problem\(s\) \(the first 1000 are listed\)/);
    });

    it('evidence file names are stored as a plain name whatever the client sends', async () => {
      const { id } = await newObservation('2029');
      const names: Record<string, string> = {};
      for (const [i, raw] of HOSTILE_FILE_NAMES.slice(0, 12).entries()) {
        const payload = multipart([{ name: 'file', filename: raw, content: Buffer.concat([PDF, Buffer.from(`%regression ${i}\n`)]) }], 'B');
        const res = await t.app.inject({ method: 'POST', url: `/api/v1/observations/${id}/evidence`, headers: { authorization: `Bearer ${tokens.staff}`, 'content-type': 'multipart/form-data; boundary=B' }, payload });
        expect(res.statusCode, res.body).toBeLessThan(500);
        if (res.statusCode === 201) names[raw] = res.json<{ fileName: string }>().fileName;
      }
      expect(names['../../etc/passwd']).toBe('passwd.pdf');
      expect(names['C:\\tmp\\a.pdf']).toBe('a.pdf');
      expect(names['a\u0000b.pdf']).toBe('ab.pdf');
      expect(Buffer.byteLength(names[`${'x'.repeat(5000)}.pdf`]!)).toBeLessThanOrEqual(255);
    });
  });

  it('the server is healthy at the end', async () => {
    const res = await t.api('GET', '/api/v1/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', database: { status: 'ok' } });
    expect(sent).toBeGreaterThan(3000);
  });
});

/** One raw HTTP/1.1 exchange: what inject cannot send (a broken request line, bytes as they are). */
function rawHttp(port: number, bytes: Buffer | string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (d: Buffer) => (answer += d.toString('utf8')));
    socket.on('end', () => resolve(answer));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes);
    setTimeout(() => socket.end(), 1000);
  });
}

describe('hostile input over HTTP (the built server)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tiendo-hostile-'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let token = '';
  beforeAll(async () => {
    server = await startServer({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true' });
    const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@tiendo.demo', password: 'TienDo-Admin-2026' }) });
    token = ((await login.json()) as { accessToken: string }).accessToken;
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const problemOf = (answer: string) => {
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    return { status: Number(head.split(' ')[1]), head: head.toLowerCase(), body };
  };

  it('a request the HTTP parser cannot read gets a problem, not a bare error', async () => {
    const port = Number(new URL(server.baseUrl).port);
    for (const raw of ['GARBAGE\r\n\r\n', 'GET /api/v1/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n', 'GET /api/v1/health HTTP/9.9\r\n\r\n', `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]) {
      const { status, head, body } = problemOf(await rawHttp(port, raw));
      expect([400, 431, 505], raw.slice(0, 40)).toContain(status);
      expect(head).toContain('content-type: application/problem+json');
      expect(JSON.parse(body)).toMatchObject({ status, code: 'BAD_REQUEST' });
    }
  });

  it('invalid UTF-8, and a body over the limit, sent as raw bytes', async () => {
    const port = Number(new URL(server.baseUrl).port);
    const body = Buffer.concat([Buffer.from('{"code":"X1","nameVi":"'), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), Buffer.from('","type":"agency","parentCode":"HT"}')]);
    const head = `POST /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
    const bad = problemOf(await rawHttp(port, Buffer.concat([Buffer.from(head), body])));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'BAD_REQUEST', status: 400 });

    const big = await fetch(`${server.baseUrl}/api/v1/units`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: `{"code":"${'a'.repeat(2_000_000)}"}` });
    expect(big.status).toBe(413);
    expect(big.headers.get('content-type')).toContain('application/problem+json');
    expect(await big.json()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', status: 413 });
    // A declared length over the limit is refused before the body arrives.
    const declared = problemOf(await rawHttp(port, `POST /api/v1/units HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n{`));
    expect(declared.status).toBe(413);
    const health = await fetch(`${server.baseUrl}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(server.output()).not.toMatch(/unhandled error/);
  });
});
