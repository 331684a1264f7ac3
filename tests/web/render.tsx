/** Renders a web component with what the app gives it: queries, language, toasts and a router. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { MemoryRouter } from 'react-router';
import { ToastProvider } from '../../web/src/components/ui/toast';
import { I18nProvider } from '../../web/src/i18n/i18n-provider';
import type { Locale } from '../../web/src/i18n/locale';

export function renderInApp(ui: ReactElement, options: { locale?: Locale; path?: string } = {}): RenderResult {
  // The provider reads the stored choice, as it does in the browser.
  localStorage.setItem('tiendo.locale', options.locale ?? 'vi');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const Wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <I18nProvider>
        <ToastProvider>
          <MemoryRouter initialEntries={[options.path ?? '/']}>{children}</MemoryRouter>
        </ToastProvider>
      </I18nProvider>
    </QueryClientProvider>
  );
  return render(ui, { wrapper: Wrapper });
}
