import { AsyncLocalStorage } from 'node:async_hooks';
import type Database from 'better-sqlite3';

export type Transact = <T>(fn: () => Promise<T>) => Promise<T>;

/**
 * Runs a unit of work in one SQLite transaction (BEGIN IMMEDIATE … COMMIT, ROLLBACK on any error).
 *
 * Repository methods are async so another backend can be plugged in, but on SQLite they finish
 * synchronously; so a callback that only awaits repository calls never yields to another request
 * mid-transaction. The queue serialises callbacks that do yield, and nested calls join the outer
 * transaction instead of deadlocking on the queue.
 */
export function createTransact(sqlite: Database.Database): Transact {
  const active = new AsyncLocalStorage<true>();
  let queue: Promise<unknown> = Promise.resolve();

  return async function transact<T>(fn: () => Promise<T>): Promise<T> {
    if (active.getStore()) return fn();
    const run = async (): Promise<T> => {
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const result = await active.run(true, fn);
        sqlite.exec('COMMIT');
        return result;
      } catch (err) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw err;
      }
    };
    const next = queue.then(run, run);
    queue = next.catch(() => undefined);
    return next;
  };
}
