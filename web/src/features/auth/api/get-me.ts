import { queryOptions, useQuery } from '@tanstack/react-query';
import type { MeResponse } from '@tiendo/shared/schemas/auth';
import { apiClient } from '../../../lib/api-client';
import { authKeys } from './query-keys';

/** GET /api/v1/auth/me: the current user as the server knows them now. */
export function getMe(signal?: AbortSignal): Promise<MeResponse> {
  return apiClient.get<MeResponse>('/auth/me', signal ? { signal } : {});
}

export const meQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.me,
    queryFn: ({ signal }) => getMe(signal),
  });

export function useMe() {
  return useQuery(meQueryOptions());
}
