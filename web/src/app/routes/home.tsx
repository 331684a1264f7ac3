import { useId } from 'react';
import { AppLink } from '../../components/ui/app-link';
import { StatusBadge, isStatusName } from '../../components/ui/status-badge';
import { usePageTitle } from '../../components/ui/page-title';
import { useMe } from '../../features/auth/api/get-me';
import { AccountSummary } from '../../features/auth/components/account-summary';
import { useCurrentUser } from '../../features/auth/current-user';
import { useCalendar } from '../../features/calendar/api/get-calendar';
import { useObservations } from '../../features/observations/api/get-observations';
import { useIndicatorStatuses } from '../../features/status/api/get-indicator-statuses';
import { useRollups } from '../../features/status/api/get-rollups';
import { ATTENTION } from '../../features/status/attention';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/use-t';
import { useAsOf } from '../../lib/url-state';

/** The first page after signing in: what needs this person now, by role, and their account. */
export default function HomePage() {
  const { t } = useI18n();
  const sessionUser = useCurrentUser();
  // The session gives the user at once; /me confirms them with the bearer token.
  const me = useMe();
  const user = me.data?.user ?? sessionUser;
  usePageTitle(t('nav.home'));
  return (
    <div className="page home-page">
      <h1 tabIndex={-1}>{t('home.greeting', { name: user.name })}</h1>
      {user.role === 'staff' && <StaffSummary />}
      {user.role === 'leader' && <LeaderSummary />}
      {user.role === 'auditor' && <LinksCard title={t('home.auditorTitle')} lead={t('home.auditorLead')} links={[['/records', t('nav.records')], ['/audit', t('nav.audit')], ['/dashboard', t('nav.dashboard')]]} />}
      {user.role === 'admin' && (
        <LinksCard
          title={t('home.adminTitle')}
          lead={t('home.adminLead')}
          links={[
            ['/admin/units', t('nav.units')],
            ['/admin/users', t('nav.users')],
            ['/admin/plans', t('nav.plans')],
            ['/admin/targets', t('nav.adminTargets')],
            ['/admin/import', t('nav.import')],
          ]}
        />
      )}
      <AccountSummary user={user} />
    </div>
  );
}

function StaffSummary() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const year = new Date().getFullYear();
  const calendar = useCalendar({ unit: user.unit.code, from: `${year - 1}-01-01`, to: `${year}-12-31`, pageSize: 1 });
  const counts = calendar.data?.counts;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('todo.title')}</h2>
      {counts ? (
        <ul className="summary-list">
          <li>
            <AppLink to="/todo?view=returned">{t('home.returned', { count: format.number(counts.returned) })}</AppLink>
          </li>
          <li>
            <AppLink to="/todo?view=overdue">{t('home.overdue', { count: format.number(counts.overdue) })}</AppLink>
          </li>
          <li>
            <AppLink to="/todo?view=due">{t('home.due', { count: format.number(counts.due) })}</AppLink>
          </li>
          <li>
            <AppLink to="/todo?view=drafted">{t('home.drafted', { count: format.number(counts.drafted) })}</AppLink>
          </li>
        </ul>
      ) : (
        <p className="muted">{calendar.isError ? t('error.couldNotLoad') : t('app.loading')}</p>
      )}
      <AppLink to="/todo" className="button button-primary">
        {t('home.openTodo')}
      </AppLink>
    </section>
  );
}

function LeaderSummary() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const { when } = useAsOf();
  const queue = useObservations({ state: 'submitted', under: user.unit.code, pageSize: 1 });
  const rollup = useRollups({ unit: user.unit.code, by: 'plan', ...when });
  const attention = useIndicatorStatuses({ under: user.unit.code, status: ATTENTION, pageSize: 1, ...when });
  const overall = rollup.data?.overall;
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('home.leaderTitle')}</h2>
      <ul className="summary-list">
        <li>
          <AppLink to="/review">{t('home.queue', { count: queue.data ? format.number(queue.data.total) : '…' })}</AppLink>
        </li>
        <li>
          <AppLink to={`/targets?status=${ATTENTION}`}>{t('home.attention', { count: attention.data ? format.number(attention.data.total) : '…' })}</AppLink>
        </li>
        {overall && isStatusName(overall.status) && (
          <li>
            {t('home.overall')} <StatusBadge status={overall.status} /> <span className="muted">R = {format.decimal4(overall.pace)}</span>
          </li>
        )}
      </ul>
      <AppLink to="/dashboard" className="button button-primary">
        {t('home.openDashboard')}
      </AppLink>
    </section>
  );
}

function LinksCard({ title, lead, links }: { title: string; lead: string; links: [string, string][] }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p>{lead}</p>
      <ul className="summary-list">
        {links.map(([to, label]) => (
          <li key={to}>
            <AppLink to={to}>{label}</AppLink>
          </li>
        ))}
      </ul>
    </section>
  );
}
