import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { RollupQuery, RollupResponse } from '@tiendo/shared/schemas/status';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/rollups: a unit's targets summarised by plan, field or child unit. */
export function getRollups(query: RollupQuery, signal?: AbortSignal): Promise<RollupResponse> {
  return apiClient.get<RollupResponse>(`/rollups${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const rollupsQueryOptions = (query: RollupQuery) =>
  queryOptions({
    queryKey: ['status', 'rollups', query],
    queryFn: ({ signal }) => getRollups(query, signal),
    placeholderData: keepPreviousData,
  });

export function useRollups(query: RollupQuery) {
  return useQuery(rollupsQueryOptions(query));
}

/** Several roll-ups at once (one per field, for the unit × field grid). */
export function useRollupsList(queries: RollupQuery[]) {
  return useQueries({ queries: queries.map((query) => rollupsQueryOptions(query)) });
}
