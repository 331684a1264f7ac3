import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Observation } from '@tiendo/shared/schemas/observations';
import { apiClient, newIdempotencyKey } from '../../../lib/api-client';
import { invalidateReports } from './invalidate';

/** POST /api/v1/observations/:id/accept: a leader accepts a submitted report; its value then counts. */
export function acceptObservation({ id, version }: { id: number; version: number }): Promise<Observation> {
  return apiClient.post<Observation>(`/observations/${id}/accept`, { version }, { idempotencyKey: newIdempotencyKey() });
}

export function useAcceptObservation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: acceptObservation, onSuccess: () => invalidateReports(queryClient) });
}
