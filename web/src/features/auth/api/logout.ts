import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiClient } from '../../../lib/api-client';
import { forgetSession } from './session-cache';

/** POST /api/v1/auth/logout: the server revokes the refresh token and clears its cookie. */
export async function logout(): Promise<void> {
  try {
    // `{}`: the refresh token is in the cookie; the server's schema describes an object body.
    await apiClient.post<void>('/auth/logout', {}, { retryOnUnauthorized: false });
  } finally {
    apiClient.setAccessToken(null);
  }
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: logout,
    // Even if the request failed, this tab forgets the user and everything fetched for them.
    onSettled: () => forgetSession(queryClient),
  });
}
