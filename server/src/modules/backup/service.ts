/**
 * Online backup and restore of the database file.
 *
 * Backup copies the live database with SQLite's online backup API while the server keeps
 * writing: the copy is one consistent moment of the database. It is written beside the target
 * under a temporary name, verified (integrity check, schema, audit hash chain), flushed to disk
 * and only then renamed into place, so a file at the target name is always a complete, verified
 * backup.
 *
 * Restore verifies the backup on a private copy in the data directory, applies any pending
 * migrations to that copy, and only then replaces the live database, keeping the previous one
 * (with its -wal/-shm files, if any) as `tiendo.sqlite.before-restore-<time>`. The server must be
 * stopped; a server still holding the database is detected and the restore refused.
 */
import { randomBytes } from 'node:crypto';
import { constants, existsSync, statSync } from 'node:fs';
import { copyFile, mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../db/client';
import { CONTENT_STORES, copyStore, storedPath, type CopiedFiles } from './files';
import { BackupRefused, inspectDatabase, type DatabaseSummary } from './inspect';

export { BackupRefused, type DatabaseSummary } from './inspect';

/** The database file in the data directory (as db/client.ts opens it). */
export const DATABASE_FILE = 'tiendo.sqlite';
/** SQLite's companion files of a database: its write-ahead log, shared-memory index, rollback journal. */
const COMPANIONS = ['-wal', '-shm', '-journal'];
/** Pages copied per backup step (by default) while the source is not written to meanwhile. */
const STEP_PAGES = 1000;
/** Everything that is left, in one step: a read transaction, which in WAL mode does not block the server's writes. */
const ALL_PAGES = 0x7fffffff;

export interface FilesCopy {
  dir: string;
  copied: Record<(typeof CONTENT_STORES)[number], CopiedFiles>;
  /** Files the database refers to that were not in the data directory to copy. */
  missing: string[];
}

export interface BackupResult {
  file: string;
  size: number;
  summary: DatabaseSummary;
  /** How often the copy started over because the server wrote meanwhile. */
  restarts: number;
  files: FilesCopy | null;
}

export interface RestoreResult {
  file: string;
  summary: DatabaseSummary;
  /** Where the replaced database was kept, or null when the data directory had none. */
  previous: string | null;
  files: FilesCopy | null;
}

interface Paths {
  dataDir: string;
  migrationsDir: string;
}

/** Flushes a file, or a directory's entries (renames), to disk; directories cannot be flushed on Windows. */
async function flush(p: string): Promise<void> {
  let handle;
  try {
    handle = await open(p, 'r');
    await handle.sync();
  } catch (err) {
    if (!statSync(p, { throwIfNoEntry: false })?.isDirectory()) throw err;
  } finally {
    await handle?.close();
  }
}

async function removeWithCompanions(file: string): Promise<void> {
  for (const suffix of ['', ...COMPANIONS]) await rm(file + suffix, { force: true });
}

const stamp = (): string => new Date().toISOString().replace(/[:.]/g, '-');
const tempName = (beside: string): string => `${beside}.tmp-${randomBytes(4).toString('hex')}`;

/** SHA-256s of the stored files a database refers to: evidence and frozen report documents. */
function referencedFiles(sqlite: Database.Database): Record<(typeof CONTENT_STORES)[number], string[]> {
  const shas = (sql: string) => (sqlite.prepare(sql).all() as { sha: string }[]).map((r) => r.sha);
  return {
    evidence: shas('SELECT sha256 AS sha FROM evidence_files'),
    reports: shas('SELECT docx_sha256 AS sha FROM status_reports WHERE docx_sha256 IS NOT NULL UNION SELECT pdf_sha256 FROM status_reports WHERE pdf_sha256 IS NOT NULL'),
  };
}

/** Copies the content stores from one directory to another and lists referenced files that are not there. */
async function copyStores(from: string, to: string, referenced: Record<(typeof CONTENT_STORES)[number], string[]>): Promise<Omit<FilesCopy, 'dir'>> {
  const copied = {} as FilesCopy['copied'];
  const missing: string[] = [];
  for (const store of CONTENT_STORES) {
    copied[store] = await copyStore(path.join(from, store), path.join(to, store));
    for (const sha of referenced[store]) if (!existsSync(storedPath(path.join(to, store), sha))) missing.push(`${store}/${sha}`);
  }
  return { copied, missing };
}

/**
 * Backs up the data directory's database to `target` (and, with `withFiles`, its content stores
 * to `<target>.files/`). Refuses to replace an existing target unless `force`.
 */
export async function backupDatabase(options: Paths & { target: string; force: boolean; withFiles: boolean; stepPages?: number }): Promise<BackupResult> {
  const live = path.join(options.dataDir, DATABASE_FILE);
  const target = path.resolve(options.target);
  const filesDir = `${target}.files`;
  if (!existsSync(live)) throw new BackupRefused(`There is no database at ${live} to back up (check TIENDO_DATA_DIR).`);
  if ([live, ...COMPANIONS.map((c) => live + c)].includes(target)) throw new BackupRefused('The backup cannot be written over the live database; give another file name.');
  const existing = statSync(target, { throwIfNoEntry: false });
  if (existing?.isDirectory()) throw new BackupRefused(`${target} is a directory; give a file name for the backup.`);
  if (existing && !options.force) throw new BackupRefused(`${target} already exists; add --force to replace it.`);
  if (options.withFiles && existsSync(filesDir) && !options.force) throw new BackupRefused(`${filesDir} already exists; add --force to replace it.`);
  await mkdir(path.dirname(target), { recursive: true });

  const temp = tempName(target);
  try {
    const source = new Database(live, { fileMustExist: true });
    let restarts = 0;
    try {
      source.pragma('busy_timeout = 5000');
      let lastRemaining = Infinity;
      let rest = false;
      await source.backup(temp, {
        progress: ({ remainingPages }) => {
          // More left than after the last step: the server wrote and the copy started over. Then
          // take the rest in one step, so a steady stream of writes cannot keep it from finishing.
          if (remainingPages > lastRemaining) {
            restarts++;
            rest = true;
          }
          lastRemaining = remainingPages;
          return rest ? ALL_PAGES : (options.stepPages ?? STEP_PAGES);
        },
      });
    } finally {
      source.close();
    }

    const copy = new Database(temp, { fileMustExist: true });
    let summary: DatabaseSummary;
    let referenced: ReturnType<typeof referencedFiles>;
    try {
      // A self-contained file: no write-ahead log to carry along with it.
      copy.pragma('journal_mode = DELETE');
      summary = await inspectDatabase(copy, options.migrationsDir);
      referenced = referencedFiles(copy);
    } catch (err) {
      if (err instanceof BackupRefused) throw new BackupRefused(`The copy failed verification, so it was not kept: ${err.message} Check the live database with \`pnpm cli audit verify\`.`);
      throw err;
    } finally {
      copy.close();
    }
    await flush(temp);
    await rename(temp, target);
    await flush(path.dirname(target));

    let files: FilesCopy | null = null;
    if (options.withFiles) {
      // Copied after the database: a stored file is written before any row names it, so every file the copy names is there by now.
      const tempDir = tempName(filesDir);
      try {
        await mkdir(tempDir, { recursive: true });
        const copied = await copyStores(options.dataDir, tempDir, referenced);
        await rm(filesDir, { recursive: true, force: true });
        await rename(tempDir, filesDir);
        files = { dir: filesDir, ...copied };
      } finally {
        await rm(tempDir, { recursive: true, force: true });
      }
    }
    return { file: target, size: (await stat(target)).size, summary, restarts, files };
  } finally {
    await removeWithCompanions(temp);
  }
}

/**
 * Moves the live database aside, with whatever -wal/-shm/-journal files it has, as
 * `<file>.before-restore-<time>`. It is first opened to fold its write-ahead log into the file
 * (so the kept copy is complete on its own); if another process holds it open, that fails and the
 * restore is refused. A database too damaged to open is moved aside as it is, companions and all.
 */
async function setAside(live: string): Promise<string> {
  if (existsSync(live)) {
    let db: Database.Database | null = null;
    try {
      db = new Database(live, { fileMustExist: true });
      db.pragma('busy_timeout = 2000');
      const mode = db.pragma('journal_mode = DELETE', { simple: true });
      if (mode !== 'delete') throw Object.assign(new Error(`journal mode stayed ${String(mode)}`), { code: 'SQLITE_BUSY' });
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
        throw new BackupRefused(`The database ${live} is in use by another process (is the server running?). Stop the server, then restore; nothing was changed.`);
      }
      // Damaged beyond opening: keep it exactly as it is.
    } finally {
      db?.close();
    }
  }
  const previous = `${live}.before-restore-${stamp()}`;
  for (const suffix of ['', ...COMPANIONS]) {
    if (existsSync(live + suffix)) await rename(live + suffix, previous + suffix);
  }
  return previous;
}

/**
 * Restores a backup into the data directory. Nothing in the data directory changes until the
 * backup has passed every check on a private copy. Replacing an existing database needs `force`;
 * with `withFiles` the content stores are copied back from `<source>.files/` as well.
 */
export async function restoreDatabase(options: Paths & { source: string; force: boolean; withFiles: boolean }): Promise<RestoreResult> {
  const source = path.resolve(options.source);
  const live = path.join(options.dataDir, DATABASE_FILE);
  const filesDir = `${source}.files`;
  if (!statSync(source, { throwIfNoEntry: false })?.isFile()) throw new BackupRefused(`${source} is not a file.`);
  if (source === live) throw new BackupRefused(`${source} is the live database itself.`);
  if ((statSync(`${source}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0) {
    throw new BackupRefused(
      `${source}-wal exists beside it: ${source} is the file of a database in use, and may be missing what that log holds. Make a backup with \`pnpm cli backup\` (or stop the program using it) and restore that.`,
    );
  }
  if (options.withFiles && !statSync(filesDir, { throwIfNoEntry: false })?.isDirectory()) throw new BackupRefused(`--with-files: ${filesDir} does not exist.`);
  const hasDatabase = COMPANIONS.concat('').some((suffix) => existsSync(live + suffix));
  if (hasDatabase && !options.force) {
    throw new BackupRefused(`${options.dataDir} already has a database; add --force to replace it (it is kept as ${DATABASE_FILE}.before-restore-<time>).`);
  }

  await mkdir(options.dataDir, { recursive: true });
  const temp = path.join(options.dataDir, `${DATABASE_FILE}.restore-${randomBytes(4).toString('hex')}`);
  try {
    await copyFile(source, temp, constants.COPYFILE_EXCL);
    // Checked and migrated on the private copy: the live database is not touched before this passes.
    const check = new Database(temp, { fileMustExist: true });
    let summary: DatabaseSummary;
    let referenced: ReturnType<typeof referencedFiles>;
    try {
      check.pragma('journal_mode = DELETE');
      summary = await inspectDatabase(check, options.migrationsDir);
      referenced = referencedFiles(check);
    } catch (err) {
      if (err instanceof BackupRefused) throw new BackupRefused(`${source} cannot be restored: ${err.message} Nothing was changed.`);
      if ((err as { code?: string }).code?.startsWith('SQLITE_')) throw new BackupRefused(`${source} cannot be restored: it is not a readable SQLite database (${(err as Error).message}). Nothing was changed.`);
      throw err;
    } finally {
      check.close();
    }
    const migrated = openDatabase({ file: temp, migrationsDir: options.migrationsDir });
    // Back to a single file before it is moved into place.
    migrated.sqlite.pragma('journal_mode = DELETE');
    migrated.sqlite.close();
    await flush(temp);

    const previous = hasDatabase ? await setAside(live) : null;
    await rename(temp, live);
    await flush(options.dataDir);

    let files: FilesCopy | null = null;
    if (options.withFiles) files = { dir: filesDir, ...(await copyStores(filesDir, options.dataDir, referenced)) };
    return { file: live, summary, previous, files };
  } finally {
    await removeWithCompanions(temp);
  }
}
