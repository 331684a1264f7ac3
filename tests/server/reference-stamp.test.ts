import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStateStamp, type StateStamp } from '../../server/src/db/state-stamp';
import { createTestApp, type TestApp } from '../helpers/app';

/**
 * The reference stamp: what the server remembers of accounts, units and targets (the access check,
 * a new report's checks) is kept while reports are written, and read again after any change to
 * those records, whoever makes it (triggers on their tables, migration 0010).
 */
describe('reference stamp', () => {
  let t: TestApp;
  let stamp: StateStamp;
  let other: Database.Database;

  beforeEach(async () => {
    t = await createTestApp();
    stamp = createStateStamp(t.deps.dbh.sqlite);
    // Another process's connection: the command line, say.
    other = new Database(path.join(t.dataDir, 'tiendo.sqlite'));
  });
  afterEach(async () => {
    other.close();
    await t.close();
  });

  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const version = () => stamp.reference.current()!.version;

  it('has its triggers on every table whose rows are remembered', () => {
    const triggers = t.deps.dbh.sqlite
      .prepare<[], { table: string; name: string }>("SELECT tbl_name AS 'table', name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%reference_version%' ORDER BY name")
      .all();
    const byTable = (table: string) => triggers.filter((r) => r.table === table).map((r) => r.name);
    for (const table of ['users', 'units', 'indicators', 'indicator_contributors']) {
      expect(byTable(table), table).toEqual([`${table}_reference_delete`, `${table}_reference_insert`, `${table}_reference_update`]);
    }
  });

  it('stays where it is while reports are written, reviewed and their statuses kept, and across sign-ins', async () => {
    const staff = await t.login('staff');
    const leader = await t.login('leader');
    await nextTurn();
    const before = version();
    const created = await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2026-10', value: 5 } });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json<{ id: number }>();
    const submitted = await t.api('POST', `/api/v1/observations/${id}/submit`, { token: staff, body: { version: 1 } });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const accepted = await t.api('POST', `/api/v1/observations/${id}/accept`, { token: leader, body: { version: 2 } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    // A sign-in records its time on the account: not something the access check reads.
    await t.login('auditor');
    await nextTurn();
    expect(version()).toBe(before);
  });

  it('moves with a change to an account, a unit, a target or its contributors: at once by this connection, on the next turn by another', async () => {
    const changes = [
      "UPDATE users SET role = 'auditor' WHERE email = 'staff@tiendo.demo'",
      "UPDATE users SET disabled = 1 WHERE email = 'staff@tiendo.demo'",
      "UPDATE units SET name_vi = name_vi || '.' WHERE code = 'HT'",
      "UPDATE indicators SET measure = measure WHERE code = 'HT-CNTT-CB-XA'",
      "INSERT INTO indicator_contributors (indicator_id, unit_id) SELECT i.id, u.id FROM indicators i, units u WHERE i.code = 'HT-CNTT-CB-XA' AND u.code = 'VN'",
      "DELETE FROM indicator_contributors WHERE unit_id = (SELECT id FROM units WHERE code = 'VN')",
    ];
    for (const change of changes) {
      await nextTurn();
      const before = version();
      other.prepare(change).run();
      await nextTurn();
      expect(version(), change).toBeGreaterThan(before);
    }
    for (const change of changes.slice(2)) {
      const before = version();
      t.deps.dbh.sqlite.prepare(change).run();
      expect(version(), change).toBeGreaterThan(before);
    }
  });

  it("a new report's checks follow a target moved by another process on the very next request", async () => {
    const staff = await t.login('staff');
    const report = (period: string) => t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period, value: 5 } });
    // Remembered: the target, the unit and the account have each been read at least once.
    expect((await report('2026-07')).statusCode).toBe(201);
    expect((await report('2026-08')).statusCode).toBe(201);
    const owner = other.prepare<[], { unitId: number }>("SELECT unit_id AS unitId FROM indicators WHERE code = 'HT-CNTT-CB-XA'").get()!.unitId;
    other.prepare("UPDATE indicators SET unit_id = (SELECT id FROM units WHERE code = 'VN') WHERE code = 'HT-CNTT-CB-XA'").run();
    const refused = await report('2026-09');
    expect(refused.statusCode, refused.body).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    other.prepare("UPDATE indicators SET unit_id = ? WHERE code = 'HT-CNTT-CB-XA'").run(owner);
    expect((await report('2026-09')).statusCode).toBe(201);
  });

  it('remembers what it reads: the target and the unit are read once while nothing they depend on changes', async () => {
    const { indicators, units } = t.deps.repos;
    const target = await indicators.findForReport('HT-CNTT-CB-XA');
    const place = await units.findPlace('HT');
    expect(target).toMatchObject({ code: 'HT-CNTT-CB-XA', measure: expect.any(String) });
    expect(place).toMatchObject({ code: 'HT', path: expect.any(String) });
    await nextTurn();
    // The very objects, frozen: nobody can change what the next request is given.
    expect(await indicators.findForReport('HT-CNTT-CB-XA')).toBe(target);
    expect(await units.findPlace('HT')).toBe(place);
    expect(Object.isFrozen(target) && Object.isFrozen(target!.contributingUnitPaths) && Object.isFrozen(place)).toBe(true);
    expect(await units.findPlace('NO-SUCH-UNIT')).toBeNull();
    other.prepare("UPDATE units SET name_vi = name_vi || '.' WHERE code = 'HT'").run();
    await nextTurn();
    expect(await units.findPlace('HT')).not.toBe(place);
    expect(await units.findPlace('HT')).toEqual(place);
  });
});
