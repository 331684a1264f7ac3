import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';
import type { WriteLock } from './write-lock';

export interface UnitOfWorkOptions {
  /**
   * Runs in a transaction of its own. Meant for a large unit of work (an import): in a batch, its
   * savepoint's journal would hold a copy of every page it changes, in memory (client.ts).
   */
  alone?: boolean;
}

export type Transact = <T>(fn: () => Promise<T>, options?: UnitOfWorkOptions) => Promise<T>;

interface Job {
  fn: () => Promise<unknown>;
  alone: boolean;
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/** The most units of work one commit carries; the rest wait for the next. */
const MAX_BATCH = 256;

/**
 * Runs units of work in SQLite transactions with group commit.
 *
 * Every unit of work runs alone in its own SAVEPOINT, one after another, so each sees the writes
 * of those before it and a failing one is rolled back alone (its caller gets its error); a batch
 * of one needs no savepoint, and one marked `alone` is always a batch of its own. Units of
 * work that arrive while the event loop is busy are gathered and committed together by one
 * COMMIT: the database is on disk (WAL, synchronous=FULL) before any of their callers hears of
 * success, but the commit's flush is paid once per batch instead of once per write. Nothing is
 * acknowledged before its COMMIT returns; if the COMMIT fails, every unit of work in it fails.
 *
 * Repository methods are async so another backend can be plugged in, but on SQLite they finish
 * synchronously; a unit of work that does await something else holds the transaction meanwhile,
 * and later units wait for the next batch. Nested calls join the enclosing unit of work.
 *
 * With a `lock`, each batch first takes the write lock the process's other writing thread shares
 * (write-lock.ts), and frees it once its COMMIT has returned.
 */
export function createTransact(sqlite: Database.Database, lock?: WriteLock): Transact {
  const active = new AsyncLocalStorage<true>();
  // The statements run around every unit of work, parsed once.
  const savepoint = sqlite.prepare('SAVEPOINT unit_of_work');
  const release = sqlite.prepare('RELEASE unit_of_work');
  let pending: Job[] = [];
  let running = false;
  let scheduled = false;

  const schedule = () => {
    if (scheduled || running || pending.length === 0) return;
    scheduled = true;
    // After the requests already read from the sockets have reached here: they share the commit.
    setImmediate(() => {
      scheduled = false;
      void flush();
    });
  };

  async function flush(): Promise<void> {
    running = true;
    // Only one flush runs at a time (`running`), so this thread never asks for a lock it holds.
    if (lock) await lock.acquire();
    try {
      await runBatch();
    } finally {
      lock?.release();
    }
    running = false;
    // The store marks the units of work running, nothing else: off between batches, so that a
    // process not writing pays nothing for it (on Node 20 an active store watches every promise).
    // The next batch's first `run` turns it on again.
    active.disable();
    schedule();
  }

  /** Runs the next batch and answers its callers: each after the COMMIT, or with its own error. */
  async function runBatch(): Promise<void> {
    // Up to MAX_BATCH units of work, stopping before one that runs alone; or that one by itself.
    let size = 1;
    if (!pending[0]!.alone) while (size < pending.length && size < MAX_BATCH && !pending[size]!.alone) size++;
    const batch = pending.slice(0, size);
    pending = pending.slice(size);
    // Alone, a unit of work is rolled back with the whole transaction: it needs no savepoint.
    const savepoints = batch.length > 1;
    const outcomes: { ok: boolean; value: unknown }[] = [];
    // Where the current transaction began in the batch: a failure that ends the whole transaction
    // (SQLite rolls it back itself on some errors, e.g. a full disk) takes the work before it too.
    let segmentStart = 0;
    for (const [i, job] of batch.entries()) {
      try {
        if (!sqlite.inTransaction) {
          sqlite.exec('BEGIN IMMEDIATE');
          segmentStart = i;
        }
        if (savepoints) savepoint.run();
      } catch (err) {
        outcomes.push({ ok: false, value: err });
        continue;
      }
      try {
        const value = await active.run(true, job.fn);
        if (savepoints) release.run();
        outcomes.push({ ok: true, value });
      } catch (err) {
        if (sqlite.inTransaction && !savepoints) {
          sqlite.exec('ROLLBACK');
        } else if (sqlite.inTransaction) {
          sqlite.exec('ROLLBACK TO unit_of_work');
          sqlite.exec('RELEASE unit_of_work');
        } else {
          for (let k = segmentStart; k < i; k++) if (outcomes[k]!.ok) outcomes[k] = { ok: false, value: err };
        }
        outcomes.push({ ok: false, value: err });
      }
    }
    let commitError: unknown = null;
    if (sqlite.inTransaction) {
      try {
        sqlite.exec('COMMIT');
      } catch (err) {
        commitError = err;
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
      }
    }
    batch.forEach((job, i) => {
      const o = outcomes[i]!;
      if (commitError !== null) job.reject(o.ok ? commitError : o.value);
      else if (o.ok) job.resolve(o.value);
      else job.reject(o.value);
    });
  }

  return function transact<T>(fn: () => Promise<T>, options: UnitOfWorkOptions = {}): Promise<T> {
    if (active.getStore()) return fn();
    return new Promise<T>((resolve, reject) => {
      pending.push({ fn, alone: options.alone === true, resolve: resolve as (value: unknown) => void, reject });
      schedule();
    });
  };
}
