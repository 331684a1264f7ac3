import type { QueryClient } from '@tanstack/react-query';
import { AFFECTED_BY_REPORTS } from './query-keys';

export function invalidateReports(queryClient: QueryClient): Promise<void> {
  return Promise.all(AFFECTED_BY_REPORTS.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] }))).then(
    () => undefined,
  );
}
