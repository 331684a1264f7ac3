import { useCallback } from 'react';
import { useSearchParams } from 'react-router';
import { isIsoDate } from '@tiendo/shared/periods';

/**
 * Filters live in the URL, so a view can be shared by link and survives a reload. These helpers
 * read and write one page's search parameters.
 */
export function useSearchState<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((key) => [key, params.get(key) ?? ''])) as Record<K, string>;
  const update = useCallback(
    (changes: Partial<Record<K | 'page' | 'asOf', string | null | undefined>>, options: { resetPage?: boolean } = {}) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [key, value] of Object.entries(changes) as [string, string | null | undefined][]) {
            if (value === undefined || value === null || value === '') next.delete(key);
            else next.set(key, value);
          }
          // A new filter starts from the first page.
          if (options.resetPage ?? !('page' in changes)) next.delete('page');
          return next;
        },
        { replace: false },
      );
    },
    [setParams],
  );
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  return { values, update, page, params };
}

/**
 * The global "as of" date from the URL (`?asOf=2021-06-30`), or undefined for today; and the
 * optional "known at" day (`?knownAt=2021-07-15`: what was known at the end of that day, to
 * reproduce a report signed then). `when` is both, ready for the status endpoints.
 */
export function useAsOf(): {
  asOf: string | undefined;
  knownAt: string | undefined;
  when: { asOf?: string; knownAt?: string };
  setAsOf: (date: string | undefined) => void;
  setKnownAt: (date: string | undefined) => void;
} {
  const [params, setParams] = useSearchParams();
  const valid = (raw: string | null) => (raw && isIsoDate(raw) ? raw : undefined);
  const asOf = valid(params.get('asOf'));
  const knownAt = valid(params.get('knownAt'));
  const set = useCallback(
    (key: 'asOf' | 'knownAt', date: string | undefined) =>
      setParams((current) => {
        const next = new URLSearchParams(current);
        if (date) next.set(key, date);
        else next.delete(key);
        next.delete('page');
        return next;
      }),
    [setParams],
  );
  const setAsOf = useCallback((date: string | undefined) => set('asOf', date), [set]);
  const setKnownAt = useCallback((date: string | undefined) => set('knownAt', date), [set]);
  const when = { ...(asOf ? { asOf } : {}), ...(knownAt ? { knownAt } : {}) };
  return { asOf, knownAt, when, setAsOf, setKnownAt };
}

/** `path` with `key=value` added to its query (before any `#fragment`), unless it already has `key`. */
export function withParam(path: string, key: string, value: string | undefined): string {
  if (!value) return path;
  const hashAt = path.indexOf('#');
  const base = hashAt === -1 ? path : path.slice(0, hashAt);
  const hash = hashAt === -1 ? '' : path.slice(hashAt);
  const queryAt = base.indexOf('?');
  const query = new URLSearchParams(queryAt === -1 ? '' : base.slice(queryAt + 1));
  if (query.has(key)) return path;
  query.set(key, value);
  return `${queryAt === -1 ? base : base.slice(0, queryAt)}?${query.toString()}${hash}`;
}
