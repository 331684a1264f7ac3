import type Database from 'better-sqlite3';

/** Where the database stood: two equal stamps, nothing committed in between. */
export interface Stamp {
  /** SQLite's `data_version`: changes when another connection (the command line, a restore) commits. */
  readonly dataVersion: number;
  /** `total_changes()` of the server's own connection: every row it has inserted, updated or deleted. */
  readonly ownChanges: number;
}

export interface StateStamp {
  /**
   * The database's stamp now; null while a write transaction is open on the connection (what it
   * reads may yet be rolled back). `data_version` is read once per turn of the event loop (it
   * takes the file's read lock); the connection's own changes are counted on every call.
   */
  current(): Stamp | null;
}

export function createStateStamp(sqlite: Database.Database): StateStamp {
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck(true);
  const ownChanges = sqlite.prepare<[], number>('SELECT total_changes()').pluck(true);
  let turnVersion: number | null = null;
  const endTurn = () => {
    turnVersion = null;
  };
  return {
    current() {
      if (sqlite.inTransaction) return null;
      if (turnVersion === null) {
        turnVersion = dataVersion.get()!;
        process.nextTick(endTurn);
      }
      return { dataVersion: turnVersion, ownChanges: ownChanges.get()! };
    },
  };
}

export interface StampedCache<K, V> {
  /** The value for `key`: remembered, when nothing has been committed since it was read; else `read()`. */
  get(key: K, read: () => V): V;
}

/**
 * Values read from the database, remembered for as long as nothing is committed to it, by this
 * server or any other process: a remembered value is what reading again would give. Any commit
 * forgets them all. The stamp is taken before a value is read, so a commit that lands between
 * the two makes the value forgotten, never kept as current.
 *
 * Holds at most `budget`, each value weighing `weigh(value)` (1 each by default); past it, values
 * are read and not remembered until the next commit starts afresh.
 */
export function createStampedCache<K, V extends NonNullable<unknown> | null>(stamp: StateStamp, budget: number, weigh: (value: V) => number = () => 1): StampedCache<K, V> {
  const values = new Map<K, V>();
  let weight = 0;
  let at: Stamp | null = null;
  return {
    get(key, read) {
      const now = stamp.current();
      if (now === null) return read();
      if (at === null || now.dataVersion !== at.dataVersion || now.ownChanges !== at.ownChanges) {
        values.clear();
        weight = 0;
        at = now;
      }
      const known = values.get(key);
      if (known !== undefined) return known;
      const value = read();
      const w = weigh(value);
      if (weight + w <= budget) {
        values.set(key, value);
        weight += w;
      }
      return value;
    },
  };
}
