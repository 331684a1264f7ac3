import { useId } from 'react';
import { Link, useParams } from 'react-router';
import { Breadcrumbs } from '../../components/ui/breadcrumbs';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { useLocalizedName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
import { QueryError } from '../../components/ui/query-error';
import { StatusBadge, isStatusName } from '../../components/ui/status-badge';
import { useCurrentUser } from '../../features/auth/current-user';
import { usePlan } from '../../features/plans/api/get-plan';
import { useIndicatorStatuses } from '../../features/status/api/get-indicator-statuses';
import { useRollups } from '../../features/status/api/get-rollups';
import { StatusCounts } from '../../features/status/components/status-counts';
import { StatusTable } from '../../features/status/components/status-table';
import { METHOD_ANCHORS } from '../../features/status/method-links';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/use-t';
import { useAsOf, useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 50;

/** A plan: its document, the status of its targets taken together, and each target. */
export default function PlanPage() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const code = useParams().code ?? '';
  const { when } = useAsOf();
  const { page, update } = useSearchState([] as const);
  const plan = usePlan(code);
  const units = useUnitNames();
  const rollup = useRollups({ unit: user.unit.code, by: 'plan', plan: code, ...when });
  const targets = useIndicatorStatuses({ under: user.unit.code, plan: code, sort: 'severity', ...when, page, pageSize: PAGE_SIZE });
  const localName = useLocalizedName();

  if (plan.isError) {
    return (
      <div className="page">
        <PageHeader title={t('plan.title')} />
        <QueryError error={plan.error} onRetry={() => void plan.refetch()} />
      </div>
    );
  }
  if (!plan.data) {
    return (
      <div className="page">
        <PageHeader title={t('plan.title')} />
        <Loading />
      </div>
    );
  }
  const p = plan.data;
  const title = localName({ vi: p.titleVi, en: p.titleEn });
  const group = rollup.data?.groups.find((g) => g.key === code) ?? rollup.data?.overall;
  return (
    <div className="page">
      <PageHeader
        title={title}
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: t('nav.dashboard'), to: '/dashboard' },
              ...(p.ownerUnitCode ? [{ label: units.name(p.ownerUnitCode), to: `/dashboard?unit=${encodeURIComponent(p.ownerUnitCode)}` }] : []),
              { label: title },
            ]}
          />
        }
        lead={
          <p className="muted">
            {p.code}
            {p.documentRef && ` · ${p.documentRef}`}
            {p.periodStart && ` · ${p.periodStart}–${p.periodEnd ?? ''}`}
          </p>
        }
      />
      <section className="card" aria-labelledby={`${id}-status`}>
        <h2 id={`${id}-status`}>{t('plan.status')}</h2>
        {rollup.isPending && <Loading />}
        {rollup.isError && <QueryError error={rollup.error} onRetry={() => void rollup.refetch()} />}
        {group && (
          <>
            <div className="overall">
              {isStatusName(group.status) && <StatusBadge status={group.status} className="status-badge-large" />}
              <dl className="pace-figures">
                <div>
                  <dt>P</dt>
                  <dd>{format.decimal4(group.progress)}</dd>
                </div>
                <div>
                  <dt>Ē</dt>
                  <dd>{format.decimal4(group.expectedProgress)}</dd>
                </div>
                <div>
                  <dt>R</dt>
                  <dd>{format.decimal4(group.pace)}</dd>
                </div>
              </dl>
            </div>
            <StatusCounts counts={group.counts} />
            <p className="muted small">
              <Link to={METHOD_ANCHORS.rollups}>{t('dashboard.howRolledUp')}</Link>
            </p>
          </>
        )}
        <dl className="facts facts-wide">
          <div>
            <dt>{t('plan.issuingBody')}</dt>
            <dd>{p.issuingBody ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('plan.issuedOn')}</dt>
            <dd>{format.date(p.issuedOn)}</dd>
          </div>
          <div>
            <dt>{t('plan.owner')}</dt>
            <dd>{p.ownerUnitCode ? units.name(p.ownerUnitCode) : '—'}</dd>
          </div>
          <div>
            <dt>{t('plan.thresholds')}</dt>
            <dd>
              {format.number(p.thresholds.onTrack, 2)} / {format.number(p.thresholds.atRisk, 2)}
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby={`${id}-targets`}>
        <h2 id={`${id}-targets`}>{t('plan.targets')}</h2>
        {targets.isPending && <Loading />}
        {targets.isError && <QueryError error={targets.error} onRetry={() => void targets.refetch()} />}
        {targets.data && targets.data.items.length === 0 && (
          <EmptyState>
            <p>{t('targets.empty')}</p>
          </EmptyState>
        )}
        {targets.data && targets.data.items.length > 0 && (
          <>
            <StatusTable items={targets.data.items} caption={t('plan.targets')} unitName={units.name} showComment />
            <Pagination page={page} pageSize={PAGE_SIZE} total={targets.data.total} label={t('targets.pages')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
          </>
        )}
      </section>
    </div>
  );
}
