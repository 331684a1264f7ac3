import { Worker } from 'node:worker_threads';
import type { Config } from '../config';
import { AppError } from '../lib/errors';
import type { createImportService } from '../modules/imports/service';
import type { createObservationsService } from '../modules/observations/service';
import { attachWriteLock } from './write-lock';

/**
 * The server's writer thread: progress reports are started, edited, submitted, reviewed and
 * corrected on a second thread, over a database connection of its own, and imports run there too.
 *
 * A report's write is most of what the server does for it: the checks inside the transaction, the
 * inserts, the audit event and its hash, and the COMMIT that writes the log's frames. On the main
 * thread that work held up every other request; on this one, the main thread meanwhile parses,
 * authenticates, validates and answers the next requests, and the two threads use both cores. An
 * import of tens of thousands of rows holds its thread for seconds: on this one, the main thread
 * goes on answering reads meanwhile (writes wait for the import's commit, as they would anyway).
 *
 * Nothing about the write changes: the thread runs the same service code (modules/observations,
 * modules/imports), each call in a unit of work with its audit event, committed with group commit
 * and full durability before its caller is answered. The two threads' writers take turns through
 * one lock (write-lock.ts), so neither ever waits inside SQLite's busy handler, and the audit chain
 * is extended by one writer at a time. The main thread learns of the thread's commits as it does
 * of any other connection's (db/state-stamp.ts), before it answers its next request.
 */

type ObservationsService = ReturnType<typeof createObservationsService>;
type ImportService = ReturnType<typeof createImportService>;
/** The report writes the thread runs: each takes the request's context and then the route's arguments. */
export type ObservationMethod = 'createChecked' | 'update' | 'submit' | 'accept' | 'returnToAuthor' | 'correct';
export const OBSERVATION_METHODS: readonly ObservationMethod[] = ['createChecked', 'update', 'submit', 'accept', 'returnToAuthor', 'correct'];
export type ObservationWrites = Pick<ObservationsService, ObservationMethod>;
/** Imports (the import service's `run`). */
export type ImportWrites = Pick<ImportService, 'run'>;
/** Everything the thread runs, by name. */
export type WriterMethod = ObservationMethod | 'import';

/** The services whose writes the thread runs: the thread's own, or this thread's when it cannot start. */
export interface WriterServices {
  observations: ObservationWrites;
  imports: ImportWrites;
}

/** Runs one call on the given services, with its arguments as they arrive from another thread. */
export function runWriterCall(services: WriterServices, method: WriterMethod, args: unknown[]): Promise<unknown> {
  if (method === 'import') {
    const [ctx, files, options] = args as Parameters<ImportWrites['run']>;
    // A Buffer crosses between threads as a plain Uint8Array: the workbook reader wants a Buffer.
    const workbooks = options?.workbooks?.map((w) => {
      const data: Uint8Array = w.data;
      return { name: w.name, data: Buffer.isBuffer(data) ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength) };
    });
    return services.imports.run(ctx, files, { ...options, ...(workbooks ? { workbooks } : {}) });
  }
  if (!OBSERVATION_METHODS.includes(method)) return Promise.reject(new Error(`the writer thread has no method "${String(method)}"`));
  return (services.observations[method] as (...a: unknown[]) => Promise<unknown>)(...args);
}

/** Lock owners: the main thread and the writer thread. */
export const MAIN_THREAD = 1;
export const WRITER_THREAD = 2;

export interface WriterData {
  config: Config;
  file: string;
  lockMemory: SharedArrayBuffer;
}

export interface WriterCall {
  id: number;
  method: WriterMethod;
  args: unknown[];
}

/** An error as it crosses between the threads: an AppError keeps its code and details. */
export type WriterFailure = { app: true; code: AppError['code']; message: string; extra: AppError['extra'] } | { app: false; name: string; message: string; code?: string; stack?: string };

/** The thread's messages: `ready` once its connection is open, then one answer per call. */
export type WriterAnswer = { ready: true } | { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WriterFailure };

export function describeFailure(err: unknown): WriterFailure {
  if (err instanceof AppError) return { app: true, code: err.code, message: err.message, extra: err.extra };
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (e as { code?: unknown }).code;
  return { app: false, name: e.name, message: e.message, ...(typeof code === 'string' ? { code } : {}), ...(e.stack ? { stack: e.stack } : {}) };
}

export function restoreFailure(f: WriterFailure): Error {
  if (f.app) return new AppError(f.code, f.message, f.extra);
  const err = Object.assign(new Error(f.message), f.code === undefined ? {} : { code: f.code });
  err.name = f.name;
  if (f.stack) err.stack = f.stack;
  return err;
}

export interface WriterThread {
  /** The report writes, run on the thread: same arguments, same answers and errors as the service's. */
  readonly observations: ObservationWrites;
  /** Imports, run on the thread: same arguments, same answers and errors as the service's. */
  readonly imports: ImportWrites;
  /** Lets the calls under way finish, then ends the thread. */
  stop(): Promise<void>;
}

interface Pending {
  method: WriterMethod;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (err: unknown) => void;
}

/**
 * Starts the thread from `entry` (the bundled `writer.js` beside the server's bundle).
 *
 * - If the thread cannot start (it ends before it is ready), the writes run on this thread through
 *   `local` from then on, those already sent included, and `onFailure` hears why.
 * - If it ends later, unexpectedly, the calls under way fail with an error (answered 500; their
 *   unfinished transaction is rolled back with its connection), the lock is taken back if it held
 *   it, and the next call starts a new thread.
 */
export function startWriterThread(entry: URL, data: WriterData, local: WriterServices, onFailure: (err: Error) => void): WriterThread {
  const lock = attachWriteLock(data.lockMemory, MAIN_THREAD);
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let worker: Worker | null = null;
  let ready = false;
  let broken = false;
  let stopping: Promise<void> | null = null;

  const runLocally = (c: Pending) => runWriterCall(local, c.method, c.args).then(c.resolve, c.reject);

  const spawn = (): Worker => {
    const w = new Worker(entry, { workerData: data });
    w.unref();
    w.on('message', (answer: WriterAnswer) => {
      if ('ready' in answer) {
        ready = true;
        return;
      }
      const call = pending.get(answer.id);
      if (!call) return;
      pending.delete(answer.id);
      if (answer.ok) call.resolve(answer.value);
      else call.reject(restoreFailure(answer.error));
    });
    w.on('error', (err) => onFailure(err));
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      lock.releaseIfHeldBy(WRITER_THREAD);
      const calls = [...pending.values()];
      pending.clear();
      if (!ready && stopping === null) {
        broken = true;
        onFailure(new Error(`The writer thread could not start (exit code ${code}); reports are written on the main thread.`));
        for (const c of calls) runLocally(c);
        return;
      }
      if (calls.length === 0) return;
      const err = new Error(`The writer thread ended (exit code ${code}) before answering.`);
      for (const c of calls) c.reject(err);
      if (stopping === null) onFailure(err);
    });
    return w;
  };

  const call = (method: WriterMethod, args: unknown[]): Promise<never> =>
    new Promise((resolve, reject) => {
      const c: Pending = { method, args, resolve: resolve as (value: unknown) => void, reject };
      if (broken) return void runLocally(c);
      if (stopping !== null) return reject(new AppError('SERVICE_UNAVAILABLE', 'The server is shutting down; send the request again in a moment.'));
      worker ??= spawn();
      const id = nextId++;
      worker.postMessage({ id, method, args } satisfies WriterCall);
      // After the message is sent (a value that cannot be sent throws, and leaves nothing behind);
      // its answer cannot come before this turn of the event loop ends.
      pending.set(id, c);
    });

  const observations = Object.fromEntries(OBSERVATION_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as ObservationWrites;
  const imports: ImportWrites = { run: (...args) => call('import', args) };
  worker = spawn();

  return {
    observations,
    imports,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        const w = worker;
        if (w === null) return resolve();
        w.once('exit', () => resolve());
        w.postMessage('stop');
      });
      return stopping;
    },
  };
}
