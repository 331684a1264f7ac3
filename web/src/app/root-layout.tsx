import { useEffect, useRef } from 'react';
import { Outlet, ScrollRestoration, useLocation, useNavigation, useRouteError } from 'react-router';
import { ApiErrorMessage } from '../components/ui/api-error-message';
import { Loading } from '../components/ui/loading';
import { useSession } from '../features/auth/api/refresh-session';
import { ReauthDialog } from '../features/auth/components/reauth-dialog';
import { CurrentUserContext } from '../features/auth/current-user';
import { useT } from '../i18n/use-t';
import { Layout } from './layout';
import { SignInPage } from './routes/sign-in';

/**
 * The frame of every page. Signed out, any address shows the sign-in page, and the page asked for
 * appears once signed in (so a shared link works after signing in).
 */
export function RootLayout() {
  const t = useT();
  const session = useSession();
  const navigation = useNavigation();
  const mainRef = useRef<HTMLElement>(null);
  const location = useLocation();
  const user = session.data ?? null;
  const page = session.isPending ? 'loading' : session.isError ? 'error' : user ? `app:${location.pathname}` : 'sign-in';

  // After sign-in, sign-out or following a link, focus the new page's heading so screen readers
  // announce it and keyboard users start from the top. Not on the first page after loading, where
  // focus stays with the browser (so the first Tab still reaches the skip link).
  const previousPage = useRef(page);
  useEffect(() => {
    const previous = previousPage.current;
    previousPage.current = page;
    if (previous === page || previous === 'loading') return;
    // The heading of a page whose code is still loading appears a moment later.
    let tries = 0;
    const focusHeading = () => {
      const heading = mainRef.current?.querySelector<HTMLElement>('h1');
      if (heading) heading.focus();
      else if (tries++ < 20) timer = window.setTimeout(focusHeading, 50);
    };
    let timer = window.setTimeout(focusHeading, 0);
    return () => window.clearTimeout(timer);
  }, [page]);

  return (
    <CurrentUserContext value={user}>
      <Layout user={user} mainRef={mainRef} busy={navigation.state !== 'idle'}>
        {session.isPending && <Loading />}
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
        {session.isSuccess && (user ? <Outlet /> : <SignInPage />)}
      </Layout>
      {user && <ReauthDialog user={user} />}
      <ScrollRestoration />
    </CurrentUserContext>
  );
}

/** Shown while the first page's code loads. */
export function RootFallback() {
  return <Loading />;
}

/** A page that failed to render or whose code could not be fetched (often: a new version was deployed). */
export function RouteError() {
  const t = useT();
  const error = useRouteError();
  return (
    <div className="card status-card">
      <h1 tabIndex={-1}>{t('error.pageFailed')}</h1>
      <div role="alert">
        <ApiErrorMessage error={error} />
      </div>
      <p>{t('error.pageFailedHint')}</p>
      <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
        {t('error.reload')}
      </button>
    </div>
  );
}
