import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { forgetSession } from '../features/auth/api/session-cache';
import { I18nProvider } from '../i18n/i18n-provider';
import { apiClient } from '../lib/api-client';
import { createQueryClient } from './query-client';

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);

  // When a refresh finds the session gone (revoked, expired, signed out in another tab),
  // the app returns to the sign-in page instead of failing request by request.
  useEffect(
    () =>
      apiClient.subscribe((event) => {
        if (event.type === 'expired') forgetSession(queryClient);
      }),
    [queryClient],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>{children}</I18nProvider>
    </QueryClientProvider>
  );
}
