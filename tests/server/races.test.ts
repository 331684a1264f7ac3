import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dateInVietnam } from '@tiendo/shared/periods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { createHttpClient, type HttpClient } from '../helpers/crash';
import { startServer } from '../helpers/processes';

/**
 * Truly concurrent writes to the same record: exactly one wins, every loser gets a 409 naming the
 * winner's version, and the audit trail holds the winning write alone. concurrency.test.ts covers
 * a stale version sent after the fact; here the requests are in flight together. Every case runs
 * twice: in process (app.inject, one event loop) and against the built server over real HTTP,
 * each request on its own already-open connection so they reach the server at the same moment.
 */

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

interface Transport {
  api<T = Record<string, unknown>>(method: 'GET' | 'POST' | 'PATCH', url: string, options?: { token?: string; body?: unknown }): Promise<Answer<T>>;
  /** Starts every call at once, as close together as the transport allows. */
  together<T = Record<string, unknown>>(calls: (() => Promise<Answer<T>>)[]): Promise<Answer<T>[]>;
  close(): Promise<void>;
}

async function inProcess(): Promise<Transport> {
  const t: TestApp = await createTestApp();
  return {
    async api<T>(method: 'GET' | 'POST' | 'PATCH', url: string, o: { token?: string; body?: unknown } = {}) {
      const res = await t.api(method, url, o);
      return { status: res.statusCode, body: (res.body ? res.json() : null) as T };
    },
    together: (calls) => Promise.all(calls.map((c) => c())),
    close: () => t.close(),
  };
}

const SOCKETS = 8;

async function overHttp(): Promise<Transport> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tiendo-races-'));
  const server = await startServer({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true' });
  const client: HttpClient = createHttpClient(server.baseUrl, SOCKETS);
  return {
    api: (method, url, o) => client.request(method, url, o),
    async together(calls) {
      if (calls.length > SOCKETS) throw new Error(`at most ${SOCKETS} concurrent calls`);
      // Open the connections first, so no request waits for a TCP handshake the others skipped.
      await client.warm(calls.length);
      return Promise.all(calls.map((c) => c()));
    },
    async close() {
      client.close();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

interface Obs {
  id: number;
  version: number;
  value: number | null;
  state: string;
  seriesId: number;
  versionNo: number;
}

interface AuditItem {
  seq: number;
  action: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const STAFF = { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' };
const LEADER = { email: 'leader@tiendo.demo', password: 'TienDo-Leader-2026' };
const ADMIN = { email: 'admin@tiendo.demo', password: 'TienDo-Admin-2026' };
const AUDITOR = { email: 'auditor@tiendo.demo', password: 'TienDo-Auditor-2026' };
const PASSWORD = 'Race-Condition-Test-2026';

/** A day `n` days before today in Vietnam, as a period key: later than every seeded value. */
function daysAgo(n: number): string {
  const today = Date.parse(`${dateInVietnam()}T00:00:00Z`);
  return new Date(today - n * 86_400_000).toISOString().slice(0, 10);
}

describe.each([
  ['in process', inProcess],
  ['over HTTP, built server', overHttp],
])('concurrent writes to one record (%s)', (_name, open) => {
  let x: Transport;
  const tok = { staff: '', staff2: '', leader: '', leader2: '', admin: '', admin2: '', auditor: '' };
  let staff2Id = 0;
  /** Distinct daily periods for new reports, so each case starts from a clean indicator/unit/period. */
  let day = 0;
  const nextPeriod = () => new Date(Date.UTC(2019, 0, 1) + day++ * 86_400_000).toISOString().slice(0, 10);

  const login = async (email: string, password: string) => {
    const res = await x.api<{ accessToken: string }>('POST', '/api/v1/auth/login', { body: { email, password } });
    if (res.status !== 200) throw new Error(`login ${email}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken;
  };

  beforeAll(async () => {
    x = await open();
    tok.staff = await login(STAFF.email, STAFF.password);
    tok.leader = await login(LEADER.email, LEADER.password);
    tok.admin = await login(ADMIN.email, ADMIN.password);
    tok.auditor = await login(AUDITOR.email, AUDITOR.password);
    const more = [
      { key: 'staff2', email: 'staff2@race.test', role: 'staff', unitCode: 'HT-STTTT' },
      { key: 'leader2', email: 'leader2@race.test', role: 'leader', unitCode: 'HT' },
      { key: 'admin2', email: 'admin2@race.test', role: 'admin', unitCode: 'VN' },
    ] as const;
    for (const u of more) {
      const res = await x.api<{ id: number }>('POST', '/api/v1/users', { token: tok.admin, body: { email: u.email, name: `Race ${u.key}`, role: u.role, unitCode: u.unitCode, password: PASSWORD } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      if (u.key === 'staff2') staff2Id = res.body.id;
      tok[u.key] = await login(u.email, PASSWORD);
    }
  }, 60_000);
  afterAll(() => x?.close());

  /** Exactly one answer has the success status; every other one is a 409. */
  function oneWinner<T>(answers: Answer<T>[], success: number): { winner: Answer<T>; winnerIndex: number; losers: Answer<T>[] } {
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === success), `statuses ${statuses.join(', ')}`).toHaveLength(1);
    expect(statuses.filter((s) => s !== success).every((s) => s === 409), `statuses ${statuses.join(', ')}`).toBe(true);
    const winnerIndex = statuses.indexOf(success);
    return { winner: answers[winnerIndex]!, winnerIndex, losers: answers.filter((_, i) => i !== winnerIndex) };
  }

  async function history(entity: string, entityId: string | number): Promise<AuditItem[]> {
    const res = await x.api<{ items: AuditItem[]; total: number }>('GET', `/api/v1/audit-events/history?entity=${entity}&entityId=${encodeURIComponent(String(entityId))}&pageSize=500`, { token: tok.auditor });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(res.body.items.length);
    return res.body.items;
  }

  async function events(action: string): Promise<AuditItem[]> {
    const res = await x.api<{ items: AuditItem[]; total: number }>('GET', `/api/v1/audit-events?action=${action}&pageSize=500`, { token: tok.auditor });
    expect(res.status).toBe(200);
    expect(res.body.total).toBeLessThanOrEqual(500);
    return res.body.items;
  }

  async function draft(indicatorCode: string, period: string, value: number): Promise<Obs> {
    const res = await x.api<Obs>('POST', '/api/v1/observations', { token: tok.staff, body: { indicatorCode, unitCode: 'HT', period, value } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }

  async function submitted(indicatorCode: string, period: string, value: number): Promise<Obs> {
    const o = await draft(indicatorCode, period, value);
    const res = await x.api<Obs>('POST', `/api/v1/observations/${o.id}/submit`, { token: tok.staff, body: { version: o.version } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  async function accepted(indicatorCode: string, period: string, value: number): Promise<Obs> {
    const o = await submitted(indicatorCode, period, value);
    const res = await x.api<Obs>('POST', `/api/v1/observations/${o.id}/accept`, { token: tok.leader, body: { version: o.version } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }

  it('(a) eight edits of one draft with the same version: one 200, seven 409 naming its version, one audited update', async () => {
    for (let round = 0; round < 3; round++) {
      const o = await draft('HT-CNTT-CB-XA', nextPeriod(), 50);
      const values = Array.from({ length: 8 }, (_, i) => 60 + round * 10 + i);
      const answers = await x.together(values.map((value, i) => () => x.api<Obs & { code?: string; currentVersion?: number }>('PATCH', `/api/v1/observations/${o.id}`, { token: i % 2 ? tok.staff2 : tok.staff, body: { version: o.version, value } })));
      const { winner, winnerIndex, losers } = oneWinner(answers, 200);
      expect(winner.body).toMatchObject({ id: o.id, version: o.version + 1, value: values[winnerIndex] });
      for (const l of losers) expect(l.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: o.version + 1 });
      const now = await x.api<Obs>('GET', `/api/v1/observations/${o.id}`, { token: tok.staff });
      expect(now.body).toMatchObject({ version: o.version + 1, value: values[winnerIndex] });
      const updates = (await history('observation', o.id)).filter((e) => e.action === 'observation.update');
      expect(updates).toHaveLength(1);
      expect(updates[0]!.after).toMatchObject({ value: values[winnerIndex], version: o.version + 1 });
      expect(updates[0]!.before).toMatchObject({ value: 50, version: o.version });
    }
  });

  it('(b) one draft submitted twice at once: one 200, one 409, one audited submission', async () => {
    for (let round = 0; round < 3; round++) {
      const o = await draft('HT-CNTT-CB-XA', nextPeriod(), 70);
      const answers = await x.together([tok.staff, tok.staff2].map((token) => () => x.api<Obs & { code?: string; currentVersion?: number }>('POST', `/api/v1/observations/${o.id}/submit`, { token, body: { version: o.version } })));
      const { winner, losers } = oneWinner(answers, 200);
      expect(winner.body).toMatchObject({ state: 'submitted', version: o.version + 1 });
      expect(['INVALID_STATE', 'VERSION_CONFLICT']).toContain(losers[0]!.body.code);
      expect(losers[0]!.body.currentVersion).toBe(o.version + 1);
      expect((await history('observation', o.id)).map((e) => e.action)).toEqual(['observation.create', 'observation.submit']);
    }
  });

  it('(c) two leaders accept and return the same report at once: one transition, audited alone, and the status shows it', async () => {
    const statusOf = async () => {
      const res = await x.api<{ latest: { observationId: number | string; value: number } | null }>('GET', '/api/v1/indicators/HT-MAU-IPV6/status', { token: tok.staff });
      expect(res.status).toBe(200);
      return res.body.latest;
    };
    let latest = await statusOf();
    expect(latest).not.toBeNull();
    const outcomes = new Set<string>();
    const ROUNDS = 6;
    for (let round = 0; round < ROUNDS; round++) {
      // Each round's report is the newest value of the indicator, so an acceptance makes it the latest.
      const value = 40 + round;
      const o = await submitted('HT-MAU-IPV6', daysAgo(ROUNDS + 1 - round), value);
      const [acceptBy, returnBy] = round % 2 ? [tok.leader2, tok.leader] : [tok.leader, tok.leader2];
      const answers = await x.together<Obs & { code?: string; currentVersion?: number }>([
        () => x.api('POST', `/api/v1/observations/${o.id}/accept`, { token: acceptBy, body: { version: o.version } }),
        () => x.api('POST', `/api/v1/observations/${o.id}/return`, { token: returnBy, body: { version: o.version, reason: 'Thiếu nguồn số liệu' } }),
      ]);
      const { winner, winnerIndex, losers } = oneWinner(answers, 200);
      const won = winnerIndex === 0 ? 'accepted' : 'returned';
      outcomes.add(won);
      expect(winner.body).toMatchObject({ state: won, version: o.version + 1 });
      expect(['INVALID_STATE', 'VERSION_CONFLICT']).toContain(losers[0]!.body.code);
      expect(losers[0]!.body.currentVersion).toBe(o.version + 1);
      expect((await x.api<Obs>('GET', `/api/v1/observations/${o.id}`, { token: tok.staff })).body).toMatchObject({ state: won, version: o.version + 1 });
      expect((await history('observation', o.id)).map((e) => e.action)).toEqual(['observation.create', 'observation.submit', winnerIndex === 0 ? 'observation.accept' : 'observation.return']);
      if (won === 'accepted') latest = { observationId: o.id, value };
      expect(await statusOf(), `round ${round}: ${won}`).toMatchObject({ observationId: latest!.observationId, value: latest!.value });
    }
    // Not asserted (which request wins is up to timing); printed so a run shows both paths were taken.
    console.log(`accept/return race outcomes: ${[...outcomes].join(', ')}`);
  });

  it('(d) concurrent corrections of one accepted value: one new version, not two', async () => {
    for (let round = 0; round < 2; round++) {
      const o = await accepted('HT-CNTT-CB-XA', nextPeriod(), 80);
      const values = [81, 82, 83, 84];
      const answers = await x.together(values.map((value, i) => () => x.api<Obs & { code?: string }>('POST', `/api/v1/observations/${o.id}/corrections`, { token: i % 2 ? tok.staff2 : tok.staff, body: { value } })));
      const { winner, winnerIndex, losers } = oneWinner(answers, 201);
      expect(winner.body).toMatchObject({ seriesId: o.id, versionNo: 2, state: 'draft', value: values[winnerIndex] });
      for (const l of losers) expect(l.body.code).toBe('CONFLICT');
      const versions = await x.api<{ items: Obs[] }>('GET', `/api/v1/observations/${o.id}/history`, { token: tok.staff });
      expect(versions.body.items.map((v) => v.id).sort((a, b) => a - b)).toEqual([o.id, winner.body.id]);
      const corrections = (await events('observation.correct')).filter((e) => e.before?.id === o.id);
      expect(corrections).toHaveLength(1);
      expect(corrections[0]).toMatchObject({ entityId: String(winner.body.id), after: { value: values[winnerIndex] } });
    }
  });

  it('(e) two administrators edit the same unit, plan, indicator and user at once: one wins each', async () => {
    const targets = [
      { entity: 'unit', id: 'HT-STTTT', url: '/api/v1/units/HT-STTTT', field: 'nameEn', value: (i: number) => `Ha Tinh Department ${i}` },
      { entity: 'plan', id: 'HT-QH-CNTT', url: '/api/v1/plans/HT-QH-CNTT', field: 'issuingBody', value: (i: number) => `UBND tỉnh Hà Tĩnh ${i}` },
      { entity: 'indicator', id: 'HT-CNTT-CB-XA', url: '/api/v1/indicators/HT-CNTT-CB-XA', field: 'dataSource', value: (i: number) => `Báo cáo số ${i}` },
      { entity: 'user', id: String(staff2Id), url: `/api/v1/users/${staff2Id}`, field: 'name', value: (i: number) => `Nguyễn Văn Thứ ${i}` },
    ];
    for (const target of targets) {
      const current = await x.api<{ version: number }>('GET', target.url, { token: tok.admin });
      expect(current.status).toBe(200);
      const v = current.body.version;
      const before = await history(target.entity, target.id);
      const answers = await x.together([0, 1, 2, 3].map((i) => () => x.api<{ version: number; code?: string; currentVersion?: number } & Record<string, unknown>>('PATCH', target.url, { token: i % 2 ? tok.admin2 : tok.admin, body: { version: v, [target.field]: target.value(i) } })));
      const { winner, winnerIndex, losers } = oneWinner(answers, 200);
      expect(winner.body).toMatchObject({ version: v + 1, [target.field]: target.value(winnerIndex) });
      for (const l of losers) expect(l.body, target.entity).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: v + 1 });
      expect((await x.api('GET', target.url, { token: tok.admin })).body).toMatchObject({ version: v + 1, [target.field]: target.value(winnerIndex) });
      const after = await history(target.entity, target.id);
      expect(after.length, `${target.entity}: new audit events`).toBe(before.length + 1);
      expect(after.at(-1)!.after, target.entity).toMatchObject({ version: v + 1, [target.field]: target.value(winnerIndex) });
    }
  });

  it('(f) the same report created twice at once by two staff: one record', async () => {
    for (let round = 0; round < 3; round++) {
      const period = nextPeriod();
      const values = [11, 12, 13, 14];
      const answers = await x.together(values.map((value, i) => () => x.api<Obs & { code?: string }>('POST', '/api/v1/observations', { token: i % 2 ? tok.staff2 : tok.staff, body: { indicatorCode: 'HT-CNTT-CB-HUYEN', unitCode: 'HT', period, value } })));
      const { winner, winnerIndex, losers } = oneWinner(answers, 201);
      expect(winner.body).toMatchObject({ value: values[winnerIndex], state: 'draft' });
      for (const l of losers) expect(l.body.code).toBe('CONFLICT');
      const list = await x.api<{ items: Obs[]; total: number }>('GET', `/api/v1/observations?indicator=HT-CNTT-CB-HUYEN&period=${period}&includeSuperseded=true`, { token: tok.staff });
      expect(list.body.total).toBe(1);
      expect(list.body.items[0]).toMatchObject({ id: winner.body.id, value: values[winnerIndex] });
      const creates = (await events('observation.create')).filter((e) => e.after?.indicatorCode === 'HT-CNTT-CB-HUYEN' && e.after?.period === period);
      expect(creates.map((e) => e.entityId)).toEqual([String(winner.body.id)]);
    }
  });

  it('(g) status reads racing an acceptance never keep a status without it', async () => {
    const code = 'HT-MAU-5G-TRAM';
    const ROUNDS = 6;
    for (let round = 0; round < ROUNDS; round++) {
      const value = 400 + round;
      const o = await submitted(code, daysAgo(ROUNDS + 1 - round), value);
      // Drop the kept status (an indicator edit does), so the readers compute and keep it again.
      const ind = await x.api<{ version: number }>('GET', `/api/v1/indicators/${code}`, { token: tok.admin });
      const edit = await x.api('PATCH', `/api/v1/indicators/${code}`, { token: tok.admin, body: { version: ind.body.version, dataSource: `Sở TT&TT, lần ${round}` } });
      expect(edit.status).toBe(200);
      const statusCall = () => x.api<{ state?: string; latest?: { observationId: number | string } | null }>('GET', `/api/v1/indicators/${code}/status`, { token: tok.staff });
      // Readers right behind the acceptance: they may read before it is committed, but must not keep what they read after it.
      const answers = await x.together([() => x.api('POST', `/api/v1/observations/${o.id}/accept`, { token: tok.leader, body: { version: o.version } }), ...Array.from({ length: 5 }, () => statusCall)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const after = await statusCall();
      expect(after.body.latest, `round ${round}: the kept status after the race`).toMatchObject({ observationId: o.id, value });
    }
  });
});
