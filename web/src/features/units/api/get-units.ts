import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { UnitList, UnitListQuery } from '@tiendo/shared/schemas/units';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/units: units in scope (a subtree with `under`), searched and paged. */
export function getUnits(query: UnitListQuery, signal?: AbortSignal): Promise<UnitList> {
  return apiClient.get<UnitList>(`/units${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const unitsQueryOptions = (query: UnitListQuery) =>
  queryOptions({
    queryKey: ['units', 'list', query],
    queryFn: ({ signal }) => getUnits(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });

export function useUnits(query: UnitListQuery) {
  return useQuery(unitsQueryOptions(query));
}
