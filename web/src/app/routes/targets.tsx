import { FIELDS } from '@tiendo/shared/domain';
import type { IndicatorStatusListQuery } from '@tiendo/shared/schemas/status';
import { useId } from 'react';
import { FilterSelect } from '../../components/ui/filter-select';
import { ListCard } from '../../components/ui/list-card';
import { useFieldName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { SearchBox } from '../../components/ui/search-box';
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
  const { values, update, page } = useSearchState(['q', 'under', 'plan', 'field', 'status', 'sort'] as const);
  const query: IndicatorStatusListQuery = {
    ...(values.q.trim() ? { q: values.q.trim() } : {}),
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
        <SearchBox label={t('targets.q')} hint={t('targets.qHint')} value={values.q} onSearch={(q) => update({ q })} />
        <div className="filter-row">
          <FilterSelect id={`${id}-under`} label={t('filters.unit')} value={query.under!} onChange={(under) => update({ under: under === user.unit.code ? null : under })} options={(units.scoped.length ? units.scoped : [{ code: user.unit.code }]).map((unit) => ({ value: unit.code, label: units.name(unit.code) }))} />
          <FilterSelect id={`${id}-plan`} label={t('filters.plan')} value={values.plan} onChange={(plan) => update({ plan })} allLabel={t('filters.all')} options={plans.plans.map((plan) => ({ value: plan.code, label: plans.name(plan.code) }))} />
          <FilterSelect id={`${id}-field`} label={t('filters.field')} value={values.field} onChange={(field) => update({ field })} allLabel={t('filters.all')} options={FIELDS.map((field) => ({ value: field, label: fieldName(field) }))} />
          <FilterSelect
            id={`${id}-status`}
            label={t('filters.status')}
            value={values.status}
            onChange={(status) => update({ status })}
            allLabel={t('filters.all')}
            options={[{ value: ATTENTION, label: t('filters.attention') }, ...STATUS_ORDER.map((status) => ({ value: status, label: t(STATUS_KEYS[status]) }))]}
          />
          <FilterSelect id={`${id}-sort`} label={t('filters.sort')} value={query.sort!} onChange={(sort) => update({ sort: sort === 'severity' ? null : sort })} options={[{ value: 'severity', label: t('filters.sortSeverity') }, { value: 'code', label: t('filters.sortCode') }]} />
        </div>
      </section>

      <ListCard
        title={t('targets.results')}
        query={list}
        what={t('targets.what')}
        empty={t('targets.empty')}
        pagination={{ page, pageSize: PAGE_SIZE, label: t('targets.pages'), onPage: (next) => update({ page: String(next) }, { resetPage: false }) }}
        intro={list.data && <p className="muted small">{t('numbers.asOf', { date: format.date(list.data.asOf) })}</p>}
      >
        {(items) => <StatusTable items={items} caption={t('targets.results')} unitName={units.name} showComment />}
      </ListCard>
    </div>
  );
}
