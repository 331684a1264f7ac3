import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Report } from '@tiendo/shared/schemas/reports';
import { apiClient } from '../../../lib/api-client';
import { reportKeys } from './query-keys';

/** POST /api/v1/reports/:id/freeze {version}: fixes the data and both files for good. */
export function freezeReport({ id, version }: { id: number; version: number }): Promise<Report> {
  return apiClient.post<Report>(`/reports/${id}/freeze`, { version });
}

export function useFreezeReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: freezeReport,
    onSuccess: (report) => {
      queryClient.setQueryData(reportKeys.detail(report.id), report);
      return queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
  });
}
