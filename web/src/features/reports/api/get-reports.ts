import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportList, ReportListQuery } from '@tiendo/shared/schemas/reports';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';
import { reportKeys } from './query-keys';

/** GET /api/v1/reports?unit=&period=&state= (leaders, auditors, admins): newest period first. */
export function getReports(query: ReportListQuery, signal?: AbortSignal): Promise<ReportList> {
  return apiClient.get<ReportList>(`/reports${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const reportsQueryOptions = (query: ReportListQuery) =>
  queryOptions({ queryKey: reportKeys.list(query), queryFn: ({ signal }) => getReports(query, signal), placeholderData: keepPreviousData });

export function useReports(query: ReportListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ ...reportsQueryOptions(query), enabled: options.enabled ?? true });
}
