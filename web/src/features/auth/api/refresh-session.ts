import { queryOptions, useQuery } from '@tanstack/react-query';
import type { SessionResponse, SessionUser } from '@tiendo/shared/schemas/auth';
import { apiClient } from '../../../lib/api-client';
import { authKeys } from './query-keys';

/** POST /api/v1/auth/refresh: the refresh cookie buys a new access token, or null when signed out. */
export function refreshSession(): Promise<SessionResponse | null> {
  return apiClient.refresh<SessionResponse>();
}

/**
 * The signed-in user, or null. Fetched once on page load (restoring the session from the
 * refresh cookie) and afterwards only written: by sign-in, sign-out and session expiry.
 * Never refetched on its own, because every refresh rotates the cookie.
 */
export const sessionQueryOptions = () =>
  queryOptions<SessionUser | null>({
    queryKey: authKeys.session,
    queryFn: async () => (await refreshSession())?.user ?? null,
    staleTime: Infinity,
    gcTime: Infinity,
    retry: false,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });

export function useSession() {
  return useQuery(sessionQueryOptions());
}
