import type { SessionUser } from '@tiendo/shared/schemas/auth';
import { useId, useRef, useState, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useLocation } from 'react-router';
import { AppNavLink } from '../components/ui/app-link';
import { AsOfPicker } from '../components/ui/as-of-picker';
import { LanguageSwitch } from '../components/ui/language-switch';
import { SignOutButton } from '../features/auth/components/sign-out-button';
import { roleName } from '../features/auth/role-name';
import { useI18n } from '../i18n/use-t';
import { NAVIGATION } from './navigation';

export const MAIN_CONTENT_ID = 'main-content';

interface LayoutProps {
  user: SessionUser | null;
  mainRef?: Ref<HTMLElement>;
  /** A thin bar while the next page's code or data loads. */
  busy?: boolean;
  children: ReactNode;
}

export function Layout({ user, mainRef, busy = false, children }: LayoutProps) {
  const { t } = useI18n();
  return (
    <>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <AppNavLink to="/" className="brand" end>
            <span className="brand-mark" aria-hidden="true">
              TĐ
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </AppNavLink>
          <div className="header-controls">
            <LanguageSwitch />
            {user && <UserMenu user={user} />}
          </div>
        </div>
        {user && <MainNavigation user={user} />}
        <div className={`progress-bar${busy ? ' progress-bar-busy' : ''}`} aria-hidden="true" />
      </header>
      {user && (
        <div className="context-bar">
          <div className="context-bar-inner">
            <AsOfPicker />
          </div>
        </div>
      )}
      <main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className="app-main">
        {children}
      </main>
      <footer className="app-footer">
        <div className="app-footer-inner">
          <AppNavLink to="/method">{t('nav.method')}</AppNavLink>
          <a href="/api/docs">{t('nav.apiDocs')}</a>
        </div>
      </footer>
    </>
  );
}

function UserMenu({ user }: { user: SessionUser }) {
  const { locale } = useI18n();
  return (
    <div className="user-menu">
      <span className="user-name">
        {user.name}
        <span className="user-role"> · {roleName(user.role, locale)}</span>
      </span>
      <SignOutButton />
    </div>
  );
}

function MainNavigation({ user }: { user: SessionUser }) {
  const { t } = useI18n();
  const id = useId();
  const [open, setOpen] = useState(false);
  // The menu closes when a link in it is followed.
  const location = useLocation();
  const [seenPath, setSeenPath] = useState(location.pathname);
  if (seenPath !== location.pathname) {
    setSeenPath(location.pathname);
    setOpen(false);
  }
  const toggle = useRef<HTMLButtonElement>(null);
  // Escape closes the open menu and puts focus back on its button.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    toggle.current?.focus();
  };
  return (
    <nav className="main-nav" aria-label={t('nav.main')} onKeyDown={onKeyDown}>
      <div className="main-nav-inner">
        <button
          ref={toggle}
          type="button"
          className="menu-toggle button button-ghost"
          aria-expanded={open}
          aria-controls={`${id}-list`}
          onClick={() => setOpen((value) => !value)}
        >
          {t('nav.menu')}
        </button>
        <ul id={`${id}-list`} className={`main-nav-list${open ? ' main-nav-list-open' : ''}`}>
          {NAVIGATION[user.role].map((item) => (
            <li key={item.to}>
              <AppNavLink to={item.to} end={item.end ?? false}>
                {t(item.label)}
              </AppNavLink>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
