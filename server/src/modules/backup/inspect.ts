import type Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import * as schema from '../../db/schema/index';
import { createAuditRepository, type ChainHead } from '../audit/repository';
import { verifyChain } from '../audit/verify';
import { createExportsRepository } from '../exports/repository';

/** A backup or restore that was refused, or a file that is not a usable Tiến Độ database: exit code 1. */
export class BackupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupRefused';
  }
}

export interface DatabaseSummary {
  units: number;
  indicators: number;
  observations: number;
  auditEvents: number;
  /** The last audit event; null for an empty trail. */
  chainHead: ChainHead | null;
  /** Schema migrations the file has, and how many of this version's are still to apply. */
  migrations: { applied: number; pending: number };
}

/** Tables every Tiến Độ database has had since its first migration. */
const REQUIRED_TABLES = ['__drizzle_migrations', 'units', 'plans', 'indicators', 'users', 'observations', 'audit_events', 'export_jobs'];

const count = (sqlite: Database.Database, table: string): number => (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;

/**
 * Checks that an open database is a sound Tiến Độ database: SQLite's own integrity check, the
 * expected tables, migrations this version knows (not a newer version's file), and an intact audit
 * hash chain (matching the chain heads its exports recorded). Throws BackupRefused naming the
 * first problem; reads only.
 */
export async function inspectDatabase(sqlite: Database.Database, migrationsDir: string): Promise<DatabaseSummary> {
  let problems: string[];
  try {
    problems = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
  } catch (err) {
    throw new BackupRefused(`it is not a readable SQLite database (${(err as Error).message}).`);
  }
  if (problems.length !== 1 || problems[0] !== 'ok') {
    throw new BackupRefused(`SQLite's integrity check failed: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}.`);
  }

  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const missing = REQUIRED_TABLES.filter((t) => !tables.has(t));
  if (missing.length) throw new BackupRefused(`it is not a Tiến Độ database: table(s) ${missing.join(', ')} missing.`);

  const known = new Set(readMigrationFiles({ migrationsFolder: migrationsDir }).map((m) => m.folderMillis));
  const applied = sqlite.prepare('SELECT created_at AS at FROM __drizzle_migrations ORDER BY created_at').all() as { at: number | string }[];
  const unknown = applied.filter((m) => !known.has(Number(m.at)));
  if (unknown.length) {
    throw new BackupRefused(`its schema has ${unknown.length} migration(s) this version of Tiến Độ does not know: it was made by a newer version. Restore it with that version.`);
  }

  const db = drizzle(sqlite, { schema });
  const chain = await verifyChain(createAuditRepository(db, sqlite), await createExportsRepository(db).anchors());
  if (chain.firstBroken) {
    const b = chain.firstBroken;
    throw new BackupRefused(`its audit trail is broken at sequence number ${b.seq} (${b.reason}): ${b.detail}`);
  }
  return {
    units: count(sqlite, 'units'),
    indicators: count(sqlite, 'indicators'),
    observations: count(sqlite, 'observations'),
    auditEvents: count(sqlite, 'audit_events'),
    chainHead: chain.head,
    migrations: { applied: applied.length, pending: known.size - applied.length },
  };
}
