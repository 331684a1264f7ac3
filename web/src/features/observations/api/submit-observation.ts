import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Observation } from '@tiendo/shared/schemas/observations';
import { apiClient, newIdempotencyKey } from '../../../lib/api-client';
import { invalidateReports } from './invalidate';

/** POST /api/v1/observations/:id/submit: send a draft or returned report for review. */
export function submitObservation({ id, version }: { id: number; version: number }): Promise<Observation> {
  return apiClient.post<Observation>(`/observations/${id}/submit`, { version }, { idempotencyKey: newIdempotencyKey() });
}

export function useSubmitObservation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: submitObservation, onSuccess: () => invalidateReports(queryClient) });
}
