import type { Unit } from '@tiendo/shared/schemas/units';
import { useMemo } from 'react';
import { localizedName } from '../../components/ui/localized';
import { useI18n } from '../../i18n/use-t';
import { useUnits } from './api/get-units';

/**
 * Names of the units in the reader's scope, by code, for lists that only carry codes. One request
 * of up to 500 units (a province with its departments and communes); beyond that, codes show.
 */
export function useUnitNames(): { name: (code: string) => string; units: Unit[] } {
  const { locale } = useI18n();
  const query = useUnits({ pageSize: 500, sort: 'name' });
  return useMemo(() => {
    const units = query.data?.items ?? [];
    const byCode = new Map(units.map((unit) => [unit.code, unit]));
    return {
      units,
      name: (code: string) => {
        const unit = byCode.get(code);
        return unit ? localizedName({ vi: unit.nameVi, en: unit.nameEn }, locale).text : code;
      },
    };
  }, [query.data, locale]);
}
