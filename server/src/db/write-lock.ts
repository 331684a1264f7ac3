/**
 * One lock for the database's writers, shared by the threads of one server process.
 *
 * SQLite lets one connection write at a time; a second that tries waits inside SQLite's busy
 * handler, which sleeps and blocks its whole thread (the event loop, on the main thread). Writers on
 * different threads therefore take turns through this lock before they begin a transaction: the
 * wait is a promise, so the event loop goes on serving requests meanwhile.
 *
 * The lock is one cell of shared memory holding the number of the thread that holds it (0: free).
 * If a thread dies holding it, another takes it back with `releaseIfHeldBy`.
 */

export interface WriteLock {
  /** Resolves when this thread holds the lock. */
  acquire(): Promise<void>;
  release(): void;
  /** Frees the lock if the thread numbered `owner` holds it (that thread has ended). */
  releaseIfHeldBy(owner: number): void;
}

/** The shared memory of a new lock, free; every thread attaches to it with `attachWriteLock`. */
export function createWriteLockMemory(): SharedArrayBuffer {
  return new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT);
}

/** The lock in `memory`, as used by the thread numbered `owner` (a positive number, one per thread). */
export function attachWriteLock(memory: SharedArrayBuffer, owner: number): WriteLock {
  if (!(owner > 0)) throw new Error('a write lock owner is a positive number');
  const cell = new Int32Array(memory);
  const freeIfHeldBy = (holder: number): boolean => {
    if (Atomics.compareExchange(cell, 0, holder, 0) !== holder) return false;
    Atomics.notify(cell, 0);
    return true;
  };
  return {
    async acquire() {
      for (;;) {
        const holder = Atomics.compareExchange(cell, 0, 0, owner);
        if (holder === 0) return;
        if (holder === owner) throw new Error('the write lock is already held by this thread');
        const wait = Atomics.waitAsync(cell, 0, holder);
        if (wait.async) await wait.value;
      }
    },
    release() {
      if (!freeIfHeldBy(owner)) throw new Error('the write lock is not held by this thread');
    },
    releaseIfHeldBy(other: number) {
      freeIfHeldBy(other);
    },
  };
}
