/** Renders a web component with what the app gives it: queries, language, toasts and a router. */
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, type RenderResult } from '@testing-library/react';
import { createContext, useContext, useState, type ReactElement, type ReactNode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { ToastProvider } from '../../web/src/components/ui/toast';
import { I18nProvider } from '../../web/src/i18n/i18n-provider';
import type { Locale } from '../../web/src/i18n/locale';

/** What is rendered, handed to the one route; a rerender replaces it without a new router. */
const Rendered = createContext<ReactNode>(null);
function Current() {
  return <>{useContext(Rendered)}</>;
}

export function renderInApp(ui: ReactElement, options: { locale?: Locale; path?: string } = {}): RenderResult {
  // The provider reads the stored choice, as it does in the browser.
  localStorage.setItem('tiendo.locale', options.locale ?? 'vi');
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // A data router, as the app has: what needs one (a guard on leaving a form) works here too.
  const Wrapper = ({ children }: { children: ReactNode }) => {
    const [router] = useState(() => createMemoryRouter([{ path: '*', element: <Current /> }], { initialEntries: [options.path ?? '/'] }));
    return (
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <ToastProvider>
            <Rendered.Provider value={children}>
              <RouterProvider router={router} />
            </Rendered.Provider>
          </ToastProvider>
        </I18nProvider>
      </QueryClientProvider>
    );
  };
  return render(ui, { wrapper: Wrapper });
}
