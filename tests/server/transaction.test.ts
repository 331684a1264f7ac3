import { existsSync, mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../server/src/db/client';
import { createStampedCache, createStateStamp, type StateStamp } from '../../server/src/db/state-stamp';
import { createTransact, type Transact } from '../../server/src/db/transaction';
import { ROOT } from '../helpers/processes';

/** A fresh database file in WAL mode with one table, `t`, in a directory of its own. */
function walDatabase(): { dir: string; file: string; db: Database.Database } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tiendo-tx-'));
  const file = path.join(dir, 'tx.sqlite');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL UNIQUE)');
  return { dir, file, db };
}

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
    ({ dir, db } = walDatabase());
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

  it('runs a unit of work marked alone in a transaction of its own, and a batch of one without a savepoint', async () => {
    // A transact whose savepoints are counted.
    const prepare = db.prepare.bind(db);
    let savepoints = 0;
    db.prepare = ((sql: string) => {
      const statement = prepare(sql);
      if (sql === 'SAVEPOINT unit_of_work') {
        const run = statement.run.bind(statement);
        statement.run = (...params: unknown[]) => {
          savepoints++;
          return run(...params);
        };
      }
      return statement;
    }) as typeof db.prepare;
    const counted = createTransact(db);
    const add = (v: string) => counted(async () => db.prepare('INSERT INTO t (v) VALUES (?)').run(v));

    await add('one');
    expect([savepoints, commits]).toEqual([0, 1]);

    // Gathered together: the first alone (a batch of one), the large one alone, the last two together.
    const results = await Promise.allSettled([
      add('a'),
      counted(
        async () => {
          for (let i = 0; i < 50; i++) db.prepare('INSERT INTO t (v) VALUES (?)').run(`large ${i}`);
          throw new Error('refused after writing');
        },
        { alone: true },
      ),
      add('b'),
      add('c'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(commits).toBe(3);
    expect(savepoints).toBe(2);
    expect(db.prepare('SELECT v FROM t ORDER BY id').all()).toEqual([{ v: 'one' }, { v: 'a' }, { v: 'b' }, { v: 'c' }]);

    // Alone and succeeding, with nested calls joining it.
    const n = await counted(async () => {
      await add('d');
      return count();
    }, { alone: true });
    expect(n).toBe(5);
    expect([savepoints, commits]).toEqual([2, 4]);
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
 * Remembered reads: values read from the database are kept while nothing is committed to it, by
 * this connection or any other, and read again after any commit.
 */
describe('stamped cache', () => {
  let dir: string;
  let db: Database.Database;
  let other: Database.Database;
  let stamp: StateStamp;
  let transact: Transact;
  let reads: number;

  beforeEach(() => {
    let file: string;
    ({ dir, file, db } = walDatabase());
    db.exec("INSERT INTO t (id, v) VALUES (1, 'one')");
    // Another process's connection: the command line, say.
    other = new Database(file);
    stamp = createStateStamp(db);
    transact = createTransact(db);
    reads = 0;
  });
  afterEach(() => {
    other.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  const readV = (id: number) => () => {
    reads++;
    return (db.prepare('SELECT v FROM t WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  };

  it('answers from memory while nothing is committed, across turns of the event loop', async () => {
    const cache = createStampedCache<number, string | null>(stamp, 100);
    expect(cache.get(1, readV(1))).toBe('one');
    await nextTurn();
    expect(cache.get(1, readV(1))).toBe('one');
    expect(cache.get(2, readV(2))).toBeNull();
    await nextTurn();
    expect(cache.get(2, readV(2))).toBeNull();
    expect(reads).toBe(2);
  });

  it('reads again after a commit by this connection, or by another process', async () => {
    const cache = createStampedCache<number, string | null>(stamp, 100);
    expect(cache.get(1, readV(1))).toBe('one');
    await transact(async () => db.prepare("UPDATE t SET v = 'uno' WHERE id = 1").run());
    expect(cache.get(1, readV(1))).toBe('uno');
    await nextTurn();
    other.prepare("UPDATE t SET v = 'một' WHERE id = 1").run();
    await nextTurn();
    expect(cache.get(1, readV(1))).toBe('một');
    // Even a write that changes nothing visible (the same value again) counts as a change.
    db.prepare("UPDATE t SET v = 'một' WHERE id = 1").run();
    expect(cache.get(1, readV(1))).toBe('một');
    expect(reads).toBe(4);
  });

  it('remembers nothing read inside a write transaction, which may yet be rolled back', async () => {
    const cache = createStampedCache<number, string | null>(stamp, 100);
    await expect(
      transact(async () => {
        db.prepare("UPDATE t SET v = 'draft' WHERE id = 1").run();
        expect(stamp.current()).toBeNull();
        expect(cache.get(1, readV(1))).toBe('draft');
        throw new Error('undone');
      }),
    ).rejects.toThrow('undone');
    expect(cache.get(1, readV(1))).toBe('one');
  });

  it('keeps within its budget: past it, values are read each time until the next commit', async () => {
    const cache = createStampedCache<number, string | null>(stamp, 5, (v) => v?.length ?? 1);
    db.prepare("INSERT INTO t (id, v) VALUES (2, 'two'), (3, 'three')").run();
    cache.get(1, readV(1)); // 3
    cache.get(3, readV(3)); // 5: over, not kept
    cache.get(2, readV(2)); // 3 + 3: over, not kept
    cache.get(1, readV(1));
    cache.get(3, readV(3));
    expect(reads).toBe(4);
  });
});

/**
 * On the product's own connection (openDatabase): a unit of work that writes more than SQLite's
 * 64 KiB of savepoint journal keeps that journal in memory, and rolling it back still undoes it
 * alone.
 */
describe('transact on the product connection', () => {
  let dir: string;
  let handle: DbHandle;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tiendo-tx-'));
    handle = openDatabase({ file: path.join(dir, 'tiendo.sqlite'), migrationsDir: path.join(ROOT, 'migrations') });
    handle.sqlite.exec('CREATE TABLE scratch (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
  });
  afterEach(() => {
    handle.sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Files this process has open that SQLite made for temporary data (their names start etilqs_). */
  const openTemporaryFiles = () =>
    existsSync('/proc/self/fd')
      ? readdirSync('/proc/self/fd').flatMap((fd) => {
          try {
            return [readlinkSync(`/proc/self/fd/${fd}`)];
          } catch {
            return [];
          }
        }).filter((target) => target.includes('etilqs_'))
      : [];

  it('keeps a large savepoint journal in memory and rolls the failing unit of work back alone', async () => {
    const { sqlite } = handle;
    expect(sqlite.pragma('temp_store', { simple: true })).toBe(2);
    const transact = createTransact(sqlite);
    const insert = sqlite.prepare('INSERT INTO scratch (v) VALUES (?)');
    // Pages written before the failing unit of work, which its savepoint must restore.
    await transact(async () => {
      for (let i = 0; i < 200; i++) insert.run(`before ${i} ${'x'.repeat(2000)}`);
    });
    let filesDuringLargeUnit: string[] = ['not checked'];
    const results = await Promise.allSettled([
      transact(async () => insert.run('first')),
      transact(async () => {
        sqlite.prepare("UPDATE scratch SET v = v || ' changed'").run();
        for (let i = 0; i < 200; i++) insert.run(`large ${i} ${'y'.repeat(2000)}`);
        filesDuringLargeUnit = openTemporaryFiles();
        throw new Error('refused after writing about 800 KiB');
      }),
      transact(async () => insert.run('last')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(filesDuringLargeUnit).toEqual([]);
    const count = (where: string) => sqlite.prepare(`SELECT count(*) FROM scratch WHERE ${where}`).pluck().get();
    expect(count("v LIKE 'before %'")).toBe(200);
    expect(count("v LIKE '% changed' OR v LIKE 'large %'")).toBe(0);
    expect(sqlite.prepare("SELECT v FROM scratch WHERE v IN ('first', 'last') ORDER BY id").pluck().all()).toEqual(['first', 'last']);
  });
});
