import { existsSync } from 'node:fs';
import closeWithGrace from 'close-with-grace';
import pino from 'pino';
import { buildApp } from './app';
import { closeDeps, openDeps } from './boot';
import { ConfigError, loadConfig } from './config';
import { startCheckpointer } from './db/checkpointer';
import { attachWriteLock, createWriteLockMemory } from './db/write-lock';
import { MAIN_THREAD, startWriterThread } from './db/writer-thread';
import { createImportService } from './modules/imports/service';
import { createObservationsService } from './modules/observations/service';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // The lock this thread's writes and the writer thread's share (db/write-lock.ts).
  const lockMemory = createWriteLockMemory();
  const deps = await openDeps(config, { lock: attachWriteLock(lockMemory, MAIN_THREAD) });
  // Log lines go to standard output off the event loop, gathered 4 KiB at a time (a write in
  // progress gathers the lines that follow it too), and at least once a second: a busy server
  // makes a write for every few requests instead of one for each. Whatever is still buffered is
  // written out at exit (pino flushes its destination then, on a crash too).
  const logStream = pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 1000 });
  const app = await buildApp(deps, { logger: { level: config.logLevel, stream: logStream } });
  const checkpointer = startCheckpointer(deps.dbh.file);
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
    await deps.writer?.stop();
    await checkpointer.stop();
    closeDeps(deps);
    logStream.flushSync();
  });
  await app.listen({ port: config.port, host: config.host });
  // Started once the server answers: its start takes nothing from the time to the first answer.
  // Until it is ready, the writes sent to it wait in its queue.
  const writerEntry = new URL('./writer.js', import.meta.url);
  if (config.writerThread && existsSync(writerEntry)) {
    const local = { observations: createObservationsService(deps), imports: createImportService(deps) };
    deps.writer = startWriterThread(writerEntry, { config: deps.config, file: deps.dbh.file, lockMemory }, local, (err) =>
      app.log.error({ err }, 'the writer thread failed'),
    );
    app.log.info('progress reports and imports are written on a thread of their own');
  }
  app.log.info(`Tiến Độ is serving on http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} (data: ${config.dataDir}${config.demo ? ', demo mode' : ''})`);
  // Whoever started the server sees at once that it is serving.
  logStream.flush();
}

main().catch((err: unknown) => {
  console.error('Tiến Độ could not start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
