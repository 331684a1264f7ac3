import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateExportBody } from '@tiendo/shared/schemas/exports';
import { apiClient } from '../../../lib/api-client';
import { exportKeys } from './query-keys';

export interface ExportCreated {
  id: number;
  status: string;
}

/** POST /api/v1/exports (auditors, admins) → 202 {id}: the files are written in the background. */
export function createExport(body: CreateExportBody): Promise<ExportCreated> {
  return apiClient.post<ExportCreated>('/exports', body);
}

export function useCreateExport() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createExport, onSuccess: () => queryClient.invalidateQueries({ queryKey: exportKeys.all }) });
}
