import type Database from 'better-sqlite3';

/** Where the database stood: two equal stamps of one kind, nothing that counts committed in between. */
export interface Stamp {
  /** What other connections' commits move: SQLite's `data_version`, or the reference count. */
  readonly version: number;
  /** `total_changes()` of the server's own connection (0 in a reference stamp, whose count covers it). */
  readonly own: number;
}

/** Where a stamped cache takes its stamps from. */
export interface StampSource {
  /** The stamp now; null while a write transaction is open on the connection (what it reads may yet be rolled back). */
  current(): Stamp | null;
}

export interface StateStamp extends StampSource {
  /**
   * Any commit at all moves it. `data_version` (which another connection's commit moves: the writer
   * thread's, the command line's) is read once per turn of the event loop (it takes the file's read
   * lock); the connection's own changes are counted on every call.
   */
  current(): Stamp | null;
  /**
   * Only a commit that changes an account's access, a unit, a target or a target's contributing
   * units moves it: the count in `reference_version`, which triggers move in the same transaction
   * as such a change, whoever makes it (migration 0010). Reports and statuses being written leave
   * it where it is. Read once per turn of the event loop, and again as soon as the connection's own
   * changes have moved.
   */
  reference: StampSource;
}

export function createStateStamp(sqlite: Database.Database): StateStamp {
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck(true);
  const ownChanges = sqlite.prepare<[], number>('SELECT total_changes()').pluck(true);
  // Prepared on first use: a connection that never asks needs no reference_version table.
  let referenceCount: Database.Statement<[], number> | null = null;
  let turnVersion: number | null = null;
  let turnReference: number | null = null;
  // The connection's own changes when the reference count was read.
  let referenceOwn = 0;
  const endTurn = () => {
    turnVersion = null;
    turnReference = null;
  };
  return {
    current() {
      if (sqlite.inTransaction) return null;
      if (turnVersion === null) {
        turnVersion = dataVersion.get()!;
        process.nextTick(endTurn);
      }
      return { version: turnVersion, own: ownChanges.get()! };
    },
    reference: {
      current() {
        if (sqlite.inTransaction) return null;
        const own = ownChanges.get()!;
        if (turnReference === null || own !== referenceOwn) {
          if (turnReference === null) process.nextTick(endTurn);
          referenceCount ??= sqlite.prepare<[], number>('SELECT n FROM reference_version WHERE id = 1').pluck(true);
          turnReference = referenceCount.get() ?? 0;
          referenceOwn = own;
        }
        return { version: turnReference, own: 0 };
      },
    },
  };
}

export interface StampedCache<K, V> {
  /** The value for `key`: remembered, when nothing that counts has been committed since it was read; else `read()`. */
  get(key: K, read: () => V): V;
}

/**
 * Values read from the database, remembered for as long as nothing that counts for them is
 * committed to it, by this server or any other process: a remembered value is what reading again
 * would give. Any commit that moves the source's stamp forgets them all (`stamp` itself: any
 * commit; `stamp.reference`: a change to accounts, units or targets). The stamp is taken before a
 * value is read, so a commit that lands between the two makes the value forgotten, never kept as
 * current.
 *
 * Holds at most `budget`, each value weighing `weigh(value)` (1 each by default); past it, values
 * are read and not remembered until the next commit starts afresh.
 */
export function createStampedCache<K, V extends NonNullable<unknown> | null>(source: StampSource, budget: number, weigh: (value: V) => number = () => 1): StampedCache<K, V> {
  const values = new Map<K, V>();
  let weight = 0;
  let at: Stamp | null = null;
  return {
    get(key, read) {
      const now = source.current();
      if (now === null) return read();
      if (at === null || now.version !== at.version || now.own !== at.own) {
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
