import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { IndicatorList, IndicatorListQuery } from '@tiendo/shared/schemas/indicators';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/indicators: targets in scope, searched (`q` ignores case and diacritics) and filtered. */
export function getIndicators(query: IndicatorListQuery, signal?: AbortSignal): Promise<IndicatorList> {
  return apiClient.get<IndicatorList>(`/indicators${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const indicatorsQueryOptions = (query: IndicatorListQuery) =>
  queryOptions({
    queryKey: ['indicators', 'list', query],
    queryFn: ({ signal }) => getIndicators(query, signal),
    placeholderData: keepPreviousData,
  });

export function useIndicators(query: IndicatorListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ ...indicatorsQueryOptions(query), enabled: options.enabled ?? true });
}
