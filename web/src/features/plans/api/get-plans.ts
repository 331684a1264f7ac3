import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { PlanList, PlanListQuery } from '@tiendo/shared/schemas/plans';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/plans: plans in scope. */
export function getPlans(query: PlanListQuery, signal?: AbortSignal): Promise<PlanList> {
  return apiClient.get<PlanList>(`/plans${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const plansQueryOptions = (query: PlanListQuery) =>
  queryOptions({
    queryKey: ['plans', 'list', query],
    queryFn: ({ signal }) => getPlans(query, signal),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });

export function usePlans(query: PlanListQuery) {
  return useQuery(plansQueryOptions(query));
}
