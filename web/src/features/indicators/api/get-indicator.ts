import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Indicator } from '@tiendo/shared/schemas/indicators';
import { apiClient } from '../../../lib/api-client';

/** GET /api/v1/indicators/:code: one target's definition. */
export function getIndicator(code: string, signal?: AbortSignal): Promise<Indicator> {
  return apiClient.get<Indicator>(`/indicators/${encodeURIComponent(code)}`, signal ? { signal } : {});
}

export const indicatorQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['indicators', 'detail', code], queryFn: ({ signal }) => getIndicator(code, signal) });

export function useIndicator(code: string | undefined) {
  return useQuery({ ...indicatorQueryOptions(code ?? ''), enabled: Boolean(code) });
}
