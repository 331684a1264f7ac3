import type { ExportJob } from '@tiendo/shared/schemas/exports';
import { useId, useState } from 'react';
import { ApiErrorMessage } from '../../../components/ui/api-error-message';
import { useFormat } from '../../../i18n/format';
import type { PlainMessageKey } from '../../../i18n/locale';
import { useT } from '../../../i18n/use-t';

export const EXPORT_STATUS_KEYS: Record<ExportJob['status'], PlainMessageKey> = {
  queued: 'exports.statusQueued',
  running: 'exports.statusRunning',
  completed: 'exports.statusCompleted',
  failed: 'exports.statusFailed',
  expired: 'exports.statusExpired',
};

interface ExportProgressProps {
  job: ExportJob;
  /** Downloads one of the files (or manifest.json); a rejection is shown beside the files. */
  onDownload: (name: string) => Promise<void>;
}

/**
 * An export's progress: a progress bar (rows written of the total, or indeterminate while the
 * total is not known), its status in words, announced politely; then the files with their sizes
 * and SHA-256, each downloadable, the manifest among them, and until when the server keeps them.
 * Once they are removed (expired) the list stays, and only the manifest can still be downloaded.
 */
export function ExportProgress({ job, onDownload }: ExportProgressProps) {
  const t = useT();
  const format = useFormat();
  const id = useId();
  const [downloading, setDownloading] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const total = job.totalRows;
  const expired = job.status === 'expired';
  const done = job.status === 'completed' || expired;
  const max = done ? Math.max(job.rowsWritten, 1) : total && total > 0 ? total : undefined;
  const value = done ? max : max !== undefined ? Math.min(job.rowsWritten, max) : undefined;
  const percent = max !== undefined && value !== undefined ? Math.round((value / max) * 100) : null;
  const rowsText =
    total !== null ? t('exports.rowsOf', { written: format.number(job.rowsWritten, 0), total: format.number(total, 0) }) : t('exports.rows', { written: format.number(job.rowsWritten, 0) });

  const download = async (name: string) => {
    if (downloading) return;
    setDownloading(name);
    setError(null);
    try {
      await onDownload(name);
    } catch (cause) {
      setError(cause);
    } finally {
      setDownloading(null);
    }
  };

  return (
    <div className="stack export-progress">
      <div className="export-progress-row">
        <label htmlFor={`${id}-bar`} className="export-progress-label">
          {t('exports.progressLabel', { id: job.id })}
        </label>
        {/* Without a value the bar is indeterminate: the total is not counted yet. */}
        <progress id={`${id}-bar`} className="export-progress-bar" max={max ?? 1} {...(value !== undefined ? { value } : {})} aria-valuetext={`${t(EXPORT_STATUS_KEYS[job.status])}: ${rowsText}`} />
        {percent !== null && <span className="export-progress-percent">{format.number(percent, 0)} %</span>}
      </div>
      <p role="status" aria-live="polite" className={`export-status export-status-${job.status}`}>
        <strong>{t(EXPORT_STATUS_KEYS[job.status])}</strong> · {rowsText}
      </p>
      {job.status === 'failed' && (
        <div className="note note-warning" role="alert">
          <p>{t('exports.failed')}</p>
          {job.error && (
            <details className="problem-detail">
              <summary>{t('problem.technical')}</summary>
              <p lang="en">{job.error}</p>
            </details>
          )}
        </div>
      )}
      {job.status === 'completed' && job.expiresAt && <p className="hint">{t('exports.keptUntil', { date: format.dateTime(job.expiresAt) })}</p>}
      {expired && (
        <div className="note">
          <p>{t('exports.expired', { date: format.dateTime(job.filesRemovedAt) })}</p>
        </div>
      )}
      {done && job.files.length > 0 && (
        <div className="table-wrap">
          <table className="data-table responsive-table export-files">
            <caption>{t('exports.files')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('exports.fileName')}</th>
                <th scope="col" className="numeric">
                  {t('exports.fileRows')}
                </th>
                <th scope="col" className="numeric">
                  {t('exports.fileSize')}
                </th>
                <th scope="col">SHA-256</th>
                <th scope="col">{t('admin.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {job.files.map((file) => (
                <tr key={file.name}>
                  <th scope="row" data-label={t('exports.fileName')}>
                    <code>{file.name}</code>
                    {file.name === 'manifest.json' && <span className="muted small"> {t('exports.manifestNote')}</span>}
                  </th>
                  <td className="numeric" data-label={t('exports.fileRows')}>
                    {file.name === 'manifest.json' ? '—' : format.number(file.rows, 0)}
                  </td>
                  <td className="numeric" data-label={t('exports.fileSize')}>
                    {format.bytes(file.bytes)}
                  </td>
                  <td data-label="SHA-256">
                    <code className="hash">{file.sha256}</code>
                  </td>
                  <td data-label={t('admin.actions')}>
                    {expired && file.name !== 'manifest.json' ? (
                      <span className="muted">{t('exports.fileRemoved')}</span>
                    ) : (
                      <button type="button" className="button button-secondary button-small" aria-disabled={downloading !== null} onClick={() => void download(file.name)}>
                        {downloading === file.name ? t('reports.downloading') : t('exports.download')}
                        <span className="visually-hidden"> {file.name}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div role="alert" className="form-alert">
        {error !== null && <ApiErrorMessage error={error} />}
      </div>
    </div>
  );
}
