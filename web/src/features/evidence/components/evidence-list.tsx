import type { EvidenceItem } from '@tiendo/shared/schemas/evidence';
import { useState } from 'react';
import { ApiErrorMessage } from '../../../components/ui/api-error-message';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/use-t';
import { downloadEvidence } from '../api/download-evidence';

/** The files attached to a report, each downloadable, with the fingerprint that proves it unchanged. */
export function EvidenceList({ items, caption }: { items: EvidenceItem[]; caption: string }) {
  const t = useT();
  const format = useFormat();
  const [failed, setFailed] = useState<{ id: number; error: unknown } | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  if (items.length === 0) return <p className="muted">{t('evidence.none')}</p>;
  const download = async (item: EvidenceItem) => {
    setBusy(item.id);
    setFailed(null);
    try {
      await downloadEvidence(item);
    } catch (error) {
      setFailed({ id: item.id, error });
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="table-wrap">
      <table className="data-table evidence-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('evidence.file')}</th>
            <th scope="col">{t('evidence.size')}</th>
            <th scope="col">{t('evidence.addedBy')}</th>
            <th scope="col">{t('evidence.sha256')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('evidence.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <th scope="row" data-label={t('evidence.file')}>
                <span className="file-name">{item.fileName}</span>
                <span className="muted small"> {item.mediaType}</span>
              </th>
              <td data-label={t('evidence.size')}>{format.bytes(item.size)}</td>
              <td data-label={t('evidence.addedBy')}>
                {item.addedBy?.name ?? '—'}
                <span className="muted small"> {format.dateTime(item.addedAt)}</span>
              </td>
              <td data-label={t('evidence.sha256')}>
                <code className="hash" title={item.sha256}>
                  {item.sha256.slice(0, 12)}…
                </code>
              </td>
              <td>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-disabled={busy === item.id}
                  onClick={() => void download(item)}
                >
                  {t('evidence.download')}
                  <span className="visually-hidden"> {item.fileName}</span>
                </button>
                {failed?.id === item.id && (
                  <div role="alert" className="form-alert">
                    <ApiErrorMessage error={failed.error} />
                  </div>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
