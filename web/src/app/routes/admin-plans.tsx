import { PLAN_KINDS, type PlanKind } from '@tiendo/shared/domain';
import type { Plan } from '@tiendo/shared/schemas/plans';
import { useState } from 'react';
import { AdminPage } from '../../components/ui/admin-page';
import { AppLink } from '../../components/ui/app-link';
import { Localized } from '../../components/ui/localized';
import { DataTable, ListCard } from '../../components/ui/list-card';
import { EditCell, RecordDialog } from '../../components/ui/record-dialog';
import { orNull, type FieldSpec, type RecordValues } from '../../components/ui/record-form';
import { SearchBox } from '../../components/ui/search-box';
import { useToast } from '../../components/ui/toast';
import { getPlan } from '../../features/plans/api/get-plan';
import { usePlans } from '../../features/plans/api/get-plans';
import { useCreatePlan, useUpdatePlan } from '../../features/plans/api/save-plan';
import { PLAN_KIND_KEYS } from '../../features/plans/plan-kinds';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/use-t';
import { parseLocaleNumber } from '../../lib/parse-number';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 50;

/** Plans (kế hoạch, chương trình, đề án...), with create and edit (administrators). */
export default function AdminPlansPage() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const toast = useToast();
  const { values, update, page } = useSearchState(['q'] as const);
  const list = usePlans({ q: values.q || undefined, sort: 'code', page, pageSize: PAGE_SIZE });
  const names = useUnitNames();
  const create = useCreatePlan();
  const save = useUpdatePlan();
  const [editing, setEditing] = useState<Plan | 'new' | null>(null);
  const num = (text: string | undefined) => {
    const parsed = parseLocaleNumber(text ?? '', locale);
    return parsed === null || Number.isNaN(parsed) ? null : parsed;
  };
  const text = (value: number | null | undefined) => (value === null || value === undefined ? '' : String(value).replace('.', locale === 'vi' ? ',' : '.'));

  const valuesOf = (plan: Plan | null): RecordValues => ({
    code: plan?.code ?? '',
    titleVi: plan?.titleVi ?? '',
    titleEn: plan?.titleEn ?? '',
    kind: plan?.kind ?? 'plan',
    documentRef: plan?.documentRef ?? '',
    issuedOn: plan?.issuedOn ?? '',
    issuingBody: plan?.issuingBody ?? '',
    periodStart: plan?.periodStart ?? '',
    periodEnd: plan?.periodEnd ?? '',
    ownerUnitCode: plan?.ownerUnitCode ?? '',
    provinceCode: plan?.provinceCode ?? '',
    onTrackThreshold: text(plan?.thresholds.onTrack ?? null),
    atRiskThreshold: text(plan?.thresholds.atRisk ?? null),
    graceDays: plan ? String(plan.graceDays) : '15',
    source: plan?.source ?? '',
  });
  const unitOptions = names.scoped.map((unit) => ({ value: unit.code, label: `${names.name(unit.code)} (${unit.code})` }));
  const fields: FieldSpec[] = [
    { name: 'code', label: t('admin.code'), required: true, createOnly: true, hint: t('admin.codeHint') },
    { name: 'titleVi', label: t('admin.titleVi'), required: true },
    { name: 'titleEn', label: t('admin.titleEn') },
    { name: 'kind', label: t('admin.planKind'), kind: 'select', required: true, options: PLAN_KINDS.map((kind) => ({ value: kind, label: t(PLAN_KIND_KEYS[kind]) })) },
    { name: 'documentRef', label: t('admin.documentRef'), hint: t('admin.documentRefHint') },
    { name: 'issuedOn', label: t('plan.issuedOn'), kind: 'date' },
    { name: 'issuingBody', label: t('plan.issuingBody') },
    { name: 'periodStart', label: t('admin.periodStart'), hint: t('report.periodHint') },
    { name: 'periodEnd', label: t('admin.periodEnd'), hint: t('report.periodHint') },
    { name: 'ownerUnitCode', label: t('plan.owner'), kind: 'select', options: unitOptions },
    { name: 'provinceCode', label: t('admin.province'), kind: 'select', options: unitOptions },
    { name: 'onTrackThreshold', label: t('admin.onTrackThreshold'), kind: 'number', hint: t('admin.thresholdHint') },
    { name: 'atRiskThreshold', label: t('admin.atRiskThreshold'), kind: 'number' },
    { name: 'graceDays', label: t('admin.graceDays'), kind: 'number' },
    { name: 'source', label: t('report.source'), kind: 'textarea' },
  ];

  const onSubmit = async (v: RecordValues, { overrideVersion }: { overrideVersion: number | null }) => {
    const body = {
      titleVi: v.titleVi!.trim(),
      titleEn: orNull(v.titleEn),
      kind: v.kind as PlanKind,
      documentRef: orNull(v.documentRef),
      issuedOn: orNull(v.issuedOn),
      issuingBody: orNull(v.issuingBody),
      periodStart: orNull(v.periodStart),
      periodEnd: orNull(v.periodEnd),
      ownerUnitCode: orNull(v.ownerUnitCode),
      provinceCode: orNull(v.provinceCode),
      onTrackThreshold: num(v.onTrackThreshold),
      atRiskThreshold: num(v.atRiskThreshold),
      graceDays: num(v.graceDays) ?? 15,
      source: orNull(v.source),
    };
    if (editing === 'new') await create.mutateAsync({ code: v.code!.trim(), ...body });
    else if (editing) await save.mutateAsync({ code: editing.code, body: { version: overrideVersion ?? editing.version, ...body } });
    toast.show(t('admin.saved'));
    setEditing(null);
  };

  return (
    <AdminPage
      title={t('nav.plans')}
      newLabel={t('admin.newPlan')}
      onNew={() => setEditing('new')}
      filters={
        <>
              <SearchBox label={t('admin.search')} value={values.q} onSearch={(q) => update({ q })} />
        </>
      }
    >
      <ListCard
        title={t('nav.plans')}
        query={list}
        empty={t('admin.empty')}
        pagination={{ page, pageSize: PAGE_SIZE, label: t('nav.plans'), onPage: (next) => update({ page: String(next) }, { resetPage: false }) }}
      >
        {(items) => (
          <DataTable
            caption={t('nav.plans')}
            columns={[{ label: t('admin.titleVi') }, { label: t('admin.code') }, { label: t('admin.planKind') }, { label: t('plan.owner') }, { label: t('plan.targets'), className: 'numeric' }, { label: t('admin.actions') }]}
          >
            {items.map((plan) => (
              <tr key={plan.code}>
                <th scope="row" data-label={t('admin.titleVi')}>
                  <AppLink to={`/plans/${encodeURIComponent(plan.code)}`}>
                    <Localized vi={plan.titleVi} en={plan.titleEn} />
                  </AppLink>
                  {plan.documentRef && <span className="muted small"> {plan.documentRef}</span>}
                </th>
                <td data-label={t('admin.code')}>
                  <code>{plan.code}</code>
                </td>
                <td data-label={t('admin.planKind')}>{t(PLAN_KIND_KEYS[plan.kind])}</td>
                <td data-label={t('plan.owner')}>{plan.ownerUnitCode ? names.name(plan.ownerUnitCode) : '—'}</td>
                <td data-label={t('plan.targets')} className="numeric">
                  {format.number(plan.indicatorCount)}
                </td>
                <EditCell name={plan.code} onEdit={() => setEditing(plan)} />
              </tr>
            ))}
          </DataTable>
        )}
      </ListCard>
      <RecordDialog
        editing={editing}
        setEditing={setEditing}
        newTitle={t('admin.newPlan')}
        editTitle={(plan) => t('admin.editPlan', { code: plan?.code ?? '' })}
        keyOf={(plan) => plan.code}
        valuesOf={valuesOf}
        reload={(plan) => getPlan(plan.code)}
        fields={fields}
        submitLabel={t('admin.save')}
        onSubmit={onSubmit}
      />
    </AdminPage>
  );
}
