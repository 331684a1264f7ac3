import type { SessionUser } from '@tiendo/shared/schemas/auth';
import { useMe } from '../../features/auth/api/get-me';
import { AccountSummary } from '../../features/auth/components/account-summary';
import { useT } from '../../i18n/use-t';

export function HomePage({ sessionUser }: { sessionUser: SessionUser }) {
  const t = useT();
  // The session gives the user at once; /me confirms them with the bearer token.
  const me = useMe();
  const user = me.data?.user ?? sessionUser;
  return (
    <div className="home-page">
      <h1 tabIndex={-1}>{t('home.greeting', { name: user.name })}</h1>
      <AccountSummary user={user} />
      <p className="note">{t('home.comingSoon')}</p>
    </div>
  );
}
