import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ObservationHistory } from '@tiendo/shared/schemas/observations';
import { apiClient } from '../../../lib/api-client';
import { observationKeys } from './query-keys';

/** GET /api/v1/observations/:id/history: every version of the report (the original and its corrections). */
export function getObservationHistory(id: number, signal?: AbortSignal): Promise<ObservationHistory> {
  return apiClient.get<ObservationHistory>(`/observations/${id}/history`, signal ? { signal } : {});
}

export const observationHistoryQueryOptions = (id: number) =>
  queryOptions({ queryKey: observationKeys.history(id), queryFn: ({ signal }) => getObservationHistory(id, signal) });

export function useObservationHistory(id: number) {
  return useQuery(observationHistoryQueryOptions(id));
}
