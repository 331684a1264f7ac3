import { FIELDS } from '@tiendo/shared/domain';
import type { RollupGroup } from '@tiendo/shared/schemas/status';
import { useId } from 'react';
import { Link } from 'react-router';
import { AppLink } from '../../components/ui/app-link';
import { Breadcrumbs, type Crumb } from '../../components/ui/breadcrumbs';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { useFieldName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { StatusBadge, isStatusName } from '../../components/ui/status-badge';
import { useCurrentUser } from '../../features/auth/current-user';
import { useCalendar } from '../../features/calendar/api/get-calendar';
import { useObservations } from '../../features/observations/api/get-observations';
import { useIndicatorStatuses } from '../../features/status/api/get-indicator-statuses';
import { useRollups, useRollupsList } from '../../features/status/api/get-rollups';
import { ATTENTION } from '../../features/status/attention';
import { RollupTable } from '../../features/status/components/rollup-table';
import { StatusCounts } from '../../features/status/components/status-counts';
import { StatusGrid } from '../../features/status/components/status-grid';
import { StatusTable } from '../../features/status/components/status-table';
import { METHOD_ANCHORS } from '../../features/status/method-links';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import type { PlainMessageKey as MessageKey } from '../../i18n/locale';
import { useI18n } from '../../i18n/use-t';
import { useAsOf, useSearchState } from '../../lib/url-state';

const GROUPINGS = ['plan', 'field', 'unit'] as const;
type Grouping = (typeof GROUPINGS)[number];
const GROUPING_KEYS: Record<Grouping, MessageKey> = { plan: 'dashboard.byPlan', field: 'dashboard.byField', unit: 'dashboard.byUnit' };

/**
 * Where a unit stands: every target counted by status, the pace of the whole, the same by plan,
 * field and unit, a unit × field grid, and the targets that need attention. Drill down by unit.
 */
export default function DashboardPage() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const fieldName = useFieldName();
  const { when } = useAsOf();
  const { values, update } = useSearchState(['unit', 'by'] as const);
  const unit = values.unit || user.unit.code;
  const by: Grouping = (GROUPINGS as readonly string[]).includes(values.by) ? (values.by as Grouping) : 'plan';
  const units = useUnitNames();
  const rollups = useRollups({ unit, by, ...when });
  const byUnit = useRollups({ unit, by: 'unit', ...when });
  const fieldQueries = useRollupsList(FIELDS.map((field) => ({ unit, by: 'unit' as const, field, ...when })));
  const attention = useIndicatorStatuses({ under: unit, status: ATTENTION, sort: 'severity', ...when, pageSize: 10 });
  const isLeader = user.role === 'leader';
  const queue = useObservations({ state: 'submitted', under: unit, pageSize: 1 }, { enabled: isLeader });
  const year = new Date().getFullYear();
  const calendar = useCalendar({ unit, from: `${year - 1}-01-01`, to: `${year}-12-31`, pageSize: 1 });

  const withQuery = (path: string, params: Record<string, string | undefined>) => {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
    const text = search.toString();
    return text ? `${path}?${text}` : path;
  };
  const dashboardLink = (code: string) => withQuery('/dashboard', { unit: code === user.unit.code ? undefined : code, by: by === 'plan' ? undefined : by });

  // The drill-down path from the user's own unit to this one.
  const crumbs: Crumb[] = [];
  const unitsByCode = new Map(units.units.map((u) => [u.code, u]));
  for (let u = unitsByCode.get(unit); u; u = u.parentCode ? unitsByCode.get(u.parentCode) : undefined) {
    crumbs.unshift({ label: units.name(u.code), to: dashboardLink(u.code) });
    if (u.code === user.unit.code) break;
  }

  const fieldColumns = FIELDS.map((field, index) => ({ field, query: fieldQueries[index] })).filter(
    ({ query }) => (query?.data?.overall.total ?? 0) > 0,
  );
  const childRows = (byUnit.data?.groups ?? []).filter((group) => group.total > 0).map((group) => ({ code: group.key, label: units.name(group.key) }));
  // A unit with no units below it (a department) is its own single row.
  const ownRow = childRows.length === 0;
  const gridRows = ownRow ? [{ code: unit, label: units.name(unit) }] : childRows;
  const gridLoading = byUnit.isPending || fieldQueries.some((query) => query.isPending);
  const gridError = byUnit.error ?? fieldQueries.find((query) => query.isError)?.error;

  const linkFor = (group: RollupGroup): string | null => {
    if (by === 'plan') return group.key === '(none)' ? withQuery('/targets', { under: unit }) : `/plans/${encodeURIComponent(group.key)}`;
    if (by === 'field') return withQuery('/targets', { under: unit, field: group.key });
    return dashboardLink(group.key);
  };

  const overall = rollups.data?.overall;
  return (
    <div className="page">
      <PageHeader
        title={t('dashboard.title', { unit: units.name(unit) })}
        breadcrumbs={crumbs.length > 1 ? <Breadcrumbs items={crumbs} /> : undefined}
        lead={
          <p className="muted">
            {rollups.data ? t('numbers.asOf', { date: format.date(rollups.data.asOf) }) : null}
            {rollups.data && ' · '}
            <Link to={METHOD_ANCHORS.rollups}>{t('dashboard.howRolledUp')}</Link>
          </p>
        }
      />

      {(isLeader || calendar.data) && (
        <div className="summary-cards">
          {isLeader && (
            <section className="card summary-card" aria-labelledby={`${id}-queue`}>
              <h2 id={`${id}-queue`}>{t('dashboard.queue')}</h2>
              <p className="summary-number">{queue.data ? format.number(queue.data.total) : '…'}</p>
              <p>{t('dashboard.queueLead')}</p>
              <AppLink to="/review">{t('dashboard.openQueue')}</AppLink>
            </section>
          )}
          {calendar.data && (
            <section className="card summary-card" aria-labelledby={`${id}-late`}>
              <h2 id={`${id}-late`}>{t('dashboard.notReported')}</h2>
              <p className="summary-number">{format.number(calendar.data.counts.late)}</p>
              <p>
                {t('dashboard.notReportedLead', {
                  overdue: format.number(calendar.data.counts.overdue),
                  returned: format.number(calendar.data.counts.returned),
                })}
              </p>
              <AppLink to={withQuery('/todo', { unit: unit === user.unit.code ? undefined : unit, view: 'overdue' })}>{t('dashboard.openCalendar')}</AppLink>
            </section>
          )}
        </div>
      )}

      <section className="card" aria-labelledby={`${id}-overall`}>
        <h2 id={`${id}-overall`}>{t('dashboard.overall')}</h2>
        {rollups.isPending && <Loading />}
        {rollups.isError && <QueryError error={rollups.error} what={t('dashboard.what')} onRetry={() => void rollups.refetch()} />}
        {overall && (
          <>
            <div className="overall">
              {isStatusName(overall.status) && <StatusBadge status={overall.status} className="status-badge-large" />}
              <dl className="pace-figures">
                <div>
                  <dt>
                    <abbr title={t('rollup.progressLong')}>P</abbr> {t('rollup.progress')}
                  </dt>
                  <dd>{format.decimal4(overall.progress)}</dd>
                </div>
                <div>
                  <dt>
                    <abbr title={t('rollup.expectedLong')}>Ē</abbr> {t('rollup.expected')}
                  </dt>
                  <dd>{format.decimal4(overall.expectedProgress)}</dd>
                </div>
                <div>
                  <dt>
                    <abbr title={t('rollup.paceLong')}>R</abbr> {t('rollup.pace')}
                  </dt>
                  <dd>{format.decimal4(overall.pace)}</dd>
                </div>
                <div>
                  <dt>{t('rollup.total')}</dt>
                  <dd>
                    {format.number(overall.total)} <span className="muted small">({t('rollup.withData', { count: format.number(overall.withData) })})</span>
                  </dd>
                </div>
              </dl>
            </div>
            <StatusCounts counts={overall.counts} />
            <p className="muted small">
              {t('dashboard.paceExplained')} <Link to={METHOD_ANCHORS.rollups}>{t('numbers.readMethod')}</Link>
            </p>
          </>
        )}
      </section>

      <section className="card" aria-labelledby={`${id}-groups`}>
        <h2 id={`${id}-groups`}>{t(GROUPING_KEYS[by])}</h2>
        <nav className="tabs" aria-label={t('dashboard.grouping')}>
          <ul>
            {GROUPINGS.map((grouping) => (
              <li key={grouping}>
                <button type="button" className={`tab${grouping === by ? ' tab-current' : ''}`} aria-pressed={grouping === by} onClick={() => update({ by: grouping === 'plan' ? null : grouping })}>
                  {t(GROUPING_KEYS[grouping])}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        {rollups.data && rollups.data.groups.length === 0 && (
          <EmptyState>
            <p>{t('dashboard.noGroups')}</p>
          </EmptyState>
        )}
        {rollups.data && rollups.data.groups.length > 0 && (
          <RollupTable
            groups={rollups.data.groups}
            caption={t(GROUPING_KEYS[by])}
            linkFor={linkFor}
            groupHeader={by === 'plan' ? t('dashboard.plan') : by === 'field' ? t('dashboard.field') : t('dashboard.unit')}
          />
        )}
      </section>

      <section className="card" aria-labelledby={`${id}-grid`}>
        <h2 id={`${id}-grid`}>{t('dashboard.grid')}</h2>
        <p className="muted">{t('dashboard.gridLead')}</p>
        {gridLoading && <Loading />}
        {gridError && <QueryError error={gridError} onRetry={() => void byUnit.refetch()} />}
        {!gridLoading && !gridError && (gridRows.length === 0 || fieldColumns.length === 0) && (
          <EmptyState>
            <p>{t('dashboard.noGroups')}</p>
          </EmptyState>
        )}
        {!gridLoading && !gridError && gridRows.length > 0 && fieldColumns.length > 0 && (
          <StatusGrid
            rows={gridRows}
            columns={fieldColumns.map(({ field }) => ({ key: field, label: fieldName(field) }))}
            cell={(row, column) => {
              const data = fieldColumns.find((c) => c.field === column.key)?.query?.data;
              return ownRow ? data?.overall : data?.groups.find((g) => g.key === row.code);
            }}
            linkFor={(row, column) => withQuery('/targets', { under: row.code, field: column.key })}
            caption={t('dashboard.grid')}
            corner={t('dashboard.unit')}
          />
        )}
      </section>

      <section className="card" aria-labelledby={`${id}-attention`}>
        <h2 id={`${id}-attention`}>{t('dashboard.attention')}</h2>
        {attention.isPending && <Loading />}
        {attention.isError && <QueryError error={attention.error} onRetry={() => void attention.refetch()} />}
        {attention.data && attention.data.items.length === 0 && (
          <EmptyState>
            <p>{t('dashboard.noAttention')}</p>
          </EmptyState>
        )}
        {attention.data && attention.data.items.length > 0 && (
          <>
            <StatusTable items={attention.data.items} caption={t('dashboard.attention')} unitName={units.name} showComment />
            {attention.data.total > attention.data.items.length && (
              <p>
                <AppLink to={withQuery('/targets', { under: unit, status: ATTENTION })}>
                  {t('dashboard.allAttention', { count: format.number(attention.data.total) })}
                </AppLink>
              </p>
            )}
          </>
        )}
      </section>
    </div>
  );
}
