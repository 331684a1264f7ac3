import { useQueryClient } from '@tanstack/react-query';
import type { SessionUser } from '@tiendo/shared/schemas/auth';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiErrorMessage } from '../../../components/ui/api-error-message';
import { useT } from '../../../i18n/use-t';
import { login } from '../api/login';
import { authKeys } from '../api/query-keys';
import { forgetSession } from '../api/session-cache';
import { useSessionExpiry } from '../session-expiry';

/**
 * Signing in again after the session ended, over the page the person was working on: whatever
 * they had typed stays in the form below, and they can save again once signed in.
 */
export function ReauthDialog({ user }: { user: SessionUser }) {
  const t = useT();
  const id = useId();
  const queryClient = useQueryClient();
  const { expired, resolve } = useSessionExpiry();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (expired && !dialog.open) dialog.showModal();
    if (!expired && dialog.open) dialog.close();
  }, [expired]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const session = await login({ email: user.email, password });
      setPassword('');
      resolve();
      queryClient.setQueryData(authKeys.session, session.user);
      // Whatever failed while signed out is asked for again.
      await queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
    } catch (cause) {
      setError(cause);
    } finally {
      setPending(false);
    }
  };

  const signOut = () => {
    resolve();
    forgetSession(queryClient);
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog reauth-dialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-intro`}
      // Escape would leave the page without a session; the choice is sign in or sign out.
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id={`${id}-title`}>{t('reauth.title')}</h2>
      <p id={`${id}-intro`}>{t('reauth.intro')}</p>
      <form className="stack" onSubmit={onSubmit}>
        <div className="field">
          <label htmlFor={`${id}-email`}>{t('signIn.email')}</label>
          <input id={`${id}-email`} type="email" value={user.email} readOnly autoComplete="username" />
        </div>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
          <input
            id={`${id}-password`}
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </div>
        <div id={`${id}-error`} role="alert" className="form-alert">
          {error !== null && <ApiErrorMessage error={error} />}
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" aria-disabled={pending}>
            {pending ? t('signIn.submitting') : t('reauth.submit')}
          </button>
          <button type="button" className="button button-secondary" onClick={signOut}>
            {t('reauth.signOut')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
