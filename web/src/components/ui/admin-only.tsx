import { useI18n } from '../../i18n/use-t';
import { PageHeader } from './page-header';

/** An administration page opened by someone who is not an administrator. */
export function AdminOnly({ title }: { title: string }) {
  const { t } = useI18n();
  return (
    <div className="page">
      <PageHeader title={title} />
      <p className="note">{t('admin.adminOnly')}</p>
    </div>
  );
}
