import { useT } from '../../../i18n/use-t';
import { useLogout } from '../api/logout';

export function SignOutButton() {
  const t = useT();
  const logout = useLogout();
  return (
    <button
      type="button"
      className="button button-ghost"
      aria-disabled={logout.isPending}
      onClick={() => {
        if (!logout.isPending) logout.mutate();
      }}
    >
      {t('auth.signOut')}
    </button>
  );
}
