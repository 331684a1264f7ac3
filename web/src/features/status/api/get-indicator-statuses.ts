import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { IndicatorStatusList, IndicatorStatusListQuery } from '@tiendo/shared/schemas/status';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/indicator-statuses: targets with their status and latest value, filterable by status. */
export function getIndicatorStatuses(query: IndicatorStatusListQuery, signal?: AbortSignal): Promise<IndicatorStatusList> {
  return apiClient.get<IndicatorStatusList>(`/indicator-statuses${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const indicatorStatusesQueryOptions = (query: IndicatorStatusListQuery) =>
  queryOptions({
    queryKey: ['status', 'list', query],
    queryFn: ({ signal }) => getIndicatorStatuses(query, signal),
    placeholderData: keepPreviousData,
  });

export function useIndicatorStatuses(query: IndicatorStatusListQuery) {
  return useQuery(indicatorStatusesQueryOptions(query));
}
