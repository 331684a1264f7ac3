import { FIELDS } from '@tiendo/shared/domain';
import { isPeriodKey } from '@tiendo/shared/periods';
import { OBSERVATION_STATES, type ObservationState } from '@tiendo/shared/roles';
import type { ObservationListQuery } from '@tiendo/shared/schemas/observations';
import { useId, useState, type FormEvent } from 'react';
import { AppLink } from '../../components/ui/app-link';
import { FilterSelect } from '../../components/ui/filter-select';
import { DataTable, ListCard } from '../../components/ui/list-card';
import { Loading } from '../../components/ui/loading';
import { Localized, useFieldName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { ObservationStateBadge, useObservationStateName } from '../../components/ui/state-badge';
import { useCurrentUser } from '../../features/auth/current-user';
import { exportLink } from '../../features/exports/export-link';
import { useIndicators } from '../../features/indicators/api/get-indicators';
import { useObservations } from '../../features/observations/api/get-observations';
import { ObservationValue } from '../../features/observations/components/observation-value';
import { usePlanNames } from '../../features/plans/use-plan-names';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { useI18n } from '../../i18n/use-t';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 50;

/** Search every report in scope by target, unit, plan, field, period and state; each opens with its full history. */
export default function RecordsPage() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const fieldName = useFieldName();
  const stateName = useObservationStateName();
  const units = useUnitNames();
  const plans = usePlanNames();
  const { values, update, page } = useSearchState(['q', 'indicator', 'under', 'plan', 'field', 'period', 'state', 'superseded'] as const);
  const [text, setText] = useState(values.q);
  const [period, setPeriod] = useState(values.period);
  // The boxes follow the address when it changes by other means (Back, Forward, a link).
  const [shown, setShown] = useState({ q: values.q, period: values.period });
  if (shown.q !== values.q || shown.period !== values.period) {
    setShown({ q: values.q, period: values.period });
    setText(values.q);
    setPeriod(values.period);
  }
  const periodValid = period === '' || isPeriodKey(period.trim());

  const targets = useIndicators({ q: values.q, under: values.under || undefined, pageSize: 20, sort: 'code' }, { enabled: values.q.trim().length > 0 });
  const query: ObservationListQuery = {
    indicator: values.indicator || undefined,
    under: values.under || user.unit.code,
    plan: values.plan || undefined,
    field: values.field || undefined,
    period: values.period || undefined,
    state: (OBSERVATION_STATES as readonly string[]).includes(values.state) ? (values.state as ObservationState) : undefined,
    includeSuperseded: values.superseded === '1' ? true : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const records = useObservations(query);

  const onSearch = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!periodValid) return;
    const next = { q: text.trim(), period: period.trim() };
    // What the boxes now show: an address that differs from it (Back, even before this search's
    // page has rendered) refills them.
    setShown(next);
    update(next);
  };

  return (
    <div className="page">
      <PageHeader
        title={t('records.title')}
        lead={<p>{t('records.lead')}</p>}
        actions={
          (user.role === 'auditor' || user.role === 'admin') && (
            <AppLink className="button button-secondary" to={exportLink('observations', { under: query.under, plan: values.plan, field: values.field, period: values.period })}>
              {t('exports.exportThese')}
            </AppLink>
          )
        }
      />

      <section className="card filters" aria-labelledby={`${id}-search`}>
        <h2 id={`${id}-search`}>{t('records.search')}</h2>
        <form role="search" className="stack" onSubmit={onSearch} aria-labelledby={`${id}-search`}>
          <div className="filter-row">
            <div className="field field-grow">
              <label htmlFor={`${id}-q`}>{t('records.q')}</label>
              <input id={`${id}-q`} type="search" value={text} onChange={(e) => setText(e.target.value)} aria-describedby={`${id}-q-hint`} />
              <p id={`${id}-q-hint`} className="hint">
                {t('records.qHint')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-period`}>{t('report.period')}</label>
              <input
                id={`${id}-period`}
                type="text"
                value={period}
                onChange={(e) => setPeriod(e.target.value)}
                aria-invalid={periodValid ? undefined : true}
                aria-describedby={`${id}-period-hint`}
              />
              <p id={`${id}-period-hint`} className={periodValid ? 'hint' : 'field-error'}>
                {periodValid ? t('report.periodHint') : t('report.periodInvalid')}
              </p>
            </div>
          </div>
          <div className="filter-row">
            <FilterSelect id={`${id}-under`} label={t('filters.unit')} value={query.under!} onChange={(under) => update({ under: under === user.unit.code ? null : under })} options={(units.scoped.length ? units.scoped : [{ code: user.unit.code }]).map((unit) => ({ value: unit.code, label: units.name(unit.code) }))} />
            <FilterSelect id={`${id}-plan`} label={t('filters.plan')} value={values.plan} onChange={(plan) => update({ plan })} allLabel={t('filters.all')} options={plans.plans.map((plan) => ({ value: plan.code, label: plans.name(plan.code) }))} />
            <FilterSelect id={`${id}-field`} label={t('filters.field')} value={values.field} onChange={(field) => update({ field })} allLabel={t('filters.all')} options={FIELDS.map((field) => ({ value: field, label: fieldName(field) }))} />
            <FilterSelect id={`${id}-state`} label={t('todo.state')} value={values.state} onChange={(state) => update({ state })} allLabel={t('filters.all')} options={OBSERVATION_STATES.map((state) => ({ value: state, label: stateName(state) }))} />
            <div className="field field-check">
              <input id={`${id}-superseded`} type="checkbox" checked={values.superseded === '1'} onChange={(e) => update({ superseded: e.target.checked ? '1' : null })} />
              <label htmlFor={`${id}-superseded`}>{t('records.includeSuperseded')}</label>
            </div>
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary">
              {t('records.searchButton')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setText('');
                setPeriod('');
                update({ q: null, indicator: null, under: null, plan: null, field: null, period: null, state: null, superseded: null });
              }}
            >
              {t('filters.clear')}
            </button>
          </div>
        </form>
      </section>

      {values.q && (
        <section className="card" aria-labelledby={`${id}-targets`}>
          <h2 id={`${id}-targets`}>{t('records.matchingTargets', { q: values.q })}</h2>
          {targets.isPending && <Loading />}
          {targets.isError && <QueryError error={targets.error} onRetry={() => void targets.refetch()} />}
          {targets.data && targets.data.items.length === 0 && <p className="muted">{t('records.noTargets')}</p>}
          {targets.data && targets.data.items.length > 0 && (
            <ul className="target-matches">
              {targets.data.items.map((indicator) => (
                <li key={indicator.code}>
                  <AppLink to={`/targets/${encodeURIComponent(indicator.code)}`}>
                    <Localized vi={indicator.nameVi} en={indicator.nameEn} />
                  </AppLink>{' '}
                  <span className="muted small">{indicator.code}</span>{' '}
                  <button type="button" className="button button-link" aria-pressed={values.indicator === indicator.code} onClick={() => update({ indicator: values.indicator === indicator.code ? null : indicator.code })}>
                    {values.indicator === indicator.code ? t('records.allReports') : t('records.onlyThis')}
                    <span className="visually-hidden"> {indicator.code}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}

      <ListCard
        title={t('records.results')}
        query={records}
        what={t('records.what')}
        empty={t('records.empty')}
        pagination={{ page, pageSize: PAGE_SIZE, label: t('records.pages'), onPage: (next) => update({ page: String(next) }, { resetPage: false }) }}
        intro={
          values.indicator && (
            <p>
              {t('records.filteredTo', { code: values.indicator })}{' '}
              <button type="button" className="button button-link" onClick={() => update({ indicator: null })}>
                {t('filters.clear')}
              </button>
            </p>
          )
        }
      >
        {(items) => (
          <DataTable
            caption={t('records.results')}
            columns={[{ label: t('records.record') }, { label: t('todo.target') }, { label: t('report.period') }, { label: t('observation.value') }, { label: t('todo.state') }, { label: t('observation.lastChange') }]}
          >
            {items.map((o) => (
              <tr key={o.id}>
                <th scope="row" data-label={t('records.record')}>
                  <AppLink to={`/observations/${o.id}`}>
                    #{o.id} · {t('report.version', { version: o.versionNo })}
                  </AppLink>
                </th>
                <td data-label={t('todo.target')}>
                  <AppLink to={`/targets/${encodeURIComponent(o.indicatorCode)}`}>{o.indicatorCode}</AppLink>
                  <span className="muted small"> {units.name(o.unitCode)}</span>
                </td>
                <td data-label={t('report.period')}>{periodLabel(o.period, locale)}</td>
                <td data-label={t('observation.value')}>
                  <ObservationValue observation={o} />
                </td>
                <td data-label={t('todo.state')}>
                  <ObservationStateBadge state={o.state} superseded={Boolean(o.supersededAt)} />
                </td>
                <td data-label={t('observation.lastChange')}>{format.dateTime(o.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListCard>
    </div>
  );
}
