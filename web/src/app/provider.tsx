import { QueryClientProvider } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ToastProvider } from '../components/ui/toast';
import { SessionExpiryProvider } from '../features/auth/session-expiry';
import { I18nProvider } from '../i18n/i18n-provider';
import { createQueryClient } from './query-client';

export function AppProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <SessionExpiryProvider>
          <ToastProvider>{children}</ToastProvider>
        </SessionExpiryProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
}
