import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ObservationList, ObservationListQuery } from '@tiendo/shared/schemas/observations';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';
import { observationKeys } from './query-keys';

/** GET /api/v1/observations: progress reports in the reader's scope, filtered and paged. */
export function getObservations(query: ObservationListQuery, signal?: AbortSignal): Promise<ObservationList> {
  return apiClient.get<ObservationList>(`/observations${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const observationsQueryOptions = (query: ObservationListQuery) =>
  queryOptions({
    queryKey: observationKeys.list(query),
    queryFn: ({ signal }) => getObservations(query, signal),
    placeholderData: keepPreviousData,
  });

export function useObservations(query: ObservationListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ ...observationsQueryOptions(query), enabled: options.enabled ?? true });
}
