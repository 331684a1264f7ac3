import { useEffect, useMemo } from 'react';
import { useLocation } from 'react-router';
import { Loading } from '../../components/ui/loading';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { useMethodDoc } from '../../features/method/api/get-method-doc';
import { MarkdownBlocks, parseMarkdown } from '../../features/method/components/markdown';
import { useI18n } from '../../i18n/use-t';

/** How a status is decided (docs/status-method.md, as the server serves it): every status badge links here. */
export default function MethodPage() {
  const { t, locale } = useI18n();
  const doc = useMethodDoc();
  const location = useLocation();
  // The document's own title is the page's (translated) heading.
  const blocks = useMemo(() => {
    const parsed = doc.data ? parseMarkdown(doc.data) : [];
    const first = parsed[0];
    return first?.kind === 'heading' && first.level === 1 ? parsed.slice(1) : parsed;
  }, [doc.data]);

  // Follow a link to a section (#the-thresholds-and-the-statuses) once the text is there.
  useEffect(() => {
    if (!doc.data || !location.hash) return;
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    target?.scrollIntoView();
  }, [doc.data, location.hash]);

  return (
    <div className="page method-page">
      <PageHeader title={t('method.title')} lead={<p>{t('method.lead')}</p>} />
      {locale !== 'en' && <p className="note">{t('method.englishOnly')}</p>}
      {doc.isPending && <Loading />}
      {doc.isError && <QueryError error={doc.error} onRetry={() => void doc.refetch()} />}
      {doc.data && (
        <article className="card prose" lang="en">
          <MarkdownBlocks blocks={blocks} />
        </article>
      )}
      <p>
        <a href="/docs/status-method.md">{t('method.source')}</a>
      </p>
    </div>
  );
}
