import { AGGREGATIONS, DIRECTIONS, FIELDS, FREQUENCIES, MEASURES, type Aggregation, type Direction, type Field, type Frequency, type Measure } from '@tiendo/shared/domain';
import type { Indicator } from '@tiendo/shared/schemas/indicators';
import { useId, useState } from 'react';
import { AdminOnly } from '../../components/ui/admin-only';
import { AppLink } from '../../components/ui/app-link';
import { Dialog } from '../../components/ui/dialog';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { Localized, useFieldName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
import { QueryError } from '../../components/ui/query-error';
import { RecordForm, orNull, type FieldSpec, type RecordValues } from '../../components/ui/record-form';
import { SearchBox } from '../../components/ui/search-box';
import { useToast } from '../../components/ui/toast';
import { useCurrentUser } from '../../features/auth/current-user';
import { getIndicator } from '../../features/indicators/api/get-indicator';
import { useIndicators } from '../../features/indicators/api/get-indicators';
import { useCreateIndicator, useUpdateIndicator } from '../../features/indicators/api/save-indicator';
import { DIRECTION_KEYS, FREQUENCY_KEYS, MEASURE_KEYS } from '../../features/indicators/components/target-facts';
import { usePlanNames } from '../../features/plans/use-plan-names';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import type { PlainMessageKey } from '../../i18n/locale';
import { useI18n } from '../../i18n/use-t';
import { ApiError } from '../../lib/api-client';
import { parseLocaleNumber } from '../../lib/parse-number';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 50;
const AGGREGATION_KEYS: Record<Aggregation, PlainMessageKey> = {
  none: 'aggregation.none',
  sum: 'aggregation.sum',
  ratio: 'aggregation.ratio',
  share_done: 'aggregation.share_done',
};

/** Targets (chỉ tiêu): their definitions, with create and edit; a changed baseline or target is a revision with its reason. */
export default function AdminTargetsPage() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const me = useCurrentUser();
  const toast = useToast();
  const id = useId();
  const fieldName = useFieldName();
  const { values, update, page } = useSearchState(['q', 'plan', 'field'] as const);
  const list = useIndicators({
    q: values.q || undefined,
    plan: values.plan || undefined,
    field: (FIELDS as readonly string[]).includes(values.field) ? (values.field as Field) : undefined,
    sort: 'code',
    page,
    pageSize: PAGE_SIZE,
  });
  const units = useUnitNames();
  const plans = usePlanNames();
  const create = useCreateIndicator();
  const save = useUpdateIndicator();
  const [editing, setEditing] = useState<Indicator | 'new' | null>(null);

  const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value).replace('.', locale === 'vi' ? ',' : '.'));
  const num = (input: string | undefined, field: string): number | null => {
    const parsed = parseLocaleNumber(input ?? '', locale);
    if (parsed !== null && Number.isNaN(parsed)) throw new ApiError({ status: 400, code: 'VALIDATION_FAILED', detail: t('form.notANumber'), errors: [{ field: `/body/${field}`, message: t('form.notANumber') }] });
    return parsed;
  };
  const valuesOf = (ind: Indicator | null): RecordValues => ({
    code: ind?.code ?? '',
    nameVi: ind?.nameVi ?? '',
    nameEn: ind?.nameEn ?? '',
    planCode: ind?.planCode ?? '',
    unitCode: ind?.unitCode ?? '',
    field: ind?.field ?? 'e_government',
    measure: ind?.measure ?? 'percent',
    direction: ind?.direction ?? 'increase',
    unitLabel: ind?.unitLabel ?? '',
    frequency: ind?.frequency ?? 'yearly',
    baselineValue: text(ind?.baseline?.value),
    baselineDate: ind?.baseline?.date ?? '',
    targetValue: text(ind?.target?.value),
    targetDate: ind?.target?.period ?? ind?.target?.date ?? '',
    milestones: ind?.milestones.map((m) => `${m.date} = ${text(m.value)}`).join('; ') ?? '',
    tolerance: text(ind?.tolerance),
    dataSource: ind?.dataSource ?? '',
    weight: text(ind?.weight ?? 1),
    aggregation: ind?.aggregation ?? 'none',
    revisionReason: '',
    legalRef: '',
  });
  const options = <T extends string>(list: readonly T[], keys: Record<string, PlainMessageKey>) => list.map((value) => ({ value, label: keys[value] ? t(keys[value]) : value }));
  const fields: FieldSpec[] = [
    { name: 'code', label: t('admin.code'), required: true, createOnly: true, hint: t('admin.codeHint') },
    { name: 'nameVi', label: t('admin.nameVi'), required: true },
    { name: 'nameEn', label: t('admin.nameEn') },
    { name: 'planCode', label: t('target.plan'), kind: 'select', options: plans.plans.map((plan) => ({ value: plan.code, label: `${plans.name(plan.code)} (${plan.code})` })) },
    { name: 'unitCode', label: t('target.unit'), kind: 'select', required: true, options: units.units.map((unit) => ({ value: unit.code, label: `${units.name(unit.code)} (${unit.code})` })) },
    { name: 'field', label: t('target.field'), kind: 'select', required: true, options: FIELDS.map((field) => ({ value: field, label: fieldName(field) })) },
    { name: 'measure', label: t('target.measure'), kind: 'select', required: true, options: options(MEASURES, MEASURE_KEYS) },
    { name: 'direction', label: t('target.direction'), kind: 'select', required: true, options: options(DIRECTIONS, DIRECTION_KEYS) },
    { name: 'unitLabel', label: t('admin.unitLabel'), hint: t('admin.unitLabelHint') },
    { name: 'frequency', label: t('target.frequency'), kind: 'select', required: true, options: options(FREQUENCIES, FREQUENCY_KEYS) },
    { name: 'baselineValue', label: t('admin.baselineValue'), kind: 'number' },
    { name: 'baselineDate', label: t('admin.baselineDate'), hint: t('admin.dateOrPeriodHint') },
    { name: 'targetValue', label: t('admin.targetValue'), kind: 'number' },
    { name: 'targetDate', label: t('admin.targetDate'), hint: t('admin.dateOrPeriodHint') },
    { name: 'milestones', label: t('target.milestones'), kind: 'textarea', hint: t('admin.milestonesHint') },
    { name: 'tolerance', label: t('numbers.tolerance'), kind: 'number' },
    { name: 'weight', label: t('admin.weight'), kind: 'number' },
    { name: 'aggregation', label: t('admin.aggregation'), kind: 'select', required: true, options: options(AGGREGATIONS, AGGREGATION_KEYS) },
    { name: 'dataSource', label: t('target.dataSource') },
    { name: 'revisionReason', label: t('admin.revisionReason'), kind: 'textarea', editOnly: true, hint: t('admin.revisionReasonHint') },
    { name: 'legalRef', label: t('admin.legalRef'), editOnly: true },
  ];

  const parseMilestones = (input: string | undefined) =>
    (input ?? '')
      .split(/[;\n]/)
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const match = /^(\d{4}-\d{2}-\d{2})\s*[=:]\s*(.+)$/.exec(part);
        const value = match ? parseLocaleNumber(match[2]!, locale) : null;
        if (!match || value === null || Number.isNaN(value)) {
          throw new ApiError({ status: 400, code: 'VALIDATION_FAILED', detail: t('admin.milestonesInvalid', { part }), errors: [{ field: '/body/milestones', message: t('admin.milestonesInvalid', { part }) }] });
        }
        return { date: match[1]!, value };
      });

  const onSubmit = async (v: RecordValues, { overrideVersion }: { overrideVersion: number | null }) => {
    const body = {
      nameVi: v.nameVi!.trim(),
      nameEn: orNull(v.nameEn),
      planCode: orNull(v.planCode),
      unitCode: v.unitCode!,
      field: v.field as Field,
      measure: v.measure as Measure,
      direction: v.direction as Direction,
      unitLabel: orNull(v.unitLabel),
      frequency: v.frequency as Frequency,
      baselineValue: num(v.baselineValue, 'baselineValue'),
      baselineDate: orNull(v.baselineDate),
      targetValue: num(v.targetValue, 'targetValue'),
      targetDate: orNull(v.targetDate),
      milestones: parseMilestones(v.milestones),
      tolerance: num(v.tolerance, 'tolerance'),
      weight: num(v.weight, 'weight') ?? 1,
      aggregation: v.aggregation as Aggregation,
      dataSource: orNull(v.dataSource),
    };
    if (editing === 'new') {
      await create.mutateAsync({ code: v.code!.trim(), ...body });
    } else if (editing) {
      const reason = orNull(v.revisionReason);
      const legalRef = orNull(v.legalRef);
      await save.mutateAsync({
        code: editing.code,
        body: { version: overrideVersion ?? editing.version, ...body, ...(reason ? { revisionReason: reason } : {}), ...(legalRef ? { legalRef } : {}) },
      });
    }
    toast.show(t('admin.saved'));
    setEditing(null);
  };

  if (me.role !== 'admin') return <AdminOnly title={t('nav.adminTargets')} />;
  return (
    <div className="page">
      <PageHeader
        title={t('nav.adminTargets')}
        actions={
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {t('admin.newTarget')}
          </button>
        }
      />
      <section className="card filters" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`}>{t('filters.title')}</h2>
        <div className="filter-row">
          <SearchBox label={t('admin.search')} value={values.q} onSearch={(q) => update({ q })} />
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
        </div>
      </section>
      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>
          {t('nav.adminTargets')}
          {list.data && <span className="muted"> ({format.number(list.data.total)})</span>}
        </h2>
        {list.isPending && <Loading />}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <EmptyState>
            <p>{t('admin.empty')}</p>
          </EmptyState>
        )}
        {list.data && list.data.items.length > 0 && (
          <>
            <div className="table-wrap">
              <table className="data-table responsive-table">
                <caption className="visually-hidden">{t('nav.adminTargets')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.name')}</th>
                    <th scope="col">{t('target.unit')}</th>
                    <th scope="col">{t('target.field')}</th>
                    <th scope="col">{t('target.target')}</th>
                    <th scope="col">{t('admin.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((ind) => (
                    <tr key={ind.code}>
                      <th scope="row" data-label={t('admin.name')}>
                        <AppLink to={`/targets/${encodeURIComponent(ind.code)}`}>
                          <Localized vi={ind.nameVi} en={ind.nameEn} />
                        </AppLink>
                        <span className="muted small"> {ind.code}</span>
                      </th>
                      <td data-label={t('target.unit')}>{units.name(ind.unitCode)}</td>
                      <td data-label={t('target.field')}>{fieldName(ind.field)}</td>
                      <td data-label={t('target.target')}>{ind.target ? `${format.number(ind.target.value, 4)} · ${format.date(ind.target.date)}` : '—'}</td>
                      <td data-label={t('admin.actions')}>
                        <button type="button" className="button button-secondary button-small" onClick={() => setEditing(ind)}>
                          {t('admin.edit')}
                          <span className="visually-hidden"> {ind.code}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} label={t('nav.adminTargets')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
          </>
        )}
      </section>
      <Dialog open={editing !== null} title={editing === 'new' ? t('admin.newTarget') : t('admin.editTarget', { code: editing?.code ?? '' })} onClose={() => setEditing(null)} wide>
        <RecordForm
          key={editing === 'new' ? 'new' : editing?.code}
          fields={fields}
          initial={valuesOf(editing === 'new' ? null : editing)}
          mode={editing === 'new' ? 'create' : 'edit'}
          submitLabel={t('admin.save')}
          onSubmit={onSubmit}
          onReload={
            editing && editing !== 'new'
              ? async () => {
                  const fresh = await getIndicator(editing.code);
                  setEditing(fresh);
                  return valuesOf(fresh);
                }
              : undefined
          }
          onCancel={() => setEditing(null)}
        />
      </Dialog>
    </div>
  );
}
