import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createReadSnapshot, type ReadSnapshot } from '../../server/src/db/read-snapshot';
import { createTransact, type Transact } from '../../server/src/db/transaction';

/**
 * Group commit: units of work that arrive together share one COMMIT, each in its own savepoint,
 * and none is acknowledged before that COMMIT.
 */
describe('transact (group commit)', () => {
  let dir: string;
  let db: Database.Database;
  let transact: Transact;
  let commits: number;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tiendo-tx-'));
    db = new Database(path.join(dir, 'tx.sqlite'));
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
    transact = createTransact(db);
    commits = 0;
    // Counts the commits that reach the database file.
    const exec = db.exec.bind(db);
    db.exec = (sql: string) => {
      if (sql === 'COMMIT') commits++;
      return exec(sql);
    };
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const insert = (v: string) => transact(async () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).lastInsertRowid);
  const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;

  it('commits concurrent units of work together, each answered only after the commit', async () => {
    const seen: number[] = [];
    const all = Array.from({ length: 50 }, (_, i) =>
      insert(`v${i}`).then((id) => {
        // The row is durable by now: a second connection sees it.
        const other = new Database(path.join(dir, 'tx.sqlite'), { readonly: true });
        seen.push((other.prepare('SELECT count(*) AS n FROM t WHERE id = ?').get(id) as { n: number }).n);
        other.close();
        return id;
      }),
    );
    const ids = await Promise.all(all);
    expect(new Set(ids).size).toBe(50);
    expect(seen.every((n) => n === 1)).toBe(true);
    expect(count()).toBe(50);
    expect(commits).toBeLessThan(5);
  });

  it('rolls back a failing unit of work alone; the others in its batch commit', async () => {
    const results = await Promise.allSettled([insert('a'), insert('b'), insert('a'), transact(async () => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('c');
      throw new Error('refused after writing');
    }), insert('d')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason.code).toBe('SQLITE_CONSTRAINT_UNIQUE');
    expect(db.prepare('SELECT v FROM t ORDER BY v').all()).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'd' }]);
    expect(db.inTransaction).toBe(false);
  });

  it('lets a unit of work see the writes of those before it, and nested calls join it', async () => {
    const [, n] = await Promise.all([
      insert('x'),
      transact(async () => {
        await transact(async () => db.prepare('INSERT INTO t (v) VALUES (?)').run('y'));
        return count();
      }),
    ]);
    expect(n).toBe(2);
  });

  it('nested calls join their unit of work in every batch, and a call after a batch has ended waits for its own', async () => {
    for (const v of ['a', 'b', 'c']) {
      // Each round is a batch of its own: the previous one has committed and answered.
      const n = await transact(async () => {
        await transact(async () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v));
        await Promise.resolve();
        return transact(async () => count());
      });
      expect(n).toBe(['a', 'b', 'c'].indexOf(v) + 1);
    }
    expect(commits).toBe(3);
    // Work a unit of work leaves running after it ends is not part of it: it is a unit of its own.
    let later: Promise<unknown> | undefined;
    await transact(async () => {
      setTimeout(() => (later = insert('d')), 0);
    });
    await new Promise((r) => setTimeout(r, 10));
    await later;
    expect(commits).toBe(5);
    expect(count()).toBe(4);
  });

  it('fails every unit of work of a batch whose commit fails, and recovers for the next', async () => {
    const exec = db.exec.bind(db);
    let failNext = true;
    db.exec = (sql: string) => {
      if (sql === 'COMMIT' && failNext) {
        failNext = false;
        exec('ROLLBACK');
        throw Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' });
      }
      return exec(sql);
    };
    const results = await Promise.allSettled([insert('p'), insert('q')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(count()).toBe(0);
    await insert('r');
    expect(count()).toBe(1);
  });

  it('keeps units of work that yield in order, one transaction at a time', async () => {
    const order: string[] = [];
    await Promise.all([
      transact(async () => {
        order.push('a:start');
        await new Promise((r) => setTimeout(r, 20));
        db.prepare('INSERT INTO t (v) VALUES (?)').run('a');
        order.push('a:end');
      }),
      transact(async () => {
        order.push('b:start');
        db.prepare('INSERT INTO t (v) VALUES (?)').run('b');
        order.push('b:end');
      }),
    ]);
    expect(order).toEqual(['a:start', 'a:end', 'b:start', 'b:end']);
    expect(count()).toBe(2);
  });
});

/**
 * Read snapshots: the reads of one turn of the event loop share a read transaction and its lock,
 * and a stamp that tells whether anything was committed since another snapshot.
 */
describe('read snapshots', () => {
  let dir: string;
  let db: Database.Database;
  let other: Database.Database;
  let snapshot: ReadSnapshot;
  let transact: Transact;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tiendo-snap-'));
    db = new Database(path.join(dir, 'snap.sqlite'));
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
    // Another process's connection: the command line, say.
    other = new Database(path.join(dir, 'snap.sqlite'));
    snapshot = createReadSnapshot(db);
    transact = createTransact(db, snapshot);
  });
  afterEach(() => {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = () => (db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));
  const insert = (v: string) => transact(async () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v).lastInsertRowid);

  it('holds one state for the rest of the turn, and ends by itself at the next tick', async () => {
    expect(snapshot.begin()).not.toBeNull();
    expect(snapshot.open).toBe(true);
    expect(db.inTransaction).toBe(true);
    other.prepare('INSERT INTO t (v) VALUES (?)').run('elsewhere');
    expect(count()).toBe(0);
    await nextTick();
    expect(snapshot.open).toBe(false);
    expect(db.inTransaction).toBe(false);
    expect(count()).toBe(1);
  });

  it('stamps the same state alike, and any commit, by this connection or another, differently', async () => {
    const first = snapshot.begin()!;
    expect(snapshot.begin()).toEqual(first);
    await nextTick();
    expect(snapshot.begin()).toEqual(first);
    await nextTick();
    await insert('here');
    const afterOwn = snapshot.begin()!;
    expect(afterOwn.ownChanges).not.toBe(first.ownChanges);
    await nextTick();
    other.prepare('INSERT INTO t (v) VALUES (?)').run('elsewhere');
    const afterOther = snapshot.begin()!;
    expect(afterOther.dataVersion).not.toBe(afterOwn.dataVersion);
    await nextTick();
  });

  it('opens nothing inside a write transaction, and leaves that transaction alone', async () => {
    await transact(async () => {
      db.prepare('INSERT INTO t (v) VALUES (?)').run('a');
      expect(snapshot.begin()).toBeNull();
      expect(snapshot.open).toBe(false);
    });
    await nextTick();
    expect(db.inTransaction).toBe(false);
    expect(other.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 1 });
  });

  it('a unit of work that finds a snapshot open ends it and writes on the current state', async () => {
    // The first unit of work finds its transaction ended under it (as SQLite does on some errors)
    // and resumes in the same turn as a request's reads, after another process has committed.
    let resume!: () => void;
    const gate = new Promise<void>((resolve) => (resume = resolve));
    const first = transact(async () => {
      db.exec('ROLLBACK');
      await gate;
    });
    const second = insert('after');
    setTimeout(() =>
      queueMicrotask(() => {
        snapshot.begin();
        other.prepare('INSERT INTO t (v) VALUES (?)').run('elsewhere');
        resume();
      }),
    );
    await expect(first).rejects.toThrow();
    // Written inside the stale snapshot, this insert would fail with SQLITE_BUSY_SNAPSHOT.
    await expect(second).resolves.toBeTypeOf('number');
    await nextTick();
    expect(db.inTransaction).toBe(false);
    expect(other.prepare('SELECT v FROM t ORDER BY v').pluck().all()).toEqual(['after', 'elsewhere']);
  });
});
