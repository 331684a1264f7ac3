/** Query keys of progress reports, so every change can refresh what it affects. */
export const observationKeys = {
  all: ['observations'] as const,
  list: (query: object) => ['observations', 'list', query] as const,
  detail: (id: number) => ['observations', 'detail', id] as const,
  history: (id: number) => ['observations', 'history', id] as const,
};

/**
 * What a change to a report makes stale: the reports themselves, the calendar, and every status
 * and roll-up (an accepted value moves them).
 */
export const AFFECTED_BY_REPORTS = [['observations'], ['calendar'], ['status'], ['evidence']] as const;
