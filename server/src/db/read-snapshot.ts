import type Database from 'better-sqlite3';

/** Where the database stood when a snapshot began: equal stamps, no change committed in between. */
export interface SnapshotStamp {
  /** SQLite's `data_version`: changes when another connection (the command line, a restore) commits. */
  readonly dataVersion: number;
  /** `total_changes()` of the server's own connection: every row it has inserted, updated or deleted. */
  readonly ownChanges: number;
}

export interface ReadSnapshot {
  /**
   * Opens a read transaction for the synchronous rest of the current turn of the event loop, so the
   * statements that follow (a request's access check and its read) see one state of the database
   * and share one lock. Ends by itself at the next tick; returns the state's stamp. Returns null,
   * opening nothing, while a write transaction is open on the connection: its reads are its own.
   */
  begin(): SnapshotStamp | null;
  /** Ends the snapshot now, if one is open (a write transaction ends it before it begins). */
  end(): void;
  /** Whether a snapshot (not a write transaction) is open. */
  readonly open: boolean;
}

/**
 * Read snapshots on the server's connection.
 *
 * Each statement outside a transaction takes and releases SQLite's shared lock on its own; that
 * is two system calls and a check of the log's header, about as much as a small indexed read
 * itself. A snapshot lasts for the code that runs without yielding (one request's hooks and
 * handler), never across an `await` or a timer: it is committed at the next tick, so no reader
 * ever holds back a checkpoint or sees a state older than the turn it runs in.
 */
export function createReadSnapshot(sqlite: Database.Database): ReadSnapshot {
  const beginStmt = sqlite.prepare('BEGIN');
  const commit = sqlite.prepare('COMMIT');
  // Read first in the transaction: the read lock is taken here, and the version is the snapshot's.
  // (Two plain statements: the pragma as a table-valued function is prepared anew on every call.)
  const dataVersion = sqlite.prepare<[], number>('PRAGMA data_version').pluck(true);
  const ownChanges = sqlite.prepare<[], number>('SELECT total_changes()').pluck(true);
  let open = false;

  const end = () => {
    if (!open) return;
    open = false;
    if (sqlite.inTransaction) commit.run();
  };

  return {
    begin() {
      if (!open) {
        if (sqlite.inTransaction) return null;
        beginStmt.run();
        open = true;
        process.nextTick(end);
      }
      return { dataVersion: dataVersion.get()!, ownChanges: ownChanges.get()! };
    },
    end,
    get open() {
      return open;
    },
  };
}
