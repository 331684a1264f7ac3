/**
 * The writer thread's entry (bundled as dist/writer.js; started by db/writer-thread.ts): opens its
 * own connection to the server's database and runs the report writes and imports it is sent, one unit of work
 * each, batched and committed exactly as on the main thread (db/transaction.ts), taking turns with
 * the main thread's writes through the shared write lock.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from './db/client';
import { attachWriteLock } from './db/write-lock';
import { describeFailure, runWriterCall, WRITER_THREAD, type WriterAnswer, type WriterCall, type WriterData, type WriterServices } from './db/writer-thread';
import { createDeps } from './deps';
import { createImportService } from './modules/imports/service';
import { createObservationsService } from './modules/observations/service';

const port = parentPort!;
const { config, file, lockMemory } = workerData as WriterData;
// The main thread has applied the migrations before starting this thread.
const dbh = openDatabase({ file, migrationsDir: config.migrationsDir, migrate: false, cacheMb: config.dbCacheMb });
const deps = createDeps(config, dbh, { lock: attachWriteLock(lockMemory, WRITER_THREAD) });
const services: WriterServices = { observations: createObservationsService(deps), imports: createImportService(deps) };
port.postMessage({ ready: true } satisfies WriterAnswer);

let running = 0;
let stopping = false;
const closeWhenIdle = () => {
  if (!stopping || running > 0) return;
  dbh.sqlite.close();
  port.close();
};

port.on('message', (message: WriterCall | 'stop') => {
  if (message === 'stop') {
    stopping = true;
    closeWhenIdle();
    return;
  }
  const { id, method, args } = message;
  running++;
  runWriterCall(services, method, args)
    .then(
      (value): WriterAnswer => ({ id, ok: true, value }),
      (err: unknown): WriterAnswer => ({ id, ok: false, error: describeFailure(err) }),
    )
    .then((answer) => {
      running--;
      port.postMessage(answer);
      closeWhenIdle();
    });
});
