import type { SessionUser } from '@tiendo/shared/schemas/auth';
import { useId } from 'react';
import { useI18n } from '../../../i18n/use-t';
import { roleName } from '../role-name';

export function AccountSummary({ user }: { user: SessionUser }) {
  const { locale, t } = useI18n();
  const id = useId();
  // A unit without an English name keeps its Vietnamese one, marked as such for screen readers.
  const english = locale === 'en' && user.unit.nameEn !== null;
  const unitName = english ? user.unit.nameEn : user.unit.nameVi;
  return (
    <section className="card account-summary" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('home.profile')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('home.role')}</dt>
          <dd>{roleName(user.role, locale)}</dd>
        </div>
        <div>
          <dt>{t('home.unit')}</dt>
          <dd>
            <span lang={english ? 'en' : 'vi'}>{unitName}</span> <span className="muted">({user.unit.code})</span>
          </dd>
        </div>
        <div>
          <dt>{t('home.email')}</dt>
          <dd>{user.email}</dd>
        </div>
      </dl>
    </section>
  );
}
