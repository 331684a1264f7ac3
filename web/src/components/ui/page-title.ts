import { useEffect } from 'react';
import { useT } from '../../i18n/use-t';

/** Sets the browser tab's title: "<page> — Tiến Độ". */
export function usePageTitle(title: string | undefined): void {
  const t = useT();
  const app = t('app.name');
  useEffect(() => {
    document.title = title ? `${title} — ${app}` : app;
  }, [title, app]);
}
