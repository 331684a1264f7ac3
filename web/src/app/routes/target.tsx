import { useId } from 'react';
import { useParams } from 'react-router';
import { AppLink } from '../../components/ui/app-link';
import { Breadcrumbs, type Crumb } from '../../components/ui/breadcrumbs';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { useLocalizedName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
import { QueryError } from '../../components/ui/query-error';
import { ObservationStateBadge } from '../../components/ui/state-badge';
import { useCurrentUser } from '../../features/auth/current-user';
import { useIndicator } from '../../features/indicators/api/get-indicator';
import { useIndicatorRevisions } from '../../features/indicators/api/get-indicator-revisions';
import { TargetFacts } from '../../features/indicators/components/target-facts';
import { useObservations } from '../../features/observations/api/get-observations';
import { ObservationValue } from '../../features/observations/components/observation-value';
import { usePlanNames } from '../../features/plans/use-plan-names';
import { useIndicatorStatus } from '../../features/status/api/get-indicator-status';
import { StatusNumbers } from '../../features/status/components/status-numbers';
import { TargetHistory } from '../../features/status/components/target-history';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { useI18n } from '../../i18n/use-t';
import { useAsOf, useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 20;

/** A target: its status and the numbers behind it, its trend, every report and each change of its definition. */
export default function TargetPage() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const sectionId = useId();
  const code = useParams().code ?? '';
  const { when } = useAsOf();
  const { page, update } = useSearchState([] as const);
  const indicator = useIndicator(code);
  const status = useIndicatorStatus(code, when);
  const reports = useObservations({ indicator: code, includeSuperseded: true, page, pageSize: PAGE_SIZE });
  const revisions = useIndicatorRevisions(code);
  const units = useUnitNames();
  const plans = usePlanNames();
  const localName = useLocalizedName();

  if (indicator.isError) {
    return (
      <div className="page">
        <PageHeader title={t('target.title')} />
        <QueryError error={indicator.error} onRetry={() => void indicator.refetch()} />
      </div>
    );
  }
  if (!indicator.data) {
    return (
      <div className="page">
        <PageHeader title={t('target.title')} />
        <Loading />
      </div>
    );
  }
  const ind = indicator.data;
  const name = localName({ vi: ind.nameVi, en: ind.nameEn });
  const unitLabel = ind.unitLabel ?? (ind.measure === 'percent' ? '%' : null);

  // Province → department → plan → target.
  const unitChain: Crumb[] = [];
  const byCode = new Map(units.units.map((unit) => [unit.code, unit]));
  for (let unit = byCode.get(ind.unitCode); unit; unit = unit.parentCode ? byCode.get(unit.parentCode) : undefined) {
    unitChain.unshift({ label: units.name(unit.code), to: `/dashboard?unit=${encodeURIComponent(unit.code)}` });
    // From the reader's own unit down: above it they have no dashboard.
    if (unit.code === user.unit.code) break;
  }
  const crumbs: Crumb[] = [
    ...(unitChain.length ? unitChain : [{ label: t('nav.dashboard'), to: '/dashboard' }]),
    ...(ind.planCode ? [{ label: plans.name(ind.planCode), to: `/plans/${encodeURIComponent(ind.planCode)}` }] : []),
    { label: name },
  ];

  return (
    <div className="page">
      <PageHeader
        title={name}
        breadcrumbs={<Breadcrumbs items={crumbs} />}
        lead={
          <p className="muted">
            {ind.code} · {units.name(ind.unitCode)}
          </p>
        }
        actions={
          user.role === 'staff' ? (
            <AppLink to={`/report?indicator=${encodeURIComponent(ind.code)}&unit=${encodeURIComponent(user.unit.code)}`} className="button button-primary">
              {t('target.enterValue')}
            </AppLink>
          ) : user.role === 'auditor' || user.role === 'admin' ? (
            <AppLink to={`/audit?entity=indicator&entityId=${encodeURIComponent(ind.code)}`} className="button button-secondary">
              {t('target.auditTrail')}
            </AppLink>
          ) : undefined
        }
      />

      <section className="card" aria-labelledby={`${sectionId}-status`}>
        <h2 id={`${sectionId}-status`}>{t('target.statusTitle')}</h2>
        {status.isPending && <Loading />}
        {status.isError && <QueryError error={status.error} onRetry={() => void status.refetch()} />}
        {status.data && <StatusNumbers status={status.data} indicator={ind} />}
      </section>

      <TargetHistory indicator={ind} when={when} />

      <section className="card" aria-labelledby={`${sectionId}-reports`}>
        <h2 id={`${sectionId}-reports`}>{t('target.reports')}</h2>
        {reports.isPending && <Loading />}
        {reports.isError && <QueryError error={reports.error} onRetry={() => void reports.refetch()} />}
        {reports.data && reports.data.items.length === 0 && (
          <EmptyState>
            <p>{t('target.noReports')}</p>
          </EmptyState>
        )}
        {reports.data && reports.data.items.length > 0 && (
          <>
            <div className="table-wrap">
              <table className="data-table responsive-table">
                <caption className="visually-hidden">{t('target.reports')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('report.period')}</th>
                    <th scope="col">{t('observation.value')}</th>
                    <th scope="col">{t('todo.state')}</th>
                    <th scope="col">{t('observation.unit')}</th>
                    <th scope="col">{t('observation.lastChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {reports.data.items.map((o) => (
                    <tr key={o.id}>
                      <th scope="row" data-label={t('report.period')}>
                        <AppLink to={`/observations/${o.id}`}>
                          {periodLabel(o.period, locale)} · {t('report.version', { version: o.versionNo })}
                        </AppLink>
                      </th>
                      <td data-label={t('observation.value')}>
                        <ObservationValue observation={o} unitLabel={unitLabel} />
                      </td>
                      <td data-label={t('todo.state')}>
                        <ObservationStateBadge state={o.state} superseded={Boolean(o.supersededAt)} />
                      </td>
                      <td data-label={t('observation.unit')}>{units.name(o.unitCode)}</td>
                      <td data-label={t('observation.lastChange')}>{format.dateTime(o.updatedAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageSize={PAGE_SIZE} total={reports.data.total} label={t('target.reports')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
          </>
        )}
      </section>

      <section className="card" aria-labelledby={`${sectionId}-definition`}>
        <h2 id={`${sectionId}-definition`}>{t('target.definition')}</h2>
        <TargetFacts indicator={ind} unitName={units.name} planName={plans.name} />
        <h3>{t('target.revisions')}</h3>
        {revisions.isPending && <Loading />}
        {revisions.isError && <QueryError error={revisions.error} onRetry={() => void revisions.refetch()} />}
        {revisions.data && (
          <div className="table-wrap">
            <table className="data-table responsive-table">
              <caption className="visually-hidden">{t('target.revisions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('target.revision')}</th>
                  <th scope="col">{t('target.baseline')}</th>
                  <th scope="col">{t('target.target')}</th>
                  <th scope="col">{t('target.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {[...revisions.data.items].reverse().map((revision) => (
                  <tr key={revision.revisionNo}>
                    <th scope="row" data-label={t('target.revision')}>
                      #{revision.revisionNo} <span className="muted small">{format.dateTime(revision.effectiveAt)}</span>
                    </th>
                    <td data-label={t('target.baseline')}>{revision.baseline ? `${format.number(revision.baseline.value, 4)} · ${format.date(revision.baseline.date)}` : '—'}</td>
                    <td data-label={t('target.target')}>{revision.target ? `${format.number(revision.target.value, 4)} · ${format.date(revision.target.date)}` : '—'}</td>
                    <td data-label={t('target.reason')}>
                      {revision.reason}
                      {revision.legalRef && <span className="muted"> ({revision.legalRef})</span>}
                      {revision.actor && <span className="muted small"> — {revision.actor}</span>}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
