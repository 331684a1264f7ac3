import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Observation, UpdateObservationBody } from '@tiendo/shared/schemas/observations';
import { apiClient } from '../../../lib/api-client';
import { invalidateReports } from './invalidate';

/** PATCH /api/v1/observations/:id: edit a draft or returned report, naming the version read. */
export function updateObservation({ id, body }: { id: number; body: UpdateObservationBody }): Promise<Observation> {
  return apiClient.patch<Observation>(`/observations/${id}`, body);
}

export function useUpdateObservation() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateObservation, onSuccess: () => invalidateReports(queryClient) });
}
