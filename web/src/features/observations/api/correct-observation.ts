import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CorrectionBody, Observation } from '@tiendo/shared/schemas/observations';
import { apiClient, newIdempotencyKey } from '../../../lib/api-client';
import { invalidateReports } from './invalidate';

/** POST /api/v1/observations/:id/corrections: a new draft version of an accepted value. */
export function correctObservation({ id, body }: { id: number; body: CorrectionBody }): Promise<Observation> {
  return apiClient.post<Observation>(`/observations/${id}/corrections`, body, { idempotencyKey: newIdempotencyKey() });
}

export function useCorrectObservation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: correctObservation, onSuccess: () => invalidateReports(queryClient) });
}
