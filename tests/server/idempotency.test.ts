import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idempotencyKeys } from '../../server/src/db/schema/index';
import { createTestApp, type TestApp } from '../helpers/app';
import { startServer } from '../helpers/processes';

interface Obs {
  id: number;
  version: number;
  state: string;
}

/** Writes that create or move a report may carry an Idempotency-Key: a retry replays, never writes twice. */
describe('Idempotency-Key on progress report writes', () => {
  let t: TestApp;
  let staff: string;
  let leader: string;
  let otherStaff: string;
  let period = 0;
  /** A period no other test of this file reports on: 2031-01-01, 2031-01-02, … */
  const nextPeriod = () => {
    const d = new Date(Date.UTC(2031, 0, 1 + period++));
    return d.toISOString().slice(0, 10);
  };
  const draftBody = (p: string, value = 50) => ({ indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: p, value });
  const sql = <T>(query: string, ...params: unknown[]) => t.deps.dbh.sqlite.prepare(query).all(...params) as T[];
  const reportsFor = (p: string) => sql<{ id: number }>('SELECT id FROM observations WHERE period = ?', p);
  const eventsOf = (id: number, action: string) => sql<{ seq: number }>("SELECT seq FROM audit_events WHERE entity = 'observation' AND entity_id = ? AND action = ?", String(id), action);
  const post = (url: string, token: string, body: unknown, key?: string) => t.api('POST', url, { token, body, headers: key === undefined ? {} : { 'idempotency-key': key } });

  beforeAll(async () => {
    t = await createTestApp();
    staff = await t.login('staff');
    leader = await t.login('leader');
    const admin = await t.login('admin');
    const created = await t.api('POST', '/api/v1/users', { token: admin, body: { email: 'nhan.vien.2@example.vn', name: 'Nhân viên 2', role: 'staff', unitCode: 'HT-STTTT', password: 'Nhan-Vien-2-2026' } });
    expect(created.statusCode).toBe(201);
    otherStaff = await t.login('nhan.vien.2@example.vn', 'Nhan-Vien-2-2026');
  });
  afterAll(() => t.close());

  it('the same key twice: one report, one audit event, the same answer marked as replayed', async () => {
    const p = nextPeriod();
    const first = await post('/api/v1/observations', staff, draftBody(p), 'create-1');
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotency-replayed']).toBeUndefined();
    const again = await post('/api/v1/observations', staff, draftBody(p), 'create-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.body).toBe(first.body);
    const { id } = first.json<Obs>();
    expect(reportsFor(p)).toEqual([{ id }]);
    expect(eventsOf(id, 'observation.create')).toHaveLength(1);
    // Without the key the same request is an ordinary second write, refused as a duplicate report.
    expect((await post('/api/v1/observations', staff, draftBody(p))).statusCode).toBe(409);
  });

  it('submit, return, accept and corrections replay too, without a second transition', async () => {
    const p = nextPeriod();
    const draft = (await post('/api/v1/observations', staff, draftBody(p, 60))).json<Obs>();
    const steps: [string, string, Record<string, unknown>, number][] = [
      ['submit', staff, { version: draft.version }, 200],
      ['return', leader, { version: draft.version + 1, reason: 'Bổ sung nguồn số liệu.' }, 200],
      ['submit', staff, { version: draft.version + 2 }, 200],
      ['accept', leader, { version: draft.version + 3 }, 200],
    ];
    for (const [i, [action, token, body, status]] of steps.entries()) {
      const url = `/api/v1/observations/${draft.id}/${action}`;
      const first = await post(url, token, body, `step-${i}`);
      expect(first.statusCode, `${action}: ${first.body}`).toBe(status);
      const again = await post(url, token, body, `step-${i}`);
      expect(again.statusCode, action).toBe(status);
      expect(again.headers['idempotency-replayed']).toBe('true');
      expect(again.body).toBe(first.body);
    }
    const after = (await t.api('GET', `/api/v1/observations/${draft.id}`, { token: staff })).json<Obs>();
    expect(after).toMatchObject({ state: 'accepted', version: draft.version + 4 });
    expect(eventsOf(draft.id, 'observation.submit')).toHaveLength(2);
    expect(eventsOf(draft.id, 'observation.return')).toHaveLength(1);
    expect(eventsOf(draft.id, 'observation.accept')).toHaveLength(1);

    const correction = { value: 61, comment: 'Số liệu rà soát lại' };
    const first = await post(`/api/v1/observations/${draft.id}/corrections`, staff, correction, 'correct-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await post(`/api/v1/observations/${draft.id}/corrections`, staff, correction, 'correct-1');
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotency-replayed']).toBe('true');
    expect(again.json<Obs>().id).toBe(first.json<Obs>().id);
    expect(reportsFor(p)).toHaveLength(2);
  });

  it('the same key with a different request is refused with 422 IDEMPOTENCY_KEY_REUSED, and writes nothing', async () => {
    const p = nextPeriod();
    expect((await post('/api/v1/observations', staff, draftBody(p, 10), 'reuse-1')).statusCode).toBe(201);
    const other = nextPeriod();
    const reused = await post('/api/v1/observations', staff, draftBody(other, 10), 'reuse-1');
    expect(reused.statusCode).toBe(422);
    expect(reused.headers['content-type']).toContain('application/problem+json');
    expect(reused.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', status: 422 });
    expect(reportsFor(other)).toEqual([]);
    // The path is part of the request: the same key on another report's submit is a different request too.
    const a = (await post('/api/v1/observations', staff, draftBody(nextPeriod()))).json<Obs>();
    const b = (await post('/api/v1/observations', staff, draftBody(nextPeriod()))).json<Obs>();
    expect((await post(`/api/v1/observations/${a.id}/submit`, staff, { version: 1 }, 'submit-x')).statusCode).toBe(200);
    const onB = await post(`/api/v1/observations/${b.id}/submit`, staff, { version: 1 }, 'submit-x');
    expect(onB.json()).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect((await t.api('GET', `/api/v1/observations/${b.id}`, { token: staff })).json<Obs>().state).toBe('draft');
  });

  it('keys are per user: another user with the same key writes independently', async () => {
    const p1 = nextPeriod();
    const p2 = nextPeriod();
    const mine = await post('/api/v1/observations', staff, draftBody(p1), 'shared-key');
    const theirs = await post('/api/v1/observations', otherStaff, draftBody(p2), 'shared-key');
    expect(mine.statusCode).toBe(201);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotency-replayed']).toBeUndefined();
    expect(theirs.json<Obs>().id).not.toBe(mine.json<Obs>().id);
    expect(reportsFor(p2)).toHaveLength(1);
  });

  it('a malformed key is refused with 400 INVALID_IDEMPOTENCY_KEY before anything is written', async () => {
    const p = nextPeriod();
    for (const key of ['x'.repeat(256), 'khóa-tiếng-việt', 'tab\there']) {
      const res = await post('/api/v1/observations', staff, draftBody(p), key);
      expect(res.statusCode, key).toBe(400);
      expect(res.json()).toMatchObject({ code: 'INVALID_IDEMPOTENCY_KEY', status: 400 });
    }
    expect(reportsFor(p)).toEqual([]);
    expect((await post('/api/v1/observations', staff, draftBody(p), 'x'.repeat(255))).statusCode).toBe(201);
  });

  it('ten identical requests at once write exactly one report; the others replay its answer', async () => {
    const p = nextPeriod();
    const results = await Promise.all(Array.from({ length: 10 }, () => post('/api/v1/observations', staff, draftBody(p, 33), 'burst-1')));
    expect(results.map((r) => r.statusCode)).toEqual(Array(10).fill(201));
    expect(results.filter((r) => r.headers['idempotency-replayed'] === 'true')).toHaveLength(9);
    expect(new Set(results.map((r) => r.body)).size).toBe(1);
    const [report] = reportsFor(p);
    expect(reportsFor(p)).toHaveLength(1);
    expect(eventsOf(report!.id, 'observation.create')).toHaveLength(1);

    const submits = await Promise.all(Array.from({ length: 10 }, () => post(`/api/v1/observations/${report!.id}/submit`, staff, { version: 1 }, 'burst-2')));
    expect(submits.map((r) => r.statusCode)).toEqual(Array(10).fill(200));
    expect(eventsOf(report!.id, 'observation.submit')).toHaveLength(1);
  });

  it('a request that failed keeps no key: corrected, it goes through with the same key', async () => {
    const p = nextPeriod();
    const invalid = await post('/api/v1/observations', staff, draftBody(p, 150), 'retry-1');
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    const fixed = await post('/api/v1/observations', staff, draftBody(p, 15), 'retry-1');
    expect(fixed.statusCode, fixed.body).toBe(201);
    expect(fixed.headers['idempotency-replayed']).toBeUndefined();

    const { id } = fixed.json<Obs>();
    const stale = await post(`/api/v1/observations/${id}/submit`, staff, { version: 7 }, 'retry-2');
    expect(stale.statusCode).toBe(409);
    const ok = await post(`/api/v1/observations/${id}/submit`, staff, { version: 1 }, 'retry-2');
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json<Obs>().state).toBe('submitted');
  });

  it('the key is stored in the same transaction as the write: when storing it fails, the write is undone', async () => {
    const p = nextPeriod();
    const sqlite = t.deps.dbh.sqlite;
    sqlite.exec("CREATE TRIGGER idempotency_keys_refuse BEFORE INSERT ON idempotency_keys BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    try {
      const res = await post('/api/v1/observations', staff, draftBody(p), 'atomic-1');
      expect(res.statusCode).toBe(500);
    } finally {
      sqlite.exec('DROP TRIGGER idempotency_keys_refuse');
    }
    expect(reportsFor(p)).toEqual([]);
    expect(sql("SELECT seq FROM audit_events WHERE action = 'observation.create' AND json_extract(after, '$.period') = ?", p)).toEqual([]);
    // Nothing was kept either, so the retry writes.
    expect((await post('/api/v1/observations', staff, draftBody(p), 'atomic-1')).statusCode).toBe(201);
    expect(reportsFor(p)).toHaveLength(1);
  });

  it('keys are kept for a day; an older key may be used afresh and is cleared away', async () => {
    const [me] = sql<{ id: number }>("SELECT id FROM users WHERE email = 'staff@tiendo.demo'");
    const dayAgo = new Date(Date.now() - 24 * 60 * 60 * 1000 - 60_000).toISOString();
    t.deps.dbh.db.insert(idempotencyKeys).values({ userId: me!.id, route: 'POST /api/v1/observations', key: 'old-key', requestHash: 'x', status: 201, body: '{}', createdAt: dayAgo }).run();
    const p = nextPeriod();
    const res = await post('/api/v1/observations', staff, draftBody(p), 'old-key');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.headers['idempotency-replayed']).toBeUndefined();
    expect(sql<{ n: number }>('SELECT count(*) AS n FROM idempotency_keys WHERE created_at < ?', new Date(Date.now() - 24 * 60 * 60 * 1000).toISOString())[0]!.n).toBe(0);
  });

  it('the header is part of the API description', async () => {
    const doc = (await t.api('GET', '/api/v1/openapi.json')).json<{ paths: Record<string, Record<string, { parameters?: { in: string; name: string }[]; responses: Record<string, unknown> }>> }>();
    for (const [url, method] of [['/api/v1/observations', 'post'], ['/api/v1/observations/{id}/accept', 'post'], ['/api/v1/observations/{id}/corrections', 'post']] as const) {
      const op = doc.paths[url]![method]!;
      expect(op.parameters, url).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
      expect(Object.keys(op.responses)).toContain('422');
    }
  });
});

describe('Idempotency-Key over HTTP (built server)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tiendo-idem-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('a retried POST is answered from the stored answer, with the replay header', async () => {
    const server = await startServer({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true' });
    try {
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' }) });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const send = () =>
        fetch(`${server.baseUrl}/api/v1/observations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}`, 'idempotency-key': '8f14e45f-ceea-467f-a0e6-9d7a6a2f3b41' },
          body: JSON.stringify({ indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2032', value: 70 }),
        });
      const first = await send();
      const firstBody = await first.text();
      expect(first.status, firstBody).toBe(201);
      const second = await send();
      expect(second.status).toBe(201);
      expect(second.headers.get('idempotency-replayed')).toBe('true');
      expect(await second.text()).toBe(firstBody);
      const list = await fetch(`${server.baseUrl}/api/v1/observations?indicator=HT-CNTT-CB-XA&period=2032`, { headers: { authorization: `Bearer ${accessToken}` } });
      expect(((await list.json()) as { total: number }).total).toBe(1);
    } finally {
      await server.stop();
    }
  });
});
