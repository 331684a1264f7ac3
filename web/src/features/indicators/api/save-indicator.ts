import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateIndicatorBody, Indicator, UpdateIndicatorBody } from '@tiendo/shared/schemas/indicators';
import { apiClient } from '../../../lib/api-client';

/** POST /api/v1/indicators: a new target (admin). */
export function createIndicator(body: CreateIndicatorBody): Promise<Indicator> {
  return apiClient.post<Indicator>('/indicators', body);
}

/** PATCH /api/v1/indicators/:code: change a target, naming the version read. */
export function updateIndicator({ code, body }: { code: string; body: UpdateIndicatorBody }): Promise<Indicator> {
  return apiClient.patch<Indicator>(`/indicators/${encodeURIComponent(code)}`, body);
}

function useInvalidateTargets() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['indicators'] }),
      queryClient.invalidateQueries({ queryKey: ['status'] }),
      queryClient.invalidateQueries({ queryKey: ['calendar'] }),
    ]);
}

export function useCreateIndicator() {
  const invalidate = useInvalidateTargets();
  return useMutation({ mutationFn: createIndicator, onSuccess: invalidate });
}

export function useUpdateIndicator() {
  const invalidate = useInvalidateTargets();
  return useMutation({ mutationFn: updateIndicator, onSuccess: invalidate });
}
