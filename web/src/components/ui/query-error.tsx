import { useT } from '../../i18n/use-t';
import { isApiError } from '../../lib/api-client';
import { ApiErrorMessage } from './api-error-message';

interface QueryErrorProps {
  error: unknown;
  /** What could not be loaded, e.g. "the review queue". */
  what?: string;
  onRetry?: () => void;
}

/** A load that failed: what failed, the server's reason, and what the reader can do about it. */
export function QueryError({ error, what, onRetry }: QueryErrorProps) {
  const t = useT();
  const status = isApiError(error) ? error.status : 0;
  const hint =
    status === 403
      ? t('error.hintForbidden')
      : status === 404
        ? t('error.hintNotFound')
        : status === 401
          ? t('error.hintSession')
          : t('error.hintRetry');
  return (
    <div className="query-error" role="alert">
      <p className="query-error-title">{what ? t('error.couldNotLoadWhat', { what }) : t('error.couldNotLoad')}</p>
      <ApiErrorMessage error={error} />
      <p className="muted">{hint}</p>
      {onRetry && status !== 403 && status !== 404 && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
