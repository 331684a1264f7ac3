import { keepPreviousData, queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import type { AuditEventList, AuditEventQuery } from '@tiendo/shared/schemas/audit';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/audit-events (auditors, admins): who did what, when, before and after. */
export function getAuditEvents(query: AuditEventQuery, signal?: AbortSignal): Promise<AuditEventList> {
  return apiClient.get<AuditEventList>(`/audit-events${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const auditEventsQueryOptions = (query: AuditEventQuery) =>
  queryOptions({
    queryKey: ['audit', query],
    queryFn: ({ signal }) => getAuditEvents(query, signal),
    placeholderData: keepPreviousData,
  });

export function useAuditEvents(query: AuditEventQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ ...auditEventsQueryOptions(query), enabled: options.enabled ?? true });
}

/** The audit trails of several records at once (every version of a report), merged newest first. */
export function useAuditTrails(entity: string, ids: string[], options: { enabled?: boolean } = {}) {
  return useQueries({
    queries: ids.map((entityId) => ({ ...auditEventsQueryOptions({ entity, entityId, pageSize: 200 }), enabled: options.enabled ?? true })),
    combine: (results) => ({
      isPending: results.some((result) => result.isPending),
      error: results.find((result) => result.isError)?.error ?? null,
      refetch: () => Promise.all(results.map((result) => result.refetch())),
      items: results.flatMap((result) => result.data?.items ?? []).sort((a, b) => b.seq - a.seq),
    }),
  });
}
