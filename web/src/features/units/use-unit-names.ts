import type { Unit } from '@tiendo/shared/schemas/units';
import { useMemo } from 'react';
import { localizedName } from '../../components/ui/localized';
import { useI18n } from '../../i18n/use-t';
import { useCurrentUser } from '../auth/current-user';
import { useUnits } from './api/get-units';

/**
 * Names of units by code, for lists that only carry codes (one request of up to 500 units, a
 * province with its departments and communes; beyond that, codes show), and `scoped`: the units in
 * the reader's own subtree, the only ones a filter or a form may offer (any other answers 403).
 */
export function useUnitNames(): { name: (code: string) => string; units: Unit[]; scoped: Unit[] } {
  const { locale } = useI18n();
  const user = useCurrentUser();
  const all = useUnits({ pageSize: 500, sort: 'name' });
  const mine = useUnits({ under: user.unit.code, pageSize: 500, sort: 'name' });
  return useMemo(() => {
    const units = all.data?.items ?? [];
    const scoped = mine.data?.items ?? units.filter((unit) => unit.code === user.unit.code);
    const byCode = new Map([...scoped, ...units].map((unit) => [unit.code, unit]));
    return {
      units,
      scoped,
      name: (code: string) => {
        const unit = byCode.get(code);
        return unit ? localizedName({ vi: unit.nameVi, en: unit.nameEn }, locale).text : code;
      },
    };
  }, [all.data, mine.data, user.unit.code, locale]);
}
