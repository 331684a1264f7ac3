import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EvidenceList } from '@tiendo/shared/schemas/evidence';
import { apiClient } from '../../../lib/api-client';

/** GET /api/v1/observations/:id/evidence: the files attached to a report. */
export function getEvidence(observationId: number, signal?: AbortSignal): Promise<EvidenceList> {
  return apiClient.get<EvidenceList>(`/observations/${observationId}/evidence`, signal ? { signal } : {});
}

export const evidenceQueryOptions = (observationId: number) =>
  queryOptions({ queryKey: ['evidence', observationId], queryFn: ({ signal }) => getEvidence(observationId, signal) });

export function useEvidence(observationId: number | null) {
  return useQuery({ ...evidenceQueryOptions(observationId ?? 0), enabled: observationId !== null && observationId > 0 });
}
