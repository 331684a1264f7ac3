import { FIELDS } from '@tiendo/shared/domain';
import type { IndicatorStatusListQuery } from '@tiendo/shared/schemas/status';
import { useId } from 'react';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { useFieldName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
import { QueryError } from '../../components/ui/query-error';
import { STATUS_KEYS, STATUS_ORDER } from '../../components/ui/status-badge';
import { useCurrentUser } from '../../features/auth/current-user';
import { usePlanNames } from '../../features/plans/use-plan-names';
import { useIndicatorStatuses } from '../../features/status/api/get-indicator-statuses';
import { ATTENTION } from '../../features/status/attention';
import { StatusTable } from '../../features/status/components/status-table';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/use-t';
import { useAsOf, useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 50;

/** Every target in scope with its status; filtered by unit, plan, field and status, all in the URL. */
export default function TargetsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const { when } = useAsOf();
  const fieldName = useFieldName();
  const units = useUnitNames();
  const plans = usePlanNames();
  const { values, update, page } = useSearchState(['under', 'plan', 'field', 'status', 'sort'] as const);
  const query: IndicatorStatusListQuery = {
    under: values.under || user.unit.code,
    plan: values.plan || undefined,
    field: values.field || undefined,
    status: values.status || undefined,
    sort: values.sort === 'code' ? 'code' : 'severity',
    ...when,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useIndicatorStatuses(query);

  return (
    <div className="page">
      <PageHeader title={t('targets.title')} lead={<p>{t('targets.lead', { unit: units.name(query.under!) })}</p>} />
      <section className="card filters" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`}>{t('filters.title')}</h2>
        <div className="filter-row">
          <div className="field">
            <label htmlFor={`${id}-under`}>{t('filters.unit')}</label>
            <select id={`${id}-under`} value={query.under} onChange={(e) => update({ under: e.target.value === user.unit.code ? null : e.target.value })}>
              {(units.units.length ? units.units : [{ code: user.unit.code }]).map((unit) => (
                <option key={unit.code} value={unit.code}>
                  {units.name(unit.code)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-plan`}>{t('filters.plan')}</label>
            <select id={`${id}-plan`} value={values.plan} onChange={(e) => update({ plan: e.target.value })}>
              <option value="">{t('filters.all')}</option>
              {plans.plans.map((plan) => (
                <option key={plan.code} value={plan.code}>
                  {plans.name(plan.code)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-field`}>{t('filters.field')}</label>
            <select id={`${id}-field`} value={values.field} onChange={(e) => update({ field: e.target.value })}>
              <option value="">{t('filters.all')}</option>
              {FIELDS.map((field) => (
                <option key={field} value={field}>
                  {fieldName(field)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`}>{t('filters.status')}</label>
            <select id={`${id}-status`} value={values.status} onChange={(e) => update({ status: e.target.value })}>
              <option value="">{t('filters.all')}</option>
              <option value={ATTENTION}>{t('filters.attention')}</option>
              {STATUS_ORDER.map((status) => (
                <option key={status} value={status}>
                  {t(STATUS_KEYS[status])}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-sort`}>{t('filters.sort')}</label>
            <select id={`${id}-sort`} value={query.sort} onChange={(e) => update({ sort: e.target.value === 'severity' ? null : e.target.value })}>
              <option value="severity">{t('filters.sortSeverity')}</option>
              <option value="code">{t('filters.sortCode')}</option>
            </select>
          </div>
        </div>
      </section>

      <section className="card" aria-labelledby={`${id}-results`}>
        <h2 id={`${id}-results`}>
          {t('targets.results')}
          {list.data && <span className="muted"> ({format.number(list.data.total)})</span>}
        </h2>
        {list.data && <p className="muted small">{t('numbers.asOf', { date: format.date(list.data.asOf) })}</p>}
        {list.isPending && <Loading />}
        {list.isError && <QueryError error={list.error} what={t('targets.what')} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <EmptyState>
            <p>{t('targets.empty')}</p>
          </EmptyState>
        )}
        {list.data && list.data.items.length > 0 && (
          <>
            <StatusTable items={list.data.items} caption={t('targets.results')} unitName={units.name} showComment />
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} label={t('targets.pages')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
          </>
        )}
      </section>
    </div>
  );
}
