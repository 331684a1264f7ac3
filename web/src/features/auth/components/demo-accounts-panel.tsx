import { useId } from 'react';
import { useI18n } from '../../../i18n/use-t';
import { useDemoAccounts, type DemoAccount } from '../api/get-demo-accounts';
import { roleName } from '../role-name';

/** Shown only on a demo installation: the server answers 404 everywhere else. */
export function DemoAccountsPanel({ onUse }: { onUse: (account: DemoAccount) => void }) {
  const { locale, t } = useI18n();
  const { data: accounts } = useDemoAccounts();
  const id = useId();
  if (!accounts || accounts.length === 0) return null;

  return (
    <section className="card demo-panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('demo.title')}</h2>
      <p className="muted">{t('demo.intro')}</p>
      <ul className="demo-accounts">
        {accounts.map((account, index) => (
          <li key={account.email} className="demo-account">
            <div className="demo-account-info" id={`${id}-account-${index}`}>
              <span className="demo-account-name">{account.name}</span>
              <span className="badge">{roleName(account.role, locale)}</span>
              <span className="demo-account-unit">{account.unitName}</span>
              <span className="demo-account-email">{account.email}</span>
            </div>
            <button
              type="button"
              className="button button-secondary"
              aria-describedby={`${id}-account-${index}`}
              onClick={() => onUse(account)}
            >
              {t('demo.use')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
