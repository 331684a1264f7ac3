import { FIELDS } from '@tiendo/shared/domain';
import { isPeriodKey } from '@tiendo/shared/periods';
import { OBSERVATION_STATES, type ObservationState } from '@tiendo/shared/roles';
import type { ObservationListQuery } from '@tiendo/shared/schemas/observations';
import { useId, useState, type FormEvent } from 'react';
import { AppLink } from '../../components/ui/app-link';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { Localized, useFieldName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
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
    update({ q: text.trim(), period: period.trim() });
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
              <label htmlFor={`${id}-state`}>{t('todo.state')}</label>
              <select id={`${id}-state`} value={values.state} onChange={(e) => update({ state: e.target.value })}>
                <option value="">{t('filters.all')}</option>
                {OBSERVATION_STATES.map((state) => (
                  <option key={state} value={state}>
                    {stateName(state)}
                  </option>
                ))}
              </select>
            </div>
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

      <section className="card" aria-labelledby={`${id}-results`}>
        <h2 id={`${id}-results`}>
          {t('records.results')}
          {records.data && <span className="muted"> ({format.number(records.data.total)})</span>}
        </h2>
        {values.indicator && (
          <p>
            {t('records.filteredTo', { code: values.indicator })}{' '}
            <button type="button" className="button button-link" onClick={() => update({ indicator: null })}>
              {t('filters.clear')}
            </button>
          </p>
        )}
        {records.isPending && <Loading />}
        {records.isError && <QueryError error={records.error} what={t('records.what')} onRetry={() => void records.refetch()} />}
        {records.data && records.data.items.length === 0 && (
          <EmptyState>
            <p>{t('records.empty')}</p>
          </EmptyState>
        )}
        {records.data && records.data.items.length > 0 && (
          <>
            <div className="table-wrap">
              <table className="data-table responsive-table">
                <caption className="visually-hidden">{t('records.results')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('records.record')}</th>
                    <th scope="col">{t('todo.target')}</th>
                    <th scope="col">{t('report.period')}</th>
                    <th scope="col">{t('observation.value')}</th>
                    <th scope="col">{t('todo.state')}</th>
                    <th scope="col">{t('observation.lastChange')}</th>
                  </tr>
                </thead>
                <tbody>
                  {records.data.items.map((o) => (
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
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageSize={PAGE_SIZE} total={records.data.total} label={t('records.pages')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
          </>
        )}
      </section>
    </div>
  );
}
