import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IndicatorStatusResponse, StatusQuery } from '@tiendo/shared/schemas/status';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/indicators/:code/status: the status and every number behind it (tiendo-status/1). */
export function getIndicatorStatus(code: string, query: StatusQuery, signal?: AbortSignal): Promise<IndicatorStatusResponse> {
  return apiClient.get<IndicatorStatusResponse>(
    `/indicators/${encodeURIComponent(code)}/status${toQueryString({ ...query })}`,
    signal ? { signal } : {},
  );
}

export const indicatorStatusQueryOptions = (code: string, query: StatusQuery) =>
  queryOptions({
    queryKey: ['status', 'indicator', code, query],
    queryFn: ({ signal }) => getIndicatorStatus(code, query, signal),
  });

export function useIndicatorStatus(code: string, query: StatusQuery) {
  return useQuery(indicatorStatusQueryOptions(code, query));
}
