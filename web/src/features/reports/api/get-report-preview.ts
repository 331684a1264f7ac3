import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ReportData } from '@tiendo/shared/schemas/reports';
import { apiClient } from '../../../lib/api-client';
import { reportKeys } from './query-keys';

/** GET /api/v1/reports/:id/preview: what the documents show (live for a draft, the snapshot once frozen). */
export function getReportPreview(id: number, signal?: AbortSignal): Promise<ReportData> {
  return apiClient.get<ReportData>(`/reports/${id}/preview`, signal ? { signal } : {});
}

export const reportPreviewQueryOptions = (id: number) =>
  queryOptions({ queryKey: reportKeys.preview(id), queryFn: ({ signal }) => getReportPreview(id, signal) });

export function useReportPreview(id: number) {
  return useQuery(reportPreviewQueryOptions(id));
}
