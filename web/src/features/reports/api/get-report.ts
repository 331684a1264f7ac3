import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Report } from '@tiendo/shared/schemas/reports';
import { apiClient } from '../../../lib/api-client';
import { reportKeys } from './query-keys';

/** GET /api/v1/reports/:id: settings, state, and for a frozen report its hashes and chain head. */
export function getReport(id: number, signal?: AbortSignal): Promise<Report> {
  return apiClient.get<Report>(`/reports/${id}`, signal ? { signal } : {});
}

export const reportQueryOptions = (id: number) => queryOptions({ queryKey: reportKeys.detail(id), queryFn: ({ signal }) => getReport(id, signal) });

export function useReport(id: number) {
  return useQuery(reportQueryOptions(id));
}
