import { UNIT_TYPES, type UnitType } from '@tiendo/shared/domain';
import type { Unit } from '@tiendo/shared/schemas/units';
import { useId, useState } from 'react';
import { Dialog } from '../../components/ui/dialog';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { Localized } from '../../components/ui/localized';
import { AdminOnly } from '../../components/ui/admin-only';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
import { QueryError } from '../../components/ui/query-error';
import { RecordForm, orNull, type FieldSpec, type RecordValues } from '../../components/ui/record-form';
import { SearchBox } from '../../components/ui/search-box';
import { useToast } from '../../components/ui/toast';
import { useCurrentUser } from '../../features/auth/current-user';
import { getUnit } from '../../features/units/api/get-unit';
import { useUnits } from '../../features/units/api/get-units';
import { useCreateUnit, useUpdateUnit } from '../../features/units/api/save-unit';
import { UNIT_TYPE_KEYS } from '../../features/units/unit-types';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/use-t';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 50;

const valuesOf = (unit: Unit | null): RecordValues => ({
  code: unit?.code ?? '',
  nameVi: unit?.nameVi ?? '',
  nameEn: unit?.nameEn ?? '',
  type: unit?.type ?? 'department',
  parentCode: unit?.parentCode ?? '',
  validFrom: unit?.validFrom ?? '',
  validTo: unit?.validTo ?? '',
});

/** Units: the tree of the province, with create and edit (administrators). */
export default function AdminUnitsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const toast = useToast();
  const id = useId();
  const { values, update, page } = useSearchState(['q', 'type'] as const);
  const list = useUnits({ q: values.q || undefined, type: (UNIT_TYPES as readonly string[]).includes(values.type) ? (values.type as UnitType) : undefined, sort: 'name', page, pageSize: PAGE_SIZE });
  const names = useUnitNames();
  const create = useCreateUnit();
  const save = useUpdateUnit();
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);

  const fields: FieldSpec[] = [
    { name: 'code', label: t('admin.code'), required: true, createOnly: true, hint: t('admin.codeHint') },
    { name: 'nameVi', label: t('admin.nameVi'), required: true },
    { name: 'nameEn', label: t('admin.nameEn') },
    { name: 'type', label: t('admin.unitType'), kind: 'select', required: true, options: UNIT_TYPES.map((type) => ({ value: type, label: t(UNIT_TYPE_KEYS[type]) })) },
    { name: 'parentCode', label: t('admin.parent'), kind: 'select', options: names.units.map((unit) => ({ value: unit.code, label: `${names.name(unit.code)} (${unit.code})` })) },
    { name: 'validFrom', label: t('admin.validFrom'), kind: 'date' },
    { name: 'validTo', label: t('admin.validTo'), kind: 'date' },
  ];

  const onSubmit = async (v: RecordValues, { overrideVersion }: { overrideVersion: number | null }) => {
    const body = {
      nameVi: v.nameVi!.trim(),
      nameEn: orNull(v.nameEn),
      type: v.type as UnitType,
      parentCode: orNull(v.parentCode),
      validFrom: orNull(v.validFrom),
      validTo: orNull(v.validTo),
    };
    if (editing === 'new') await create.mutateAsync({ code: v.code!.trim(), ...body });
    else if (editing) await save.mutateAsync({ code: editing.code, body: { version: overrideVersion ?? editing.version, ...body } });
    toast.show(t('admin.saved'));
    setEditing(null);
  };

  if (user.role !== 'admin') return <AdminOnly title={t('nav.units')} />;
  return (
    <div className="page">
      <PageHeader
        title={t('nav.units')}
        actions={
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            {t('admin.newUnit')}
          </button>
        }
      />
      <section className="card filters" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`}>{t('filters.title')}</h2>
        <div className="filter-row">
          <SearchBox label={t('admin.search')} value={values.q} onSearch={(q) => update({ q })} />
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('admin.unitType')}</label>
            <select id={`${id}-type`} value={values.type} onChange={(e) => update({ type: e.target.value })}>
              <option value="">{t('filters.all')}</option>
              {UNIT_TYPES.map((type) => (
                <option key={type} value={type}>
                  {t(UNIT_TYPE_KEYS[type])}
                </option>
              ))}
            </select>
          </div>
        </div>
      </section>
      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>
          {t('nav.units')}
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
                <caption className="visually-hidden">{t('nav.units')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('admin.name')}</th>
                    <th scope="col">{t('admin.code')}</th>
                    <th scope="col">{t('admin.unitType')}</th>
                    <th scope="col">{t('admin.parent')}</th>
                    <th scope="col">{t('admin.validity')}</th>
                    <th scope="col">{t('admin.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((unit) => (
                    <tr key={unit.code}>
                      <th scope="row" data-label={t('admin.name')}>
                        <Localized vi={unit.nameVi} en={unit.nameEn} />
                      </th>
                      <td data-label={t('admin.code')}>
                        <code>{unit.code}</code>
                      </td>
                      <td data-label={t('admin.unitType')}>{t(UNIT_TYPE_KEYS[unit.type])}</td>
                      <td data-label={t('admin.parent')}>{unit.parentCode ? names.name(unit.parentCode) : '—'}</td>
                      <td data-label={t('admin.validity')}>
                        {unit.active ? t('admin.active') : t('admin.inactive')}
                        {(unit.validFrom || unit.validTo) && (
                          <span className="muted small">
                            {' '}
                            ({format.date(unit.validFrom)} – {format.date(unit.validTo)})
                          </span>
                        )}
                      </td>
                      <td data-label={t('admin.actions')}>
                        <button type="button" className="button button-secondary button-small" onClick={() => setEditing(unit)}>
                          {t('admin.edit')}
                          <span className="visually-hidden"> {unit.code}</span>
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} label={t('nav.units')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
          </>
        )}
      </section>
      <Dialog open={editing !== null} title={editing === 'new' ? t('admin.newUnit') : t('admin.editUnit', { code: editing?.code ?? '' })} onClose={() => setEditing(null)} wide>
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
                  const fresh = await getUnit(editing.code);
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
