import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateObservationBody, Observation } from '@tiendo/shared/schemas/observations';
import { apiClient, newIdempotencyKey } from '../../../lib/api-client';
import { invalidateReports } from './invalidate';

/** POST /api/v1/observations: a new draft report (staff). */
export function createObservation(body: CreateObservationBody): Promise<Observation> {
  return apiClient.post<Observation>('/observations', body, { idempotencyKey: newIdempotencyKey() });
}

export function useCreateObservation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createObservation, onSuccess: () => invalidateReports(queryClient) });
}
