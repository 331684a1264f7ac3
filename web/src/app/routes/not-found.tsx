import { AppLink } from '../../components/ui/app-link';
import { PageHeader } from '../../components/ui/page-header';
import { useT } from '../../i18n/use-t';

export default function NotFoundPage() {
  const t = useT();
  return (
    <div className="page">
      <PageHeader title={t('notFound.title')} />
      <p>{t('notFound.lead')}</p>
      <AppLink to="/" className="button button-primary">
        {t('notFound.home')}
      </AppLink>
    </div>
  );
}
