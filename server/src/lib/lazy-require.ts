import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded on first use. The XLSX and PDF libraries take a large share of the
 * server's start-up to load and are needed only by imports, exports and reports.
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}

/**
 * An ES module (or a value made from one) loaded on first use: pass `() => import('…')`. Concurrent
 * first uses share one load; a load that fails is tried again on the next use.
 */
export function lazyImport<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () =>
    (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
}
