/**
 * Crash durability: a write the server acknowledged survives the process being killed.
 *
 * The built server runs as a child process on one data directory while a dozen clients keep
 * writing over keep-alive connections (staff create and edit drafts and submit them, a leader
 * accepts or returns them: each write is an observation change plus its hash-chained audit event,
 * and every acceptance also refreshes the indicator's kept status). At a random moment the child is
 * killed with SIGKILL, in the middle of whatever it was doing; a new process is started on the same
 * directory (it must open the database and recover from the WAL) and the database is checked:
 *
 * - every write whose 2xx answer arrived in full is there, with the acknowledged version, value,
 *   state and timestamp, and with its own audit event;
 * - a write that got no answer is either wholly there or wholly absent: every observation row has
 *   exactly one audit event per version (no row without its event, no event without its row), the
 *   last event matches the row, and no row exists that no client asked for;
 * - every kept status was refreshed in the same commit as the acceptance that changed it, and
 *   points at a real accepted value;
 * - `PRAGMA integrity_check` is ok, no foreign key dangles, and the audit chain verifies.
 *
 * The cycle repeats many times in the same directory, so state (and the WAL) accumulates across
 * crashes. Set TIENDO_CRASH_SEED to replay the same kill moments and choices.
 *
 * What it does not prove: a kill loses only the process, not the operating system's page cache,
 * so this does not simulate a power cut or a disk that lies about flushing. Surviving those is what
 * `synchronous = FULL` (server/src/db/client.ts) is for: SQLite fsyncs the WAL before a commit
 * returns, so an acknowledged commit is on stable storage. Nor does it cover a corrupted or
 * truncated file, or a full disk.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpClient, launchServer, seededRandom, type HttpClient, type ServerProcess } from '../helpers/crash';
import { cli } from '../helpers/processes';

const CYCLES = 20;
/** Concurrent clients, each with at most one request in flight. */
const WORKERS = 12;
const KILL_AFTER_MS = { min: 50, max: 600 };
/** Acknowledged records read back through the API after each restart (the rest are checked in the file). */
const API_SAMPLE = 8;

const SEED = process.env.TIENDO_CRASH_SEED ? Number(process.env.TIENDO_CRASH_SEED) : Math.floor(Math.random() * 2 ** 31);

type State = 'draft' | 'submitted' | 'accepted' | 'returned';
type Action = 'observation.create' | 'observation.update' | 'observation.submit' | 'observation.accept' | 'observation.return';

/** What an observation looks like after one write (from the answer, or as expected for a write left unanswered). */
interface Outcome {
  action: Action;
  version: number;
  value: number;
  state: State;
}

/** The events after which a report can be in each state. */
const LEADS_TO: Record<State, Action[]> = {
  draft: ['observation.create', 'observation.update'],
  submitted: ['observation.submit'],
  accepted: ['observation.accept'],
  returned: ['observation.return', 'observation.update'],
};

interface ObservationBody {
  id: number;
  version: number;
  value: number;
  state: State;
  updatedAt: string;
}

interface Acked extends Outcome {
  id: number;
  updatedAt: string;
}

interface Row {
  id: number;
  indicator_id: number;
  unit_id: number;
  period: string;
  value: number | null;
  state: string;
  version: number;
  updated_at: string;
  accepted_at: string | null;
}

interface EventRow {
  seq: number;
  action: string;
  entity_id: string;
  after: string | null;
}

const rand = seededRandom(SEED);
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('crash durability (SIGKILL during concurrent writes)', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'tiendo-crash-'));
  dirs.push(dataDir);
  const env = { TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true', TIENDO_JWT_SECRET: 'crash-durability-test-secret-0123456789abcdef' };
  const dbFile = path.join(dataDir, 'tiendo.sqlite');

  let server: ServerProcess | null = null;
  let staff = '';
  let leader = '';
  let auditor = '';
  let indicators: { id: number; code: string }[] = [];
  let unitId = 0;
  /** Rows and events that exist before the first write: the demo seed. */
  let baseline = { observationId: 0, auditSeq: 0 };

  /** The last acknowledged state of every record, across all cycles (a record is never touched after its cycle). */
  const acked = new Map<number, Acked>();
  /** Every acknowledged write: (record, version) → its action. */
  const ackedWrites = new Map<string, Action>();
  /** The write to a record that was sent but not answered when the server died, and what it would have made. */
  const unanswered = new Map<number, Outcome>();
  /** Every create sent, by indicator and period: the value asked for (answered or not). */
  const sentCreates = new Map<string, number>();
  /** Complete answers that were not 2xx, or not what was asked: the workload never conflicts, so each is a failure. */
  const badAnswers: string[] = [];
  let combo = 0;

  beforeAll(async () => {
    console.log(`crash-durability seed ${SEED} (replay with TIENDO_CRASH_SEED=${SEED})`);
    server = await launchServer(env);
    await server.ready;
    const client = createHttpClient(server.baseUrl, 2);
    const login = async (email: string, password: string) => {
      const res = await client.request<{ accessToken: string }>('POST', '/api/v1/auth/login', { body: { email, password } });
      if (res.status !== 200) throw new Error(`login ${email}: ${res.status}`);
      return res.body.accessToken;
    };
    // The signing secret is fixed in env, so these tokens stay valid across every restart.
    staff = await login('staff@tiendo.demo', 'TienDo-Staff-2026');
    leader = await login('leader@tiendo.demo', 'TienDo-Leader-2026');
    auditor = await login('auditor@tiendo.demo', 'TienDo-Auditor-2026');
    client.close();
    const db = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      // Indicators the demo staff account reports on (its own unit's), for the province unit HT.
      indicators = db.prepare<[], { id: number; code: string }>("SELECT i.id, i.code FROM indicators i JOIN units u ON u.id = i.unit_id WHERE u.code = 'HT-STTTT' ORDER BY i.id").all();
      unitId = db.prepare<[], { id: number }>("SELECT id FROM units WHERE code = 'HT'").get()!.id;
      baseline = {
        observationId: db.prepare<[], { n: number }>('SELECT coalesce(max(id), 0) AS n FROM observations').get()!.n,
        auditSeq: db.prepare<[], { n: number }>('SELECT coalesce(max(seq), 0) AS n FROM audit_events').get()!.n,
      };
    } finally {
      db.close();
    }
    expect(indicators.length).toBeGreaterThan(10);
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  /** Each create gets an indicator/period pair never used before, so no two writes ever conflict. */
  function nextCombo(): { indicatorCode: string; indicatorId: number; period: string } {
    const k = combo++;
    const ind = indicators[k % indicators.length]!;
    const day = new Date(Date.UTC(2001, 0, 1) + Math.floor(k / indicators.length) * 86_400_000);
    return { indicatorCode: ind.code, indicatorId: ind.id, period: day.toISOString().slice(0, 10) };
  }

  /** Runs one client until the server stops answering: each record goes draft → (edit) → submitted → (returned → edit → submitted) → accepted. */
  async function worker(client: HttpClient, wrand: () => number, label: string, counts: { acked: number; unanswered: number }): Promise<void> {
    const value = () => Math.round(wrand() * 10_000) / 100;

    /** Sends one write; returns the answer, or null when the server did not answer (then the worker stops). */
    async function write(method: string, url: string, token: string, body: object, expected: Outcome & { id: number | null }): Promise<ObservationBody | null> {
      let res;
      try {
        res = await client.request<ObservationBody>(method, url, { token, body });
      } catch {
        counts.unanswered++;
        if (expected.id !== null) unanswered.set(expected.id, { action: expected.action, version: expected.version, value: expected.value, state: expected.state });
        return null;
      }
      if (res.status < 200 || res.status > 299) {
        badAnswers.push(`${label} ${method} ${url} → ${res.status} ${JSON.stringify(res.body)}`);
        return null;
      }
      const o = res.body;
      counts.acked++;
      acked.set(o.id, { id: o.id, action: expected.action, version: o.version, value: o.value, state: o.state, updatedAt: o.updatedAt });
      ackedWrites.set(`${o.id}@${o.version}`, expected.action);
      // The answer itself must say what was asked; the database check then holds the server to it.
      if (o.version !== expected.version || o.value !== expected.value || o.state !== expected.state) {
        badAnswers.push(`${label} ${method} ${url} answered ${JSON.stringify({ version: o.version, value: o.value, state: o.state })}, expected ${JSON.stringify(expected)}`);
      }
      return o;
    }

    for (;;) {
      const c = nextCombo();
      const first = value();
      sentCreates.set(`${c.indicatorId}|${c.period}`, first);
      let o = await write('POST', '/api/v1/observations', staff, { indicatorCode: c.indicatorCode, unitCode: 'HT', period: c.period, value: first, comment: `crash test ${label}` }, { id: null, action: 'observation.create', version: 1, value: first, state: 'draft' });
      if (!o) return;
      const edit = async (): Promise<boolean> => {
        const v = value();
        o = await write('PATCH', `/api/v1/observations/${o!.id}`, staff, { version: o!.version, value: v }, { id: o!.id, action: 'observation.update', version: o!.version + 1, value: v, state: o!.state });
        return o !== null;
      };
      const step = async (url: string, token: string, action: Action, state: State, extra: object = {}): Promise<boolean> => {
        o = await write('POST', `/api/v1/observations/${o!.id}/${url}`, token, { version: o!.version, ...extra }, { id: o!.id, action, version: o!.version + 1, value: o!.value, state });
        return o !== null;
      };
      if (wrand() < 0.4 && !(await edit())) return;
      if (!(await step('submit', staff, 'observation.submit', 'submitted'))) return;
      if (wrand() < 0.25) {
        if (!(await step('return', leader, 'observation.return', 'returned', { reason: 'Kiểm tra lại số liệu' }))) return;
        if (!(await edit())) return;
        if (!(await step('submit', staff, 'observation.submit', 'submitted'))) return;
      }
      if (!(await step('accept', leader, 'observation.accept', 'accepted'))) return;
    }
  }

  /** Reads the data directory directly (read-only) and checks everything the file header promises. */
  async function checkDatabase(cycle: number): Promise<{ rows: number; events: number; landed: number }> {
    const sqlite = new Database(dbFile, { readonly: true, fileMustExist: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true }), `cycle ${cycle}: integrity_check`).toBe('ok');
      expect(sqlite.pragma('foreign_key_check'), `cycle ${cycle}: foreign_key_check`).toEqual([]);
      // The chain itself is verified by the restarted server (and by the CLI at the end); here, no sequence number is missing.
      const seqs = sqlite.prepare<[], { n: number; last: number }>('SELECT count(*) AS n, max(seq) AS last FROM audit_events').get()!;
      expect(seqs.n, `cycle ${cycle}: audit sequence numbers`).toBe(seqs.last);

      const rows = sqlite.prepare<[number], Row>('SELECT id, indicator_id, unit_id, period, value, state, version, updated_at, accepted_at FROM observations WHERE id > ? ORDER BY id').all(baseline.observationId);
      const events = sqlite.prepare<[number], EventRow>("SELECT seq, action, entity_id, after FROM audit_events WHERE entity = 'observation' AND seq > ? ORDER BY seq").all(baseline.auditSeq);
      const byId = new Map(rows.map((r) => [r.id, r]));
      const eventsOf = new Map<number, { action: string; after: ObservationBody }[]>();
      for (const e of events) {
        const id = Number(e.entity_id);
        // An event for a write whose row change is not there: the two were not committed together.
        expect(byId.has(id), `cycle ${cycle}: audit event ${e.seq} (${e.action}) names observation ${e.entity_id}, which does not exist`).toBe(true);
        eventsOf.set(id, [...(eventsOf.get(id) ?? []), { action: e.action, after: JSON.parse(e.after ?? 'null') as ObservationBody }]);
      }

      const combos = new Set<string>();
      for (const r of rows) {
        const key = `${r.indicator_id}|${r.period}`;
        expect(sentCreates.has(key) && r.unit_id === unitId, `cycle ${cycle}: observation ${r.id} (${key}) was never asked for`).toBe(true);
        expect(combos.has(key), `cycle ${cycle}: two observations for ${key}`).toBe(false);
        combos.add(key);
        // One event per version, 1…version, in order: no row change without its audit event.
        const evs = eventsOf.get(r.id) ?? [];
        expect(evs.map((e) => e.after.version), `cycle ${cycle}: audit versions of observation ${r.id}`).toEqual(Array.from({ length: r.version }, (_, i) => i + 1));
        expect(evs[0]!.action).toBe('observation.create');
        expect(evs[0]!.after.value).toBe(sentCreates.get(key));
        const last = evs.at(-1)!.after;
        expect({ value: last.value, state: last.state, updatedAt: last.updatedAt }, `cycle ${cycle}: last audit event of observation ${r.id}`).toEqual({ value: r.value, state: r.state, updatedAt: r.updated_at });
        expect(LEADS_TO[r.state as State], `cycle ${cycle}: observation ${r.id} is ${r.state}; its last event`).toContain(evs.at(-1)!.action);
      }

      // Every acknowledged write is there as acknowledged (or, if a later write to it was left unanswered, that one may have landed too).
      let landed = rows.filter((r) => !acked.has(r.id)).length;
      for (const a of acked.values()) {
        const r = byId.get(a.id);
        expect(r, `cycle ${cycle}: acknowledged observation ${a.id} is missing`).toBeDefined();
        const pending = unanswered.get(a.id);
        if (r!.version === a.version) {
          expect({ value: r!.value, state: r!.state, updatedAt: r!.updated_at }, `cycle ${cycle}: observation ${a.id} v${a.version}`).toEqual({ value: a.value, state: a.state, updatedAt: a.updatedAt });
        } else {
          expect(pending && pending.version === r!.version, `cycle ${cycle}: observation ${a.id} is at v${r!.version}, acknowledged v${a.version}, and no write to it was left unanswered`).toBe(true);
          expect({ value: r!.value, state: r!.state }).toEqual({ value: pending!.value, state: pending!.state });
          landed++;
        }
      }
      for (const [key, action] of ackedWrites) {
        const [id, version] = key.split('@').map(Number) as [number, number];
        const ev = eventsOf.get(id)?.find((e) => e.after.version === version);
        expect(ev?.action, `cycle ${cycle}: audit event of acknowledged write ${key}`).toBe(action);
      }

      // Kept statuses: refreshed in the acceptance's own commit, and pointing at real accepted values.
      const statuses = sqlite.prepare<[], { indicator_id: number; known_at: string; result: string }>('SELECT indicator_id, known_at, result FROM indicator_status').all();
      const statusOf = new Map(statuses.map((s) => [s.indicator_id, s]));
      const lastAccepted = new Map<number, string>();
      for (const r of rows) if (r.state === 'accepted' && r.accepted_at! > (lastAccepted.get(r.indicator_id) ?? '')) lastAccepted.set(r.indicator_id, r.accepted_at!);
      for (const [indicatorId, acceptedAt] of lastAccepted) {
        const s = statusOf.get(indicatorId);
        expect(s, `cycle ${cycle}: indicator ${indicatorId} has accepted values but no kept status`).toBeDefined();
        expect(s!.known_at >= acceptedAt, `cycle ${cycle}: kept status of indicator ${indicatorId} (known at ${s!.known_at}) predates the acceptance at ${acceptedAt}`).toBe(true);
      }
      const acceptedIds = new Set(sqlite.prepare<[], { id: number }>("SELECT id FROM observations WHERE state = 'accepted'").all().map((r) => r.id));
      for (const s of statuses) {
        const latest = (JSON.parse(s.result) as { result: { latest: { observationId: number | string } | null } }).result.latest;
        if (typeof latest?.observationId === 'number') expect(acceptedIds.has(latest.observationId), `cycle ${cycle}: kept status of indicator ${s.indicator_id} points at observation ${latest.observationId}`).toBe(true);
      }
      return { rows: rows.length, events: seqs.n, landed };
    } finally {
      sqlite.close();
    }
  }

  it(`keeps every acknowledged write across ${CYCLES} kills`, async () => {
    const restarts: number[] = [];
    let totalAcked = 0;
    let totalUnanswered = 0;
    let totalLanded = 0;
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const live = server!;
      const client = createHttpClient(live.baseUrl, WORKERS);
      const counts = { acked: 0, unanswered: 0 };
      const killAfter = KILL_AFTER_MS.min + Math.floor(rand() * (KILL_AFTER_MS.max - KILL_AFTER_MS.min));
      const workers = Array.from({ length: WORKERS }, (_, w) => worker(client, seededRandom(SEED ^ (cycle * 7919 + w * 104_729)), `c${cycle}w${w}`, counts));
      await new Promise((r) => setTimeout(r, killAfter));
      await live.kill();
      await Promise.all(workers);
      client.close();
      totalAcked += counts.acked;
      totalUnanswered += counts.unanswered;
      expect(badAnswers, `cycle ${cycle}: answers that were not 2xx`).toEqual([]);

      // A new process on the same directory: it must open the database (recovering the WAL) and serve.
      server = await launchServer(env);
      restarts.push(await server.ready);
      const checkStarted = performance.now();
      const { rows, events, landed } = await checkDatabase(cycle);
      totalLanded = landed;

      // The restarted server finds the audit chain intact, and serves the acknowledged state too.
      const reader = createHttpClient(server.baseUrl, 4);
      const chain = await reader.request<{ intact: boolean; events: number; head: { seq: number } | null; firstBroken: unknown }>('GET', '/api/v1/audit/verify', { token: auditor });
      expect(chain.status).toBe(200);
      expect(chain.body.firstBroken, `cycle ${cycle}: audit chain`).toBeNull();
      expect(chain.body).toMatchObject({ intact: true, events: events, head: { seq: events } });
      const ids = [...acked.keys()];
      const sample = Array.from({ length: Math.min(API_SAMPLE, ids.length) }, () => ids[Math.floor(rand() * ids.length)]!);
      for (const id of sample) {
        const res = await reader.request<ObservationBody>('GET', `/api/v1/observations/${id}`, { token: staff });
        expect(res.status).toBe(200);
        const a = acked.get(id)!;
        const pending = unanswered.get(id);
        const want = res.body.version === a.version ? { version: a.version, value: a.value, state: a.state } : { version: pending?.version, value: pending?.value, state: pending?.state };
        expect({ version: res.body.version, value: res.body.value, state: res.body.state }, `GET observation ${id} after restart ${cycle}`).toEqual(want);
      }
      reader.close();
      const checkMs = Math.round(performance.now() - checkStarted);
      console.log(`cycle ${cycle}: killed after ${killAfter} ms, ${counts.acked} acknowledged, ${counts.unanswered} unanswered (${landed} unanswered writes landed so far); restart ${Math.round(restarts.at(-1)!)} ms; ${rows} observations, ${events} audit events checked in ${checkMs} ms`);
    }
    // Offline, as an operator would after an incident: the CLI walks the chain of the stopped server's directory.
    await server!.stop();
    const verify = cli(['audit', 'verify'], env);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('Audit trail intact');
    const sorted = [...restarts].sort((a, b) => a - b);
    console.log(
      `crash-durability seed ${SEED}: ${CYCLES} kills, ${totalAcked} acknowledged writes (${acked.size} records) checked, ${totalUnanswered} unanswered of which ${totalLanded} landed whole; ` +
        `restart ms min ${Math.round(sorted[0]!)} median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} max ${Math.round(sorted.at(-1)!)}`,
    );
    // The run means something only if many writes were acknowledged before the kills.
    expect(totalAcked).toBeGreaterThan(CYCLES * 5);
    // Restarts dominate: about 1.5 s each on an idle machine, several times that on a busy one.
  }, 300_000);
});
