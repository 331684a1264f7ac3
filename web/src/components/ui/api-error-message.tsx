import type { ErrorCode } from '@tiendo/shared/errors';
import type { PlainMessageKey } from '../../i18n/locale';
import type { Translate } from '../../i18n/locale';
import { useI18n } from '../../i18n/use-t';
import { isApiError, type ApiError } from '../../lib/api-client';

/** The reader's-language message for each stable problem code; the server's `detail` is English. */
const PROBLEM_KEYS: Partial<Record<ErrorCode, PlainMessageKey>> = {
  VALIDATION_FAILED: 'problem.VALIDATION_FAILED',
  BAD_REQUEST: 'problem.BAD_REQUEST',
  INVALID_CREDENTIALS: 'problem.INVALID_CREDENTIALS',
  ACCOUNT_DISABLED: 'problem.ACCOUNT_DISABLED',
  FORBIDDEN: 'problem.FORBIDDEN',
  OUT_OF_SCOPE: 'problem.OUT_OF_SCOPE',
  NOT_FOUND: 'problem.NOT_FOUND',
  METHOD_NOT_ALLOWED: 'problem.METHOD_NOT_ALLOWED',
  VERSION_CONFLICT: 'problem.VERSION_CONFLICT',
  INVALID_STATE: 'problem.INVALID_STATE',
  CONFLICT: 'problem.CONFLICT',
  DUPLICATE_CODE: 'problem.DUPLICATE_CODE',
  PRECONDITION_FAILED: 'problem.PRECONDITION_FAILED',
  PRECONDITION_REQUIRED: 'problem.PRECONDITION_REQUIRED',
  PAYLOAD_TOO_LARGE: 'problem.PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'problem.UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE: 'problem.UNPROCESSABLE',
  INVALID_TARGET: 'problem.INVALID_TARGET',
  IMPORT_INVALID: 'problem.IMPORT_INVALID',
  INVALID_IDEMPOTENCY_KEY: 'problem.INVALID_IDEMPOTENCY_KEY',
  IDEMPOTENCY_KEY_REUSED: 'problem.IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_KEY_IN_PROGRESS: 'problem.IDEMPOTENCY_KEY_IN_PROGRESS',
  RATE_LIMITED: 'problem.RATE_LIMITED',
  INTERNAL: 'problem.INTERNAL',
  SERVICE_UNAVAILABLE: 'problem.SERVICE_UNAVAILABLE',
  UNAUTHENTICATED: 'problem.UNAUTHENTICATED',
  TOKEN_EXPIRED: 'problem.TOKEN_EXPIRED',
  INVALID_REFRESH_TOKEN: 'problem.INVALID_REFRESH_TOKEN',
};

/**
 * Codes whose `detail` says nothing our own message does not (and may even hint at which of e-mail
 * or password was wrong): their detail is not offered.
 */
const DETAIL_ADDS_NOTHING = new Set<string>([
  'INVALID_CREDENTIALS',
  'LOGIN_THROTTLED',
  'ACCOUNT_DISABLED',
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'INVALID_REFRESH_TOKEN',
  'RATE_LIMITED',
  'INTERNAL',
  'SERVICE_UNAVAILABLE',
]);

/** The message for people, in the reader's language: from the problem's stable code. */
export function problemMessage(error: unknown, t: Translate): string {
  if (!isApiError(error)) return t('error.generic');
  if (error.code === 'NETWORK_ERROR') return t('error.network');
  if (error.code === 'UNEXPECTED_RESPONSE') return t('error.unexpected', { status: error.status });
  if (error.code === 'LOGIN_THROTTLED') {
    return error.retryAfterSeconds !== undefined
      ? t('problem.LOGIN_THROTTLED', { minutes: Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) })
      : t('problem.LOGIN_THROTTLED_SOON');
  }
  const key = PROBLEM_KEYS[error.code as ErrorCode];
  return key ? t(key) : t('error.generic');
}

/** Whether the server's English `detail` (or its field list) tells the reader more than our message. */
function detailAddsInformation(error: ApiError): boolean {
  if (error.code === 'NETWORK_ERROR' || error.code === 'UNEXPECTED_RESPONSE') return false;
  if (!(error.code in PROBLEM_KEYS) && error.code !== 'LOGIN_THROTTLED') return true;
  return !DETAIL_ADDS_NOTHING.has(error.code) && (error.detail.trim() !== '' || (error.errors?.length ?? 0) > 0);
}

/**
 * What went wrong, for people: our message for the problem's code in the reader's language
 * first, then — when it says more (which field, which value) — the server's own words under
 * "Technical details", marked as the language they are written in.
 */
export function ApiErrorMessage({ error }: { error: unknown }) {
  const { t, locale } = useI18n();
  const message = problemMessage(error, t);
  const retryMinutes =
    isApiError(error) && error.code !== 'LOGIN_THROTTLED' && error.retryAfterSeconds !== undefined && error.retryAfterSeconds > 0
      ? Math.ceil(error.retryAfterSeconds / 60)
      : null;
  if (!isApiError(error) || !detailAddsInformation(error)) {
    return (
      <p>
        {message}
        {retryMinutes !== null && <> {t('problem.retryAfterMinutes', { minutes: retryMinutes })}</>}
      </p>
    );
  }
  const detailLang = error.language ?? 'en';
  return (
    <>
      <p>
        {message}
        {retryMinutes !== null && <> {t('problem.retryAfterMinutes', { minutes: retryMinutes })}</>}
      </p>
      <details className="problem-detail">
        <summary>{t('problem.technical')}</summary>
        <div lang={detailLang === locale ? undefined : detailLang}>
          <p>{error.detail}</p>
          {error.errors && error.errors.length > 0 && (
            <ul>
              {error.errors.map((fieldError) => (
                <li key={`${fieldError.field}:${fieldError.message}`}>
                  <code>{fieldError.field}</code> {fieldError.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      </details>
    </>
  );
}
