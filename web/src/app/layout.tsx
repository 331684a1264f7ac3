import type { ReactNode, Ref } from 'react';
import { LanguageSwitch } from '../components/ui/language-switch';
import { SignOutButton } from '../features/auth/components/sign-out-button';
import { useT } from '../i18n/use-t';

export const MAIN_CONTENT_ID = 'main-content';

interface LayoutProps {
  signedIn: boolean;
  mainRef?: Ref<HTMLElement>;
  children: ReactNode;
}

export function Layout({ signedIn, mainRef, children }: LayoutProps) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href={`#${MAIN_CONTENT_ID}`}>
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              TĐ
            </span>
            <span className="brand-text">
              <span className="brand-name">{t('app.name')}</span>
              <span className="brand-tagline">{t('app.tagline')}</span>
            </span>
          </div>
          <div className="header-controls">
            <LanguageSwitch />
            {signedIn && <SignOutButton />}
          </div>
        </div>
      </header>
      <main id={MAIN_CONTENT_ID} ref={mainRef} tabIndex={-1} className="app-main">
        {children}
      </main>
    </>
  );
}
