import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Unit } from '@tiendo/shared/schemas/units';
import { apiClient } from '../../../lib/api-client';

/** GET /api/v1/units/:code. */
export function getUnit(code: string, signal?: AbortSignal): Promise<Unit> {
  return apiClient.get<Unit>(`/units/${encodeURIComponent(code)}`, signal ? { signal } : {});
}

export const unitQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['units', 'detail', code], queryFn: ({ signal }) => getUnit(code, signal), staleTime: 5 * 60_000 });

export function useUnit(code: string | undefined) {
  return useQuery({ ...unitQueryOptions(code ?? ''), enabled: Boolean(code) });
}
