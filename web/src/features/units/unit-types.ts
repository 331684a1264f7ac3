import type { UnitType } from '@tiendo/shared/domain';
import type { PlainMessageKey as MessageKey } from '../../i18n/locale';

export const UNIT_TYPE_KEYS: Record<UnitType, MessageKey> = {
  nation: 'unitType.nation',
  province: 'unitType.province',
  department: 'unitType.department',
  district: 'unitType.district',
  commune: 'unitType.commune',
  agency: 'unitType.agency',
  enterprise: 'unitType.enterprise',
};
