import { useId, type FormEvent, type Ref } from 'react';
import { ApiErrorMessage } from '../../../components/ui/api-error-message';
import { useT } from '../../../i18n/use-t';
import { useLogin } from '../api/login';

export interface SignInValues {
  email: string;
  password: string;
}

interface SignInFormProps {
  values: SignInValues;
  onValuesChange: (values: SignInValues) => void;
  /** Lets the page move focus to the button after filling the form in for the user. */
  submitRef?: Ref<HTMLButtonElement>;
}

export function SignInForm({ values, onValuesChange, submitRef }: SignInFormProps) {
  const t = useT();
  const login = useLogin();
  const id = useId();
  const errorId = `${id}-error`;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (login.isPending) return;
    login.mutate({ email: values.email.trim(), password: values.password });
  };

  // Described by the alert only while it says something.
  const invalidProps = login.isError ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};

  return (
    <form className="sign-in-form" onSubmit={onSubmit}>
      <div className="field">
        <label htmlFor={`${id}-email`}>{t('signIn.email')}</label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          value={values.email}
          onChange={(event) => onValuesChange({ ...values, email: event.target.value })}
          {...invalidProps}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('signIn.password')}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={values.password}
          onChange={(event) => onValuesChange({ ...values, password: event.target.value })}
          {...invalidProps}
        />
      </div>
      {/* Always in the page, so assistive technology announces what appears in it. */}
      <div id={errorId} role="alert" className="form-alert">
        {login.isError && <ApiErrorMessage error={login.error} />}
      </div>
      <button
        ref={submitRef}
        type="submit"
        className="button button-primary button-block"
        aria-disabled={login.isPending}
      >
        {login.isPending ? t('signIn.submitting') : t('signIn.submit')}
      </button>
    </form>
  );
}
