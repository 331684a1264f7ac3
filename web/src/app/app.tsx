import { useEffect, useRef } from 'react';
import { ApiErrorMessage } from '../components/ui/api-error-message';
import { useSession } from '../features/auth/api/refresh-session';
import { useT } from '../i18n/use-t';
import { Layout } from './layout';
import { AppProvider } from './provider';
import { HomePage } from './routes/home';
import { SignInPage } from './routes/sign-in';

export function App() {
  return (
    <AppProvider>
      <AppRoutes />
    </AppProvider>
  );
}

/** Until the full app brings a router, the session decides the page. */
function AppRoutes() {
  const t = useT();
  const session = useSession();
  const mainRef = useRef<HTMLElement>(null);
  const page = session.isPending ? 'loading' : session.isError ? 'error' : session.data ? 'home' : 'sign-in';

  // After sign-in or sign-out, focus the new page's heading so screen readers announce it
  // and keyboard users start from the top. Not on the first page after loading, where focus
  // stays with the browser (so the first Tab still reaches the skip link).
  const previousPage = useRef(page);
  useEffect(() => {
    const previous = previousPage.current;
    previousPage.current = page;
    if (previous === page || previous === 'loading') return;
    mainRef.current?.querySelector<HTMLElement>('h1')?.focus();
  }, [page]);

  return (
    <Layout signedIn={page === 'home'} mainRef={mainRef}>
      {session.isPending && (
        <p className="status" role="status">
          {t('app.loading')}
        </p>
      )}
      {session.isError && (
        <div className="card status-card">
          <h1 tabIndex={-1}>{t('app.sessionCheckFailed')}</h1>
          <div role="alert">
            <ApiErrorMessage error={session.error} />
          </div>
          <button type="button" className="button button-primary" onClick={() => void session.refetch()}>
            {t('app.retry')}
          </button>
        </div>
      )}
      {session.isSuccess && (session.data ? <HomePage sessionUser={session.data} /> : <SignInPage />)}
    </Layout>
  );
}
