import { AGGREGATIONS, DIRECTIONS, FIELDS, FREQUENCIES, MEASURES, type Aggregation, type Direction, type Field, type Frequency, type Measure } from '@tiendo/shared/domain';
import type { Indicator } from '@tiendo/shared/schemas/indicators';
import { useId, useState } from 'react';
import { AdminPage } from '../../components/ui/admin-page';
import { AppLink } from '../../components/ui/app-link';
import { Localized, useFieldName } from '../../components/ui/localized';
import { FilterSelect } from '../../components/ui/filter-select';
import { DataTable, ListCard } from '../../components/ui/list-card';
import { EditCell, RecordDialog } from '../../components/ui/record-dialog';
import { orNull, type FieldSpec, type RecordValues } from '../../components/ui/record-form';
import { SearchBox } from '../../components/ui/search-box';
import { useToast } from '../../components/ui/toast';
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
    { name: 'unitCode', label: t('target.unit'), kind: 'select', required: true, options: units.scoped.map((unit) => ({ value: unit.code, label: `${units.name(unit.code)} (${unit.code})` })) },
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

  return (
    <AdminPage
      title={t('nav.adminTargets')}
      newLabel={t('admin.newTarget')}
      onNew={() => setEditing('new')}
      filters={
        <>
              <SearchBox label={t('admin.search')} value={values.q} onSearch={(q) => update({ q })} />
              <FilterSelect id={`${id}-plan`} label={t('filters.plan')} value={values.plan} onChange={(plan) => update({ plan })} allLabel={t('filters.all')} options={plans.plans.map((plan) => ({ value: plan.code, label: plans.name(plan.code) }))} />
              <FilterSelect id={`${id}-field`} label={t('filters.field')} value={values.field} onChange={(field) => update({ field })} allLabel={t('filters.all')} options={FIELDS.map((field) => ({ value: field, label: fieldName(field) }))} />
        </>
      }
    >
      <ListCard
        title={t('nav.adminTargets')}
        query={list}
        empty={t('admin.empty')}
        pagination={{ page, pageSize: PAGE_SIZE, label: t('nav.adminTargets'), onPage: (next) => update({ page: String(next) }, { resetPage: false }) }}
      >
        {(items) => (
          <DataTable caption={t('nav.adminTargets')} columns={[{ label: t('admin.name') }, { label: t('target.unit') }, { label: t('target.field') }, { label: t('target.target') }, { label: t('admin.actions') }]}>
            {items.map((ind) => (
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
                <EditCell name={ind.code} onEdit={() => setEditing(ind)} />
              </tr>
            ))}
          </DataTable>
        )}
      </ListCard>
      <RecordDialog
        editing={editing}
        setEditing={setEditing}
        newTitle={t('admin.newTarget')}
        editTitle={(ind) => t('admin.editTarget', { code: ind?.code ?? '' })}
        keyOf={(ind) => ind.code}
        valuesOf={valuesOf}
        reload={(ind) => getIndicator(ind.code)}
        fields={fields}
        submitLabel={t('admin.save')}
        onSubmit={onSubmit}
      />
    </AdminPage>
  );
}
