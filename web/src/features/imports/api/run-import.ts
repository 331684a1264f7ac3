import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ImportBody, ImportResult } from '@tiendo/shared/schemas/imports';
import { apiClient } from '../../../lib/api-client';

/** POST /api/v1/imports: validate (dry run) or write the four CSV files, all or nothing. */
export function runImport(body: ImportBody): Promise<ImportResult> {
  return apiClient.post<ImportResult>('/imports', body);
}

export function useRunImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: runImport,
    onSuccess: (result) => {
      if (!result.dryRun) void queryClient.invalidateQueries();
    },
  });
}
