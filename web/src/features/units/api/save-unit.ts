import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUnitBody, Unit, UpdateUnitBody } from '@tiendo/shared/schemas/units';
import { apiClient } from '../../../lib/api-client';

/** POST /api/v1/units (admin). */
export function createUnit(body: CreateUnitBody): Promise<Unit> {
  return apiClient.post<Unit>('/units', body);
}

/** PATCH /api/v1/units/:code, naming the version read. */
export function updateUnit({ code, body }: { code: string; body: UpdateUnitBody }): Promise<Unit> {
  return apiClient.patch<Unit>(`/units/${encodeURIComponent(code)}`, body);
}

export function useCreateUnit() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createUnit, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }) });
}

export function useUpdateUnit() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateUnit, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['units'] }) });
}
