import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { cli } from '../helpers/processes';
import { storedJson } from '../../server/src/modules/audit/chain';

/**
 * The tamper-evident audit trail (docs/audit.md): every event's hash chains it to the one before;
 * `pnpm cli audit verify` and GET /api/v1/audit/verify name the first event that no longer fits.
 * The CLI is the built one (server/dist/cli.js): run `pnpm --filter @tiendo/server build` first.
 */

/** RFC 8785 for the values an audit event holds (strings, finite numbers, booleans, null, arrays, objects), written from the spec. */
function jcs(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jcs).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${jcs(o[k])}`)
    .join(',')}}`;
}

interface Row {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_label: string;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
  hash: string | null;
}

/** The documented recipe, recomputed here independently of the server's code. */
function recompute(rows: Row[]): string[] {
  let prev = '0'.repeat(64);
  return rows.map((r) => {
    const event = {
      seq: r.seq,
      at: r.at,
      actorId: r.actor_id,
      actorLabel: r.actor_label,
      actorRole: r.actor_role,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      unitId: r.unit_id,
      before: r.before === null ? null : JSON.parse(r.before),
      after: r.after === null ? null : JSON.parse(r.after),
      requestId: r.request_id,
      ip: r.ip,
    };
    prev = createHash('sha256').update(prev + jcs(event), 'utf8').digest('hex');
    return prev;
  });
}

/** Writes through the API: a report through its whole review, a returned one, a new account. */
async function someWrites(t: TestApp): Promise<number> {
  const staff = await t.login('staff');
  const leader = await t.login('leader');
  const admin = await t.login('admin');
  const draft = (await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2020', value: 97, comment: 'Theo báo cáo của các xã, "đã rà soát"' } })).json<{ id: number; version: number }>();
  const submitted = (await t.api('POST', `/api/v1/observations/${draft.id}/submit`, { token: staff, body: { version: draft.version } })).json<{ version: number }>();
  const returned = (await t.api('POST', `/api/v1/observations/${draft.id}/return`, { token: leader, body: { version: submitted.version, reason: 'Thiếu số liệu của 3 xã; bổ sung và gửi lại.' } })).json<{ version: number }>();
  const edited = (await t.api('PATCH', `/api/v1/observations/${draft.id}`, { token: staff, body: { version: returned.version, value: 98 } })).json<{ version: number }>();
  const again = (await t.api('POST', `/api/v1/observations/${draft.id}/submit`, { token: staff, body: { version: edited.version } })).json<{ version: number }>();
  const accepted = await t.api('POST', `/api/v1/observations/${draft.id}/accept`, { token: leader, body: { version: again.version } });
  expect(accepted.statusCode).toBe(200);
  const user = await t.api('POST', '/api/v1/users', { token: admin, body: { email: 'thanh.tra.ht@example.vn', name: 'Thanh tra Hà Tĩnh', role: 'auditor', unitCode: 'HT', password: 'Thanh-Tra-HT-2026' } });
  expect(user.statusCode).toBe(201);
  await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'wrong password' } });
  return draft.id;
}

const rows = (file: string): Row[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM audit_events ORDER BY seq').all() as Row[];
  } finally {
    db.close();
  }
};

/** What an attacker with the database file can do: drop the append-only triggers, then write. */
function tamper(file: string, sql: (db: Database.Database) => void): void {
  const db = new Database(file);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_events_no_update; DROP TRIGGER IF EXISTS audit_events_no_delete;');
    sql(db);
  } finally {
    db.close();
  }
}

describe('tamper-evident audit trail', () => {
  let t: TestApp;
  afterEach(async () => {
    await t?.close();
  });

  it('a normal history (demo seed and API writes) verifies, through the API and the command line, with the documented recipe', async () => {
    t = await createTestApp();
    await someWrites(t);
    const stored = rows(t.deps.dbh.file);
    expect(stored.length).toBeGreaterThan(200);
    expect(stored.map((r) => r.seq)).toEqual(stored.map((_, i) => i + 1));
    expect(stored.map((r) => r.hash)).toEqual(recompute(stored));

    const auditor = await t.login('auditor');
    const res = await t.api('GET', '/api/v1/audit/verify', { token: auditor });
    expect(res.statusCode).toBe(200);
    const head = rows(t.deps.dbh.file).at(-1)!;
    expect(res.json()).toMatchObject({ intact: true, method: 'tiendo-audit-chain/1', events: head.seq, head: { seq: head.seq, hash: head.hash }, firstBroken: null });

    const list = (await t.api('GET', '/api/v1/audit-events?pageSize=3', { token: auditor })).json<{ items: { seq: number; hash: string }[] }>();
    expect(list.items[0]).toMatchObject({ seq: head.seq, hash: head.hash });

    const run = cli(['audit', 'verify'], { TIENDO_DATA_DIR: t.dataDir, TIENDO_DEMO: 'false' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Audit trail intact: ${head.seq} events, head ${head.seq} ${head.hash}`);
    // Staff and leaders may not verify.
    expect((await t.api('GET', '/api/v1/audit/verify', { token: await t.login('staff') })).statusCode).toBe(403);
  });

  it('the database itself refuses to change or delete an event through the application connection', async () => {
    t = await createTestApp();
    const db = t.deps.dbh.sqlite;
    expect(() => db.prepare("UPDATE audit_events SET after = '{}' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_events WHERE seq = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare("UPDATE audit_events SET hash = 'x'").run()).toThrow(/append-only/);
  });

  const cases: { name: string; change: (db: Database.Database, seq: number) => void; reason: string; detail: RegExp }[] = [
    {
      name: "a changed 'after'",
      change: (db, seq) => db.prepare(`UPDATE audit_events SET after = json_set(after, '$.value', 42) WHERE seq = ?`).run(seq),
      reason: 'hash_mismatch',
      detail: /does not match its hash/,
    },
    {
      name: 'a deleted event',
      change: (db, seq) => db.prepare('DELETE FROM audit_events WHERE seq = ?').run(seq),
      reason: 'gap',
      detail: /is missing/,
    },
    {
      name: 'two events swapped (contents and hashes)',
      change: (db, seq) => {
        const cols = 'at, actor_id, actor_label, actor_role, action, entity, entity_id, unit_id, before, after, request_id, ip, hash';
        const a = db.prepare(`SELECT ${cols} FROM audit_events WHERE seq = ?`).get(seq) as Record<string, unknown>;
        const b = db.prepare(`SELECT ${cols} FROM audit_events WHERE seq = ?`).get(seq + 1) as Record<string, unknown>;
        const set = db.prepare(`UPDATE audit_events SET ${cols.split(', ').map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
        set.run({ ...b, seq });
        set.run({ ...a, seq: seq + 1 });
      },
      reason: 'reordered',
      detail: /holds the content of event/,
    },
    {
      name: 'two events swapped (contents only)',
      change: (db, seq) => {
        const cols = 'at, actor_id, actor_label, actor_role, action, entity, entity_id, unit_id, before, after, request_id, ip';
        const a = db.prepare(`SELECT ${cols} FROM audit_events WHERE seq = ?`).get(seq) as Record<string, unknown>;
        const b = db.prepare(`SELECT ${cols} FROM audit_events WHERE seq = ?`).get(seq + 1) as Record<string, unknown>;
        const set = db.prepare(`UPDATE audit_events SET ${cols.split(', ').map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
        set.run({ ...b, seq });
        set.run({ ...a, seq: seq + 1 });
      },
      reason: 'reordered',
      detail: /holds the content of event/,
    },
  ];

  for (const c of cases) {
    it(`${c.name} is caught, naming the sequence number, by the command line and the API`, async () => {
      t = await createTestApp();
      const observationId = await someWrites(t);
      // An event of the observation's review, in the middle of the trail.
      const target = rows(t.deps.dbh.file).find((r) => r.entity === 'observation' && r.entity_id === String(observationId) && r.action === 'observation.return')!;
      expect(target).toBeDefined();
      tamper(t.deps.dbh.file, (db) => c.change(db, target.seq));

      const run = cli(['audit', 'verify'], { TIENDO_DATA_DIR: t.dataDir, TIENDO_DEMO: 'false' });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`BROKEN at sequence number ${target.seq} (${c.reason})`);
      expect(run.stderr).toMatch(c.detail);

      const res = await t.api('GET', '/api/v1/audit/verify', { token: await t.login('auditor') });
      expect(res.json()).toMatchObject({ intact: false, events: target.seq - 1, firstBroken: { seq: target.seq, reason: c.reason } });
    });
  }

  it('removing events from the end is caught against the chain head an export recorded', async () => {
    t = await createTestApp();
    const auditor = await t.login('auditor');
    const created = (await t.api('POST', '/api/v1/exports', { token: auditor, body: { kind: 'units', format: 'json' } })).json<{ id: number }>();
    let job: { status: string; chainHead: { seq: number } } = { status: 'queued', chainHead: { seq: 0 } };
    for (let i = 0; i < 100 && job.status !== 'completed'; i++) {
      await new Promise((r) => setTimeout(r, 20));
      job = (await t.api('GET', `/api/v1/exports/${created.id}`, { token: auditor })).json();
    }
    expect(job.status).toBe('completed');
    const headSeq = job.chainHead.seq;
    tamper(t.deps.dbh.file, (db) => db.prepare('DELETE FROM audit_events WHERE seq >= ?').run(headSeq));
    const run = cli(['audit', 'verify', '--json'], { TIENDO_DATA_DIR: t.dataDir, TIENDO_DEMO: 'false' });
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toMatchObject({ intact: false, firstBroken: { seq: headSeq, reason: 'gap' } });
    expect(run.stderr).toContain('export 1 recorded event');
  });

  it("a record's history reads oldest first with what each step changed; auditors see only their subtree", async () => {
    t = await createTestApp();
    const id = await someWrites(t);
    const auditor = await t.login('auditor');
    const res = await t.api('GET', `/api/v1/audit-events/history?entity=observation&entityId=${id}`, { token: auditor });
    expect(res.statusCode).toBe(200);
    const history = res.json<{ items: { seq: number; action: string; actorRole: string; hash: string; changes: { field: string; before: unknown; after: unknown }[] }[]; total: number }>();
    expect(history.items.map((e) => e.action)).toEqual(['observation.create', 'observation.submit', 'observation.return', 'observation.update', 'observation.submit', 'observation.accept']);
    expect(history.items.map((e) => e.seq)).toEqual([...history.items.map((e) => e.seq)].sort((a, b) => a - b));
    expect(history.items.map((e) => e.actorRole)).toEqual(['staff', 'staff', 'leader', 'staff', 'staff', 'leader']);
    const returned = history.items[2]!;
    expect(returned.changes).toEqual(expect.arrayContaining([{ field: 'state', before: 'submitted', after: 'returned' }, expect.objectContaining({ field: 'returnReason', after: 'Thiếu số liệu của 3 xã; bổ sung và gửi lại.' })]));
    expect(history.items.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);

    // An auditor of Hà Tĩnh: events of Hà Tĩnh's units only, none of Bắc Giang's.
    const htAuditor = await t.login('thanh.tra.ht@example.vn', 'Thanh-Tra-HT-2026');
    const htUnits = new Set((await t.api('GET', '/api/v1/units?under=HT&pageSize=500', { token: htAuditor })).json<{ items: { code: string }[] }>().items.map((u) => u.code));
    expect(htUnits.has('HT-STTTT')).toBe(true);
    const scoped = (await t.api('GET', '/api/v1/audit-events?pageSize=500', { token: htAuditor })).json<{ items: { unitCode: string | null }[]; total: number }>();
    expect(scoped.total).toBeGreaterThan(10);
    expect(scoped.items.every((e) => e.unitCode !== null && htUnits.has(e.unitCode))).toBe(true);
    const all = (await t.api('GET', '/api/v1/audit-events?pageSize=1', { token: auditor })).json<{ total: number }>();
    expect(all.total).toBeGreaterThan(scoped.total);
    expect((await t.api('GET', `/api/v1/audit-events/history?entity=observation&entityId=${id}`, { token: htAuditor })).json()).toMatchObject({ total: 6 });
    const bg = (await t.api('GET', '/api/v1/audit-events/history?entity=unit&entityId=BG', { token: auditor })).json<{ total: number }>();
    expect(bg.total).toBeGreaterThan(0);
    expect((await t.api('GET', '/api/v1/audit-events/history?entity=unit&entityId=BG', { token: htAuditor })).json()).toMatchObject({ total: 0, items: [] });
    expect((await t.api('GET', '/api/v1/audit-events?under=BG', { token: htAuditor })).statusCode).toBe(403);
  });

  it('stores before/after with every string well formed, and anything else exactly as JSON.stringify writes it', () => {
    // A lone surrogate (which UTF-8 cannot carry) becomes U+FFFD wherever it is nested.
    expect(storedJson({ comment: 'a\uD800b', list: ['\uDC00'], nested: { x: 'ok' } })).toBe(JSON.stringify({ comment: 'a\uFFFDb', list: ['\uFFFD'], nested: { x: 'ok' } }));
    // A surrogate pair, and text that merely looks like an escape, are kept as they are.
    const kept = { emoji: 'Hà Tĩnh 😀', text: 'a backslash then \\ud800', n: 1.5, none: null, yes: true };
    expect(storedJson(kept)).toBe(JSON.stringify(kept));
    expect(JSON.parse(storedJson(kept)!)).toEqual(kept);
    expect(storedJson(null)).toBeNull();
    expect(storedJson(undefined)).toBeNull();
  });
});
