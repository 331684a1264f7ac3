import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { LoginBody, SessionResponse } from '@tiendo/shared/schemas/auth';
import { apiClient } from '../../../lib/api-client';
import { authKeys } from './query-keys';

/** POST /api/v1/auth/login. The server also sets the refresh cookie. */
export async function login(body: LoginBody): Promise<SessionResponse> {
  // No bearer and no refresh-and-retry: a 401 here means wrong credentials.
  const session = await apiClient.post<SessionResponse>('/auth/login', body, { auth: false });
  apiClient.setAccessToken(session.accessToken);
  return session;
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      queryClient.setQueryData(authKeys.session, session.user);
    },
  });
}
