import { queryOptions, useQuery } from '@tanstack/react-query';
import type { IndicatorRevisionList } from '@tiendo/shared/schemas/indicators';
import { apiClient } from '../../../lib/api-client';

/** GET /api/v1/indicators/:code/revisions: each change of the target's baseline, target and milestones. */
export function getIndicatorRevisions(code: string, signal?: AbortSignal): Promise<IndicatorRevisionList> {
  return apiClient.get<IndicatorRevisionList>(`/indicators/${encodeURIComponent(code)}/revisions`, signal ? { signal } : {});
}

export const indicatorRevisionsQueryOptions = (code: string) =>
  queryOptions({ queryKey: ['indicators', 'revisions', code], queryFn: ({ signal }) => getIndicatorRevisions(code, signal) });

export function useIndicatorRevisions(code: string) {
  return useQuery(indicatorRevisionsQueryOptions(code));
}
