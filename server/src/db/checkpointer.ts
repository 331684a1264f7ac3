import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Moves committed pages from the write-ahead log into the database file on a thread of its own.
 *
 * SQLite otherwise does this inside whichever commit fills the log past its limit, and that commit
 * (with every request waiting behind it on the event loop) pays for copying and syncing thousands
 * of pages. The thread runs PASSIVE checkpoints, which never block readers or the writer; the
 * server's connection keeps a higher automatic limit as a backstop. It runs every 100 ms: the
 * less it leaves behind, the less the backstop's commit has to copy when it comes. Durability is
 * unchanged: a commit is on disk once its log frames are synced, before and after any checkpoint.
 */
export function startCheckpointer(file: string, intervalMs = 100): { stop: () => Promise<void> } {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const Database = require(workerData.driver);
    const db = new Database(workerData.file);
    db.pragma('busy_timeout = 1000');
    db.pragma('synchronous = FULL');
    const timer = setInterval(() => {
      try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy: the next turn tries again */ }
    }, workerData.intervalMs);
    parentPort.on('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
  `;
  const worker = new Worker(code, { eval: true, workerData: { driver, file, intervalMs } });
  worker.unref();
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
