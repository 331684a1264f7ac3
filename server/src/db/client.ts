import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema/index';

/** Drizzle over the connection; `$client` is the connection itself, for the few hot reads written as SQL. */
export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface DbHandle {
  sqlite: Database.Database;
  db: Db;
  file: string;
}

/**
 * Opens (creating if needed) the database file in the data directory, sets the pragmas every
 * connection needs, and applies pending migrations — the server, the CLI and the tests all
 * open the database this one way. A second connection of a process that has already migrated
 * (the writer thread's) passes `migrate: false`.
 */
export function openDatabase(options: { dataDir?: string; file?: string; migrationsDir: string; migrate?: boolean; cacheMb?: number }): DbHandle {
  const file = options.file ?? path.join(options.dataDir ?? '.', 'tiendo.sqlite');
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  if (file !== ':memory:') sqlite.pragma('journal_mode = WAL');
  // FULL: a commit acknowledged to a client survives a power cut, not just a process crash.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // The page cache, 64 MiB unless the configuration says otherwise (TIENDO_DB_CACHE_MB; SQLite's
  // default is 2 MiB): national roll-ups and exports read tens of thousands of rows. Memory only,
  // no effect on what is written or when.
  sqlite.pragma(`cache_size = ${-(options.cacheMb ?? 64) * 1024}`);
  // Temporary data in memory, not in files under /var/tmp. Above all the savepoint journal each
  // unit of work writes (transaction.ts): past 64 KiB SQLite spills it to a new temporary file,
  // which then takes every later page of the batch and so doubled the file writes of a busy
  // commit. It only ever holds what a savepoint may have to undo; durability is the log's alone.
  sqlite.pragma('temp_store = MEMORY');
  // The server checkpoints on a thread of its own (checkpointer.ts); this is the backstop, and the
  // point where the log starts over from its beginning: the commit that reaches it copies what the
  // thread has not yet copied and syncs the database file. 50,000 pages (at most about 200 MB of
  // log) makes that pause a rare one under a sustained stream of writes.
  sqlite.pragma('wal_autocheckpoint = 50000');
  const db = drizzle(sqlite, { schema });
  if (options.migrate !== false) migrate(db, { migrationsFolder: options.migrationsDir });
  return { sqlite, db, file };
}
