import { useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '@tiendo/shared/schemas/auth';
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { apiClient } from '../../lib/api-client';
import { authKeys } from './api/query-keys';
import { forgetSession } from './api/session-cache';

interface SessionExpiry {
  /** The session ended while someone was signed in: ask them to sign in again in place. */
  expired: boolean;
  resolve: () => void;
}

const SessionExpiryContext = createContext<SessionExpiry | null>(null);

/**
 * When a refresh finds the session gone (expired, revoked, signed out in another tab) while
 * someone was using the app, the page stays as it is — a half-filled form keeps what was typed —
 * and a dialog asks to sign in again. Before anyone signed in, it simply means "signed out".
 */
export function SessionExpiryProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [expired, setExpired] = useState(false);

  useEffect(
    () =>
      apiClient.subscribe((event) => {
        if (event.type !== 'expired') return;
        const user = queryClient.getQueryData<SessionUser | null>(authKeys.session);
        if (user) setExpired(true);
        else forgetSession(queryClient);
      }),
    [queryClient],
  );

  const value = useMemo(() => ({ expired, resolve: () => setExpired(false) }), [expired]);
  return <SessionExpiryContext value={value}>{children}</SessionExpiryContext>;
}

export function useSessionExpiry(): SessionExpiry {
  const value = useContext(SessionExpiryContext);
  if (!value) throw new Error('useSessionExpiry must be used inside <SessionExpiryProvider>');
  return value;
}
