import { ROLES, type Role } from '@tiendo/shared/roles';
import type { User } from '@tiendo/shared/schemas/users';
import { useId, useState } from 'react';
import { AdminPage } from '../../components/ui/admin-page';
import { FilterSelect } from '../../components/ui/filter-select';
import { DataTable, ListCard } from '../../components/ui/list-card';
import { EditCell, RecordDialog } from '../../components/ui/record-dialog';
import { orNull, type FieldSpec, type RecordValues } from '../../components/ui/record-form';
import { SearchBox } from '../../components/ui/search-box';
import { useToast } from '../../components/ui/toast';
import { roleName } from '../../features/auth/role-name';
import { getUser } from '../../features/users/api/get-user';
import { useUsers } from '../../features/users/api/get-users';
import { useCreateUser, useUpdateUser } from '../../features/users/api/save-user';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/use-t';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 50;

const valuesOf = (user: User | null): RecordValues => ({
  email: user?.email ?? '',
  name: user?.name ?? '',
  role: user?.role ?? 'staff',
  unitCode: user?.unitCode ?? '',
  password: '',
  disabled: user?.disabled ? 'true' : 'false',
});

/** Accounts: who may sign in, with which role, for which unit (administrators). */
export default function AdminUsersPage() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const toast = useToast();
  const id = useId();
  const { values, update, page } = useSearchState(['q', 'role'] as const);
  const list = useUsers({ q: values.q || undefined, role: (ROLES as readonly string[]).includes(values.role) ? (values.role as Role) : undefined, page, pageSize: PAGE_SIZE });
  const names = useUnitNames();
  const create = useCreateUser();
  const save = useUpdateUser();
  const [editing, setEditing] = useState<User | 'new' | null>(null);

  const fields: FieldSpec[] = [
    { name: 'email', label: t('signIn.email'), kind: 'email', required: true, createOnly: true },
    { name: 'name', label: t('admin.personName'), required: true },
    { name: 'role', label: t('home.role'), kind: 'select', required: true, options: ROLES.map((role) => ({ value: role, label: roleName(role, locale) })) },
    { name: 'unitCode', label: t('home.unit'), kind: 'select', required: true, options: names.scoped.map((unit) => ({ value: unit.code, label: `${names.name(unit.code)} (${unit.code})` })) },
    { name: 'password', label: editing === 'new' ? t('signIn.password') : t('admin.newPassword'), kind: 'password', autoComplete: 'new-password', hint: t('admin.passwordHint') },
    { name: 'disabled', label: t('admin.disabled'), kind: 'checkbox', editOnly: true },
  ];

  const onSubmit = async (v: RecordValues, { overrideVersion }: { overrideVersion: number | null }) => {
    const password = orNull(v.password) ?? undefined;
    if (editing === 'new') {
      await create.mutateAsync({ email: v.email!.trim(), name: v.name!.trim(), role: v.role as Role, unitCode: v.unitCode!, ...(password ? { password } : {}) });
    } else if (editing) {
      await save.mutateAsync({
        id: editing.id,
        body: { version: overrideVersion ?? editing.version, name: v.name!.trim(), role: v.role as Role, unitCode: v.unitCode!, disabled: v.disabled === 'true', ...(password ? { password } : {}) },
      });
    }
    toast.show(t('admin.saved'));
    setEditing(null);
  };

  return (
    <AdminPage
      title={t('nav.users')}
      newLabel={t('admin.newUser')}
      onNew={() => setEditing('new')}
      filters={
        <>
              <SearchBox label={t('admin.searchUsers')} value={values.q} onSearch={(q) => update({ q })} />
              <FilterSelect id={`${id}-role`} label={t('home.role')} value={values.role} onChange={(role) => update({ role })} allLabel={t('filters.all')} options={ROLES.map((role) => ({ value: role, label: roleName(role, locale) }))} />
        </>
      }
    >
      <ListCard
        title={t('nav.users')}
        query={list}
        empty={t('admin.empty')}
        pagination={{ page, pageSize: PAGE_SIZE, label: t('nav.users'), onPage: (next) => update({ page: String(next) }, { resetPage: false }) }}
      >
        {(items) => (
          <DataTable
            caption={t('nav.users')}
            columns={[{ label: t('admin.personName') }, { label: t('signIn.email') }, { label: t('home.role') }, { label: t('home.unit') }, { label: t('admin.lastLogin') }, { label: t('admin.actions') }]}
          >
            {items.map((user) => (
              <tr key={user.id}>
                <th scope="row" data-label={t('admin.personName')}>
                  {user.name}
                  {user.disabled && <span className="badge badge-muted"> {t('admin.disabledBadge')}</span>}
                </th>
                <td data-label={t('signIn.email')}>{user.email}</td>
                <td data-label={t('home.role')}>{roleName(user.role, locale)}</td>
                <td data-label={t('home.unit')}>{names.name(user.unitCode)}</td>
                <td data-label={t('admin.lastLogin')}>{format.dateTime(user.lastLoginAt)}</td>
                <EditCell name={user.email} onEdit={() => setEditing(user)} />
              </tr>
            ))}
          </DataTable>
        )}
      </ListCard>
      <RecordDialog
        editing={editing}
        setEditing={setEditing}
        newTitle={t('admin.newUser')}
        editTitle={(user) => t('admin.editUser', { name: user?.email ?? '' })}
        keyOf={(user) => user.id}
        valuesOf={valuesOf}
        reload={(user) => getUser(user.id)}
        fields={fields}
        submitLabel={t('admin.save')}
        onSubmit={onSubmit}
      />
    </AdminPage>
  );
}
