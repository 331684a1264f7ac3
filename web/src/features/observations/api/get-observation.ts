import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Observation } from '@tiendo/shared/schemas/observations';
import { apiClient } from '../../../lib/api-client';
import { observationKeys } from './query-keys';

/** GET /api/v1/observations/:id: one version of a progress report. */
export function getObservation(id: number, signal?: AbortSignal): Promise<Observation> {
  return apiClient.get<Observation>(`/observations/${id}`, signal ? { signal } : {});
}

export const observationQueryOptions = (id: number) =>
  queryOptions({ queryKey: observationKeys.detail(id), queryFn: ({ signal }) => getObservation(id, signal) });

export function useObservation(id: number | null) {
  return useQuery({ ...observationQueryOptions(id ?? 0), enabled: id !== null && id > 0 });
}
