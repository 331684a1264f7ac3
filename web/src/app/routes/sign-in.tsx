import { useId, useRef, useState } from 'react';
import { DemoAccountsPanel } from '../../features/auth/components/demo-accounts-panel';
import { SignInForm, type SignInValues } from '../../features/auth/components/sign-in-form';
import { useT } from '../../i18n/use-t';

export function SignInPage() {
  const t = useT();
  const id = useId();
  const [values, setValues] = useState<SignInValues>({ email: '', password: '' });
  const submitRef = useRef<HTMLButtonElement>(null);

  return (
    <div className="sign-in-page">
      <section className="card sign-in-card" aria-labelledby={`${id}-title`}>
        <h1 id={`${id}-title`} tabIndex={-1}>
          {t('signIn.title')}
        </h1>
        <p className="muted">{t('signIn.intro')}</p>
        <SignInForm values={values} onValuesChange={setValues} submitRef={submitRef} />
      </section>
      <DemoAccountsPanel
        onUse={(account) => {
          setValues({ email: account.email, password: account.password });
          // Filled in: one more key press (Enter or Space) signs in.
          submitRef.current?.focus();
        }}
      />
    </div>
  );
}
