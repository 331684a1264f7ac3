import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { ExportList } from '@tiendo/shared/schemas/exports';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';
import { exportKeys } from './query-keys';

export interface ExportListQuery {
  page?: number;
  pageSize?: number;
}

/** GET /api/v1/exports: your own exports, newest first. */
export function getExports(query: ExportListQuery, signal?: AbortSignal): Promise<ExportList> {
  return apiClient.get<ExportList>(`/exports${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const exportsQueryOptions = (query: ExportListQuery) =>
  queryOptions({ queryKey: exportKeys.list(query), queryFn: ({ signal }) => getExports(query, signal), placeholderData: keepPreviousData });

export function useExports(query: ExportListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({ ...exportsQueryOptions(query), enabled: options.enabled ?? true });
}
