import type { AuditVerification } from '@tiendo/shared/schemas/audit';
import { useId } from 'react';
import { ApiErrorMessage } from '../../../components/ui/api-error-message';
import { useFormat } from '../../../i18n/format';
import type { PlainMessageKey } from '../../../i18n/locale';
import { useT } from '../../../i18n/use-t';
import { useVerifyAuditChain } from '../api/verify-audit-chain';

const REASON_KEYS: Record<NonNullable<AuditVerification['firstBroken']>['reason'], PlainMessageKey> = {
  gap: 'chain.reason.gap',
  missing_hash: 'chain.reason.missing_hash',
  reordered: 'chain.reason.reordered',
  hash_mismatch: 'chain.reason.hash_mismatch',
  anchor_mismatch: 'chain.reason.anchor_mismatch',
};

/** "Check integrity": recomputes the audit trail's hash chain on the server and says, plainly, whether it holds. */
export function ChainCheck() {
  const t = useT();
  const id = useId();
  const verify = useVerifyAuditChain();
  return (
    <section className="card chain-check" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('chain.title')}</h2>
      <p>{t('chain.lead')}</p>
      <div className="button-row">
        <button type="button" className="button button-secondary" aria-disabled={verify.isPending} onClick={() => !verify.isPending && verify.mutate()}>
          {verify.isPending ? t('chain.checking') : t('chain.check')}
        </button>
      </div>
      <div role="status" aria-live="polite">
        {verify.data && <ChainResult result={verify.data} />}
      </div>
      <div role="alert" className="form-alert">
        {verify.isError && <ApiErrorMessage error={verify.error} />}
      </div>
    </section>
  );
}

export function ChainResult({ result }: { result: AuditVerification }) {
  const t = useT();
  const format = useFormat();
  if (result.intact) {
    return (
      <div className="note chain-intact">
        <p className="note-title">
          <span aria-hidden="true">✓ </span>
          {t('chain.intact')}
        </p>
        <p>
          {t('chain.intactDetail', { events: format.number(result.events, 0), anchors: format.number(result.anchors, 0) })}
        </p>
        {result.head && (
          <p>
            {t('chain.head', { seq: format.number(result.head.seq, 0) })} <code className="hash">{result.head.hash ?? '—'}</code>
          </p>
        )}
        <p className="muted small">
          {t('chain.checkedAt', { moment: format.dateTime(result.checkedAt) })} · <code>{result.method}</code>
        </p>
      </div>
    );
  }
  const broken = result.firstBroken;
  return (
    <div className="note note-warning chain-broken">
      <p className="note-title">
        <span aria-hidden="true">✗ </span>
        {broken ? t('chain.broken', { seq: format.number(broken.seq, 0) }) : t('chain.brokenUnknown')}
      </p>
      {broken && <p>{t(REASON_KEYS[broken.reason])}</p>}
      <p>{t('chain.brokenAfter', { events: format.number(result.events, 0) })}</p>
      {broken?.detail && (
        <details className="problem-detail">
          <summary>{t('problem.technical')}</summary>
          <p lang="en">{broken.detail}</p>
        </details>
      )}
      <p className="muted small">
        {t('chain.checkedAt', { moment: format.dateTime(result.checkedAt) })} · <code>{result.method}</code>
      </p>
    </div>
  );
}
