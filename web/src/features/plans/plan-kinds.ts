import type { PlanKind } from '@tiendo/shared/domain';
import type { PlainMessageKey as MessageKey } from '../../i18n/locale';

export const PLAN_KIND_KEYS: Record<PlanKind, MessageKey> = {
  program: 'planKind.program',
  plan: 'planKind.plan',
  project: 'planKind.project',
  masterplan: 'planKind.masterplan',
  resolution: 'planKind.resolution',
};
