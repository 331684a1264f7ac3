import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatePlanBody, Plan, UpdatePlanBody } from '@tiendo/shared/schemas/plans';
import { apiClient } from '../../../lib/api-client';

/** POST /api/v1/plans (admin). */
export function createPlan(body: CreatePlanBody): Promise<Plan> {
  return apiClient.post<Plan>('/plans', body);
}

/** PATCH /api/v1/plans/:code, naming the version read. */
export function updatePlan({ code, body }: { code: string; body: UpdatePlanBody }): Promise<Plan> {
  return apiClient.patch<Plan>(`/plans/${encodeURIComponent(code)}`, body);
}

export function useCreatePlan() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createPlan, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['plans'] }) });
}

export function useUpdatePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updatePlan,
    onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: ['plans'] }), queryClient.invalidateQueries({ queryKey: ['status'] })]),
  });
}
