import { isOneOf } from '@tiendo/shared/domain';
import type { Translate } from '../../i18n/locale';

/**
 * The audit actions and kinds of record this version names in the reader's language (messages
 * `auditAction.<action>` and `auditEntity.<entity>`); the code itself stays beside an action, as
 * filters and exports use it.
 */
const ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.login_refused',
  'auth.login_throttled',
  'auth.logout',
  'auth.refresh_reuse',
  'evidence.add',
  'export.create',
  'export.complete',
  'export.fail',
  'export.expire',
  'import.apply',
  'indicator.create',
  'indicator.update',
  'indicator.revise',
  'observation.create',
  'observation.update',
  'observation.submit',
  'observation.accept',
  'observation.return',
  'observation.correct',
  'observation.import',
  'plan.create',
  'plan.update',
  'report.create',
  'report.update',
  'report.freeze',
  'unit.create',
  'unit.update',
  'unit.succession',
  'user.create',
  'user.update',
  'user.disable',
] as const;

const ENTITIES = ['observation', 'indicator', 'plan', 'unit', 'user', 'evidence', 'import', 'session', 'export', 'report'] as const;

/** The action in words, or null for one this version does not name (its code is then shown alone). */
export function actionLabel(action: string, t: Translate): string | null {
  // Typed by the lists above: an action or kind of record without its message does not compile.
  return isOneOf(ACTIONS, action) ? t(`auditAction.${action}`) : null;
}

/** The kind of record in words, or its code. */
export function entityLabel(entity: string, t: Translate): string {
  return isOneOf(ENTITIES, entity) ? t(`auditEntity.${entity}`) : entity;
}
