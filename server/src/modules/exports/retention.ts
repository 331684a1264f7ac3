/**
 * Keeps the exports folder from growing without end: a completed export's files are removed once
 * they have been kept `TIENDO_EXPORT_KEEP_DAYS` days after it finished.
 *
 * The export's record stays: its filters, row counts, each file's size and SHA-256, the audit chain
 * head it was read at (still an anchor for `audit verify`) and its manifest, which can still be
 * downloaded. The record is marked `expired` with an audit event `export.expire` in one
 * transaction; the folder is removed after the commit, and a folder that an interrupted removal
 * left behind goes on the next sweep. The server sweeps when it starts and every hour;
 * `pnpm cli exports prune` sweeps at once.
 */
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Deps } from '../../deps';
import { systemContext } from '../../lib/context';

const DAY_MS = 86_400_000;
/** How often the server sweeps. */
export const SWEEP_INTERVAL_MS = 60 * 60 * 1000;

/** When the files of an export that finished at `finishedAt` are due for removal. */
export function filesExpireAt(finishedAt: string, keepDays: number): string {
  return new Date(Date.parse(finishedAt) + keepDays * DAY_MS).toISOString();
}

export interface SweepResult {
  /** The exports whose files this sweep removed. */
  expired: number[];
  /** Folders removed (those of the exports above, and any a previous sweep left behind). */
  foldersRemoved: number;
}

export function createExportRetention(deps: Deps) {
  const { repos, transact, audit, config } = deps;
  const root = path.join(config.dataDir, 'exports');
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();

  /** Removes the folders of expired exports still on disk; returns how many. */
  async function removeExpiredFolders(): Promise<number> {
    let names: string[];
    try {
      names = await readdir(root);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
      throw err;
    }
    const ids = names.filter((n) => /^\d+$/.test(n)).map(Number);
    const statuses = await repos.exports.statuses(ids);
    let removed = 0;
    for (const id of ids) {
      if (statuses.get(id) !== 'expired') continue;
      await rm(path.join(root, String(id)), { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  const retention = {
    /** Expires every completed export that finished `exportKeepDays` or more before `now`, and removes its files. */
    async sweep(now: Date = new Date()): Promise<SweepResult> {
      const removedAt = now.toISOString();
      const cutoff = new Date(now.getTime() - config.exportKeepDays * DAY_MS).toISOString();
      const expired: number[] = [];
      for (const job of await repos.exports.completedBefore(cutoff)) {
        const unitId = job.filters.under ? ((await repos.units.findByCode(job.filters.under))?.id ?? null) : null;
        const done = await transact(async () => {
          // Another sweep (the command line beside the server) may have expired it meanwhile.
          if (!(await repos.exports.expire(job.id, removedAt))) return false;
          await audit(systemContext('export-retention'), {
            action: 'export.expire',
            entity: 'export',
            entityId: job.id,
            unitId,
            after: { status: 'expired', filesRemovedAt: removedAt, keepDays: config.exportKeepDays },
          });
          return true;
        });
        if (done) expired.push(job.id);
      }
      return { expired, foldersRemoved: await removeExpiredFolders() };
    },

    /** Sweeps now and then every hour, one sweep at a time; a failed sweep is logged and tried again at the next. */
    start(onError: (err: unknown) => void): void {
      const run = () => {
        current = current.then(() => retention.sweep()).catch(onError);
      };
      run();
      timer = setInterval(run, SWEEP_INTERVAL_MS);
      timer.unref();
    },

    /** Stops the hourly sweep and waits for one under way. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await current;
    },
  };
  return retention;
}
