import type { PlainMessageKey } from '../../i18n/locale';
import type { Translate } from '../../i18n/locale';

/** Each audit action in the reader's language; the code itself stays beside it, as filters and exports use it. */
const ACTION_KEYS: Record<string, PlainMessageKey> = {
  'auth.login': 'auditAction.auth.login',
  'auth.login_failed': 'auditAction.auth.login_failed',
  'auth.login_refused': 'auditAction.auth.login_refused',
  'auth.login_throttled': 'auditAction.auth.login_throttled',
  'auth.logout': 'auditAction.auth.logout',
  'auth.refresh_reuse': 'auditAction.auth.refresh_reuse',
  'evidence.add': 'auditAction.evidence.add',
  'export.create': 'auditAction.export.create',
  'export.complete': 'auditAction.export.complete',
  'export.fail': 'auditAction.export.fail',
  'export.expire': 'auditAction.export.expire',
  'import.apply': 'auditAction.import.apply',
  'indicator.create': 'auditAction.indicator.create',
  'indicator.update': 'auditAction.indicator.update',
  'indicator.revise': 'auditAction.indicator.revise',
  'observation.create': 'auditAction.observation.create',
  'observation.update': 'auditAction.observation.update',
  'observation.submit': 'auditAction.observation.submit',
  'observation.accept': 'auditAction.observation.accept',
  'observation.return': 'auditAction.observation.return',
  'observation.correct': 'auditAction.observation.correct',
  'observation.import': 'auditAction.observation.import',
  'plan.create': 'auditAction.plan.create',
  'plan.update': 'auditAction.plan.update',
  'report.create': 'auditAction.report.create',
  'report.update': 'auditAction.report.update',
  'report.freeze': 'auditAction.report.freeze',
  'unit.create': 'auditAction.unit.create',
  'unit.update': 'auditAction.unit.update',
  'unit.succession': 'auditAction.unit.succession',
  'user.create': 'auditAction.user.create',
  'user.update': 'auditAction.user.update',
  'user.disable': 'auditAction.user.disable',
};

const ENTITY_KEYS: Record<string, PlainMessageKey> = {
  observation: 'auditEntity.observation',
  indicator: 'auditEntity.indicator',
  plan: 'auditEntity.plan',
  unit: 'auditEntity.unit',
  user: 'auditEntity.user',
  evidence: 'auditEntity.evidence',
  import: 'auditEntity.import',
  session: 'auditEntity.session',
  export: 'auditEntity.export',
  report: 'auditEntity.report',
};

/** The action in words, or null for one this version does not name (its code is then shown alone). */
export function actionLabel(action: string, t: Translate): string | null {
  const key = ACTION_KEYS[action];
  return key ? t(key) : null;
}

/** The kind of record in words, or its code. */
export function entityLabel(entity: string, t: Translate): string {
  const key = ENTITY_KEYS[entity];
  return key ? t(key) : entity;
}
