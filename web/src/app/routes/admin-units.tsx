import { UNIT_TYPES, type UnitType } from '@tiendo/shared/domain';
import type { Unit } from '@tiendo/shared/schemas/units';
import { useId, useState } from 'react';
import { FilterSelect } from '../../components/ui/filter-select';
import { Localized } from '../../components/ui/localized';
import { AdminPage } from '../../components/ui/admin-page';
import { DataTable, ListCard } from '../../components/ui/list-card';
import { EditCell, RecordDialog } from '../../components/ui/record-dialog';
import { orNull, type FieldSpec, type RecordValues } from '../../components/ui/record-form';
import { SearchBox } from '../../components/ui/search-box';
import { useToast } from '../../components/ui/toast';
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
    { name: 'parentCode', label: t('admin.parent'), kind: 'select', options: names.scoped.map((unit) => ({ value: unit.code, label: `${names.name(unit.code)} (${unit.code})` })) },
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

  return (
    <AdminPage
      title={t('nav.units')}
      newLabel={t('admin.newUnit')}
      onNew={() => setEditing('new')}
      filters={
        <>
              <SearchBox label={t('admin.search')} value={values.q} onSearch={(q) => update({ q })} />
              <FilterSelect id={`${id}-type`} label={t('admin.unitType')} value={values.type} onChange={(type) => update({ type })} allLabel={t('filters.all')} options={UNIT_TYPES.map((type) => ({ value: type, label: t(UNIT_TYPE_KEYS[type]) }))} />
        </>
      }
    >
      <ListCard
        title={t('nav.units')}
        query={list}
        empty={t('admin.empty')}
        pagination={{ page, pageSize: PAGE_SIZE, label: t('nav.units'), onPage: (next) => update({ page: String(next) }, { resetPage: false }) }}
      >
        {(items) => (
          <DataTable
            caption={t('nav.units')}
            columns={[{ label: t('admin.name') }, { label: t('admin.code') }, { label: t('admin.unitType') }, { label: t('admin.parent') }, { label: t('admin.validity') }, { label: t('admin.actions') }]}
          >
            {items.map((unit) => (
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
                <EditCell name={unit.code} onEdit={() => setEditing(unit)} />
              </tr>
            ))}
          </DataTable>
        )}
      </ListCard>
      <RecordDialog
        editing={editing}
        setEditing={setEditing}
        newTitle={t('admin.newUnit')}
        editTitle={(unit) => t('admin.editUnit', { code: unit?.code ?? '' })}
        keyOf={(unit) => unit.code}
        valuesOf={valuesOf}
        reload={(unit) => getUnit(unit.code)}
        fields={fields}
        submitLabel={t('admin.save')}
        onSubmit={onSubmit}
      />
    </AdminPage>
  );
}
