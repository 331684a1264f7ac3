import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Plan } from '@tiendo/shared/schemas/plans';
import { apiClient } from '../../../lib/api-client';

/** GET /api/v1/plans/:code. */
export function getPlan(code: string, signal?: AbortSignal): Promise<Plan> {
  return apiClient.get<Plan>(`/plans/${encodeURIComponent(code)}`, signal ? { signal } : {});
}

export const planQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['plans', 'detail', code], queryFn: ({ signal }) => getPlan(code, signal), staleTime: 5 * 60_000 });

export function usePlan(code: string | null | undefined) {
  return useQuery({ ...planQueryOptions(code ?? ''), enabled: Boolean(code) });
}
