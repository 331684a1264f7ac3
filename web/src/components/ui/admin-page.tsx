import { useId, type ReactNode } from 'react';
import { useCurrentUser } from '../../features/auth/current-user';
import { useI18n } from '../../i18n/use-t';
import { AdminOnly } from './admin-only';
import { PageHeader } from './page-header';

interface AdminPageProps {
  title: string;
  /** The label of the button that opens the "new record" dialog. */
  newLabel: string;
  onNew: () => void;
  /** The filter controls, laid out in the page's filter card. */
  filters: ReactNode;
  children: ReactNode;
}

/**
 * The frame of an administration page: refused for anyone but administrators, a header with the
 * "new" button, the filter card, then the page's list and dialogs.
 */
export function AdminPage({ title, newLabel, onNew, filters, children }: AdminPageProps) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const id = useId();
  if (user.role !== 'admin') return <AdminOnly title={title} />;
  return (
    <div className="page">
      <PageHeader
        title={title}
        actions={
          <button type="button" className="button button-primary" onClick={onNew}>
            {newLabel}
          </button>
        }
      />
      <section className="card filters" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`}>{t('filters.title')}</h2>
        <div className="filter-row">{filters}</div>
      </section>
      {children}
    </div>
  );
}
