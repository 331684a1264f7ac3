import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateReportBody, Report, UpdateReportBody } from '@tiendo/shared/schemas/reports';
import { apiClient } from '../../../lib/api-client';
import { reportKeys } from './query-keys';

/** POST /api/v1/reports (leaders): a new draft. */
export function createReport(body: CreateReportBody): Promise<Report> {
  return apiClient.post<Report>('/reports', body);
}

/** PATCH /api/v1/reports/:id (drafts only), naming the version read. */
export function updateReport({ id, body }: { id: number; body: UpdateReportBody }): Promise<Report> {
  return apiClient.patch<Report>(`/reports/${id}`, body);
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReport,
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(report.id), report);
      return queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
  });
}

export function useUpdateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateReport,
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(report.id), report);
      return queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
  });
}
