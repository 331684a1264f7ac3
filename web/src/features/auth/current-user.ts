import type { SessionUser } from '@tiendo/shared/schemas/auth';
import { createContext, useContext } from 'react';

export const CurrentUserContext = createContext<SessionUser | null>(null);

/** The signed-in user; only inside the signed-in part of the app. */
export function useCurrentUser(): SessionUser {
  const user = useContext(CurrentUserContext);
  if (!user) throw new Error('useCurrentUser must be used inside the signed-in app');
  return user;
}
