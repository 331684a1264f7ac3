import type { Report } from '@tiendo/shared/schemas/reports';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useParams } from 'react-router';
import { ApiErrorMessage } from '../../components/ui/api-error-message';
import { Breadcrumbs } from '../../components/ui/breadcrumbs';
import { Dialog } from '../../components/ui/dialog';
import { Loading } from '../../components/ui/loading';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { useToast } from '../../components/ui/toast';
import { useCurrentUser } from '../../features/auth/current-user';
import { downloadReport, type ReportFormat } from '../../features/reports/api/download-report';
import { useFreezeReport } from '../../features/reports/api/freeze-report';
import { getReport, useReport } from '../../features/reports/api/get-report';
import { useReportPreview } from '../../features/reports/api/get-report-preview';
import { reportKeys } from '../../features/reports/api/query-keys';
import { useUpdateReport } from '../../features/reports/api/save-report';
import { ReportForm } from '../../features/reports/components/report-form';
import { ReportPreview } from '../../features/reports/components/report-preview';
import { ReportStateBadge } from '../../features/reports/components/report-state-badge';
import { reportToValues } from '../../features/reports/report-values';
import { useFormat } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { useI18n } from '../../i18n/use-t';
import { isApiError } from '../../lib/api-client';

/** One periodic report: its preview, its two files, editing the draft and freezing it. */
export default function ReportDetailPage() {
  const { t, locale } = useI18n();
  const user = useCurrentUser();
  const params = useParams();
  const reportId = Number(params.id);
  const valid = Number.isInteger(reportId) && reportId > 0;
  const allowed = user.role !== 'staff';
  if (!allowed || !valid) {
    return (
      <div className="page">
        <PageHeader title={t('reports.title')} />
        <p className="note">{allowed ? t('error.hintNotFound') : t('reports.notAllowed')}</p>
      </div>
    );
  }
  return <ReportDetail reportId={reportId} locale={locale} />;
}

function ReportDetail({ reportId, locale }: { reportId: number; locale: 'vi' | 'en' }) {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const toast = useToast();
  const id = useId();
  const queryClient = useQueryClient();
  const report = useReport(reportId);
  const preview = useReportPreview(reportId);
  const update = useUpdateReport();
  const freeze = useFreezeReport();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [downloading, setDownloading] = useState<ReportFormat | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  if (report.isPending) return <Loading />;
  if (report.isError) {
    return (
      <div className="page">
        <PageHeader title={t('reports.title')} />
        <QueryError error={report.error} what={t('reports.what')} onRetry={() => void report.refetch()} />
      </div>
    );
  }
  const r: Report = report.data;
  const canWrite = user.role === 'leader' && r.state === 'draft';
  const title = t('reports.numbered', { number: r.number });

  const download = async (fileFormat: ReportFormat) => {
    setDownloading(fileFormat);
    setDownloadError(null);
    try {
      await downloadReport(r, fileFormat);
    } catch (cause) {
      setDownloadError(cause);
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div className="page">
      <PageHeader
        title={title}
        breadcrumbs={<Breadcrumbs items={[{ label: t('reports.title'), to: '/reports' }, { label: title }]} />}
        lead={
          <p>
            <ReportStateBadge state={r.state} /> {periodLabel(r.period, locale)} · {r.unitName} · {t('reports.issuedOnShort', { date: format.date(r.issuedOn) })}
          </p>
        }
        actions={
          canWrite && (
            <>
              <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
                {t('reports.edit')}
              </button>
              <button type="button" className="button button-primary" onClick={() => setConfirming(true)}>
                {t('reports.freeze')}
              </button>
            </>
          )
        }
      />

      <section className="card" aria-labelledby={`${id}-files`}>
        <h2 id={`${id}-files`}>{t('reports.files')}</h2>
        <p className="muted">{r.state === 'draft' ? t('reports.filesDraft') : t('reports.filesFrozen')}</p>
        <div className="button-row">
          <button type="button" className="button button-secondary" aria-disabled={downloading !== null} onClick={() => downloading === null && void download('pdf')}>
            {downloading === 'pdf' ? t('reports.downloading') : t('reports.downloadPdf')}
          </button>
          <button type="button" className="button button-secondary" aria-disabled={downloading !== null} onClick={() => downloading === null && void download('docx')}>
            {downloading === 'docx' ? t('reports.downloading') : t('reports.downloadDocx')}
          </button>
        </div>
        <div role="alert" className="form-alert">
          {downloadError !== null && <ApiErrorMessage error={downloadError} />}
        </div>
      </section>

      {r.state === 'frozen' && (
        <section className="card" aria-labelledby={`${id}-frozen`}>
          <h2 id={`${id}-frozen`}>{t('reports.frozenTitle')}</h2>
          <dl className="facts facts-wide report-frozen-facts">
            <div>
              <dt>{t('reports.frozenAt')}</dt>
              <dd>
                {format.dateTime(r.frozenAt)}
                {r.frozenBy && <span className="muted"> · {r.frozenBy.name}</span>}
              </dd>
            </div>
            <div>
              <dt>{t('reports.method')}</dt>
              <dd>
                <code>{r.methodId ?? '—'}</code>
              </dd>
            </div>
            <div>
              <dt>{t('reports.chainHead')}</dt>
              <dd>
                {r.chainHead ? (
                  <>
                    {t('reports.chainSeq', { seq: format.number(r.chainHead.seq, 0) })} <code className="hash">{r.chainHead.hash ?? '—'}</code>
                  </>
                ) : (
                  '—'
                )}
              </dd>
            </div>
            <div>
              <dt>{t('reports.pdfSha256')}</dt>
              <dd>
                <code className="hash">{r.pdfSha256 ?? '—'}</code>
              </dd>
            </div>
            <div>
              <dt>{t('reports.docxSha256')}</dt>
              <dd>
                <code className="hash">{r.docxSha256 ?? '—'}</code>
              </dd>
            </div>
          </dl>
          <p className="muted small">{t('reports.frozenHint')}</p>
        </section>
      )}

      <h2 className="section-title">{r.state === 'draft' ? t('reports.previewDraft') : t('reports.previewFrozen')}</h2>
      {preview.isPending && <Loading />}
      {preview.isError && <QueryError error={preview.error} what={t('reports.previewWhat')} onRetry={() => void preview.refetch()} />}
      {preview.data && <ReportPreview data={preview.data} />}

      <Dialog open={editing} title={t('reports.editTitle', { number: r.number })} onClose={() => setEditing(false)} wide>
        <ReportForm
          key={r.version}
          mode="edit"
          initial={reportToValues(r)}
          units={[]}
          onSubmit={async (body, { overrideVersion }) => {
            // The unit of a report does not change.
            const { unitCode: _unit, ...changes } = body;
            await update.mutateAsync({ id: r.id, body: { version: overrideVersion ?? r.version, ...changes } });
            await queryClient.invalidateQueries({ queryKey: reportKeys.preview(r.id) });
            toast.show(t('admin.saved'));
            setEditing(false);
          }}
          onReload={async () => {
            const fresh = await getReport(r.id);
            queryClient.setQueryData(reportKeys.detail(r.id), fresh);
            return reportToValues(fresh);
          }}
          onCancel={() => setEditing(false)}
        />
      </Dialog>

      <Dialog open={confirming} title={t('reports.freezeTitle')} onClose={() => setConfirming(false)}>
        <div className="stack">
          <p>{t('reports.freezeExplain')}</p>
          <ul>
            <li>{t('reports.freezeWhat1')}</li>
            <li>{t('reports.freezeWhat2')}</li>
            <li>{t('reports.freezeWhat3')}</li>
          </ul>
          <p className="note note-warning">{t('reports.freezeFinal')}</p>
          <div role="alert" className="form-alert">
            {freeze.isError && (
              <>
                <ApiErrorMessage error={freeze.error} />
                {isApiError(freeze.error) && freeze.error.code === 'VERSION_CONFLICT' && <p>{t('reports.freezeConflict')}</p>}
              </>
            )}
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button button-primary"
              aria-disabled={freeze.isPending}
              onClick={() => {
                if (freeze.isPending) return;
                freeze.mutate(
                  { id: r.id, version: r.version },
                  {
                    onSuccess: async () => {
                      await queryClient.invalidateQueries({ queryKey: reportKeys.preview(r.id) });
                      setConfirming(false);
                      toast.show(t('reports.frozenToast'));
                    },
                    onError: (error) => {
                      if (isApiError(error) && (error.code === 'VERSION_CONFLICT' || error.code === 'INVALID_STATE')) void report.refetch();
                    },
                  },
                );
              }}
            >
              {freeze.isPending ? t('reports.freezing') : t('reports.freezeConfirm')}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setConfirming(false)}>
              {t('app.cancel')}
            </button>
          </div>
        </div>
      </Dialog>
    </div>
  );
}
