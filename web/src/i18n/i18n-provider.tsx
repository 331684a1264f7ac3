import { useCallback, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import { I18nContext, type I18nValue } from './i18n-context';
import { createTranslate, readStoredLocale, storeLocale, type Locale } from './locale';

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  // Before paint, so screen readers and the browser's spell-checking and hyphenation
  // never see the page in one language marked as another.
  useLayoutEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    storeLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18nValue>(() => ({ locale, setLocale, t: createTranslate(locale) }), [locale, setLocale]);
  return <I18nContext value={value}>{children}</I18nContext>;
}
