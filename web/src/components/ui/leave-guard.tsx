import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { useT } from '../../i18n/use-t';
import { Dialog } from './dialog';

/**
 * Asks before leaving a form with unsaved changes: a link or Back inside the app opens a dialog
 * (stay, or leave and lose the changes); closing the tab or reloading gets the browser's own
 * question. A change of the query on the same page (a filter) is not leaving.
 */
export function LeaveGuard({ when }: { when: boolean }) {
  const t = useT();
  const blocker = useBlocker(({ currentLocation, nextLocation }) => when && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!when) return;
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers ask only when a value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', ask);
    return () => window.removeEventListener('beforeunload', ask);
  }, [when]);

  return (
    <Dialog open={blocker.state === 'blocked'} title={t('leave.title')} onClose={() => blocker.reset?.()}>
      <p>{t('leave.body')}</p>
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={() => blocker.reset?.()}>
          {t('leave.stay')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => blocker.proceed?.()}>
          {t('leave.go')}
        </button>
      </div>
    </Dialog>
  );
}
