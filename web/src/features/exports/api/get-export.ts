import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ExportJob } from '@tiendo/shared/schemas/exports';
import { apiClient } from '../../../lib/api-client';
import { exportKeys } from './query-keys';

/** How often a running export is asked for its progress. */
export const EXPORT_POLL_MS = 750;

/** GET /api/v1/exports/:id: status, rows written of the total, then the files and the manifest. */
export function getExport(id: number, signal?: AbortSignal): Promise<ExportJob> {
  return apiClient.get<ExportJob>(`/exports/${id}`, signal ? { signal } : {});
}

/** Completed, failed, or completed and its files since removed (expired). */
export const isExportFinished = (job: Pick<ExportJob, 'status'> | undefined) => job?.status === 'completed' || job?.status === 'failed' || job?.status === 'expired';

export const exportQueryOptions = (id: number) =>
  queryOptions({
    queryKey: exportKeys.detail(id),
    queryFn: ({ signal }) => getExport(id, signal),
    // Polled until it completes or fails; a finished export changes only when its files are
    // removed, days later (a download then says so).
    refetchInterval: (query) => (isExportFinished(query.state.data) ? false : EXPORT_POLL_MS),
    staleTime: (query) => (isExportFinished(query.state.data) ? Infinity : 0),
  });

export function useExport(id: number | null) {
  return useQuery({ ...exportQueryOptions(id ?? 0), enabled: id !== null });
}
