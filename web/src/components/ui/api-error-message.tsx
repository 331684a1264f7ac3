import { useT } from '../../i18n/use-t';
import { isApiError } from '../../lib/api-client';

/**
 * What went wrong, for people: the server's own `detail` for problems it described, our
 * words when it could not be reached or did not answer with a problem document.
 */
export function ApiErrorMessage({ error }: { error: unknown }) {
  const t = useT();
  if (!isApiError(error)) return <p>{t('error.generic')}</p>;
  if (error.code === 'NETWORK_ERROR') return <p>{t('error.network')}</p>;
  if (error.code === 'UNEXPECTED_RESPONSE') return <p>{t('error.unexpected', { status: error.status })}</p>;
  return (
    <>
      <p>
        <span lang={error.language}>{error.detail}</span>
        {error.retryAfterSeconds !== undefined && <> {t('signIn.retryAfter', { seconds: error.retryAfterSeconds })}</>}
      </p>
      {error.errors && error.errors.length > 0 && (
        <ul>
          {error.errors.map((fieldError) => (
            <li key={`${fieldError.field}:${fieldError.message}`} lang={error.language}>
              {fieldError.message}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
