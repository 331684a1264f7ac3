import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Observation, ReturnBody } from '@tiendo/shared/schemas/observations';
import { apiClient, newIdempotencyKey } from '../../../lib/api-client';
import { invalidateReports } from './invalidate';

/** POST /api/v1/observations/:id/return: back to its author with the reason. */
export function returnObservation({ id, body }: { id: number; body: ReturnBody }): Promise<Observation> {
  return apiClient.post<Observation>(`/observations/${id}/return`, body, { idempotencyKey: newIdempotencyKey() });
}

export function useReturnObservation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: returnObservation, onSuccess: () => invalidateReports(queryClient) });
}
