import type { AuditEvent } from '@tiendo/shared/schemas/audit';
import { Fragment } from 'react';
import { useFormat } from '../../../i18n/format';
import { useI18n } from '../../../i18n/use-t';
import { ROLES, type Role } from '@tiendo/shared/roles';
import { roleName } from '../../auth/role-name';
import { actionLabel, entityLabel } from '../audit-labels';

/** The fields an event changed, as "field: before → after" (whole records for creations). */
export function changedFields(
  before: unknown,
  after: unknown,
  formatMoment: (iso: string) => string = (iso) => iso,
): { field: string; before: string; after: string }[] {
  const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});
  const b = asRecord(before);
  const a = asRecord(after);
  const show = (value: unknown): string => {
    if (value === undefined) return '';
    if (value === null) return '∅';
    // A moment is shown as people read it; a person ({ id, name }) by name.
    if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value) ? formatMoment(value) : value;
    if (typeof value === 'object' && value !== null && 'name' in value && typeof (value as { name: unknown }).name === 'string') return (value as { name: string }).name;
    return JSON.stringify(value);
  };
  const skip = new Set(['updatedAt', 'version', 'createdAt']);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((key) => !skip.has(key));
  return keys
    .filter((key) => JSON.stringify(b[key]) !== JSON.stringify(a[key]))
    .map((key) => ({ field: key, before: show(b[key]), after: show(a[key]) }));
}

/** Who did what and when, with what changed: the audit trail of one record or of a scope. */
export function AuditEventTable({ events, caption, showEntity = false }: { events: AuditEvent[]; caption: string; showEntity?: boolean }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="data-table audit-table responsive-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('audit.at')}</th>
            <th scope="col">{t('audit.actor')}</th>
            <th scope="col">{t('audit.action')}</th>
            {showEntity && <th scope="col">{t('audit.entity')}</th>}
            <th scope="col">{t('audit.changes')}</th>
          </tr>
        </thead>
        <tbody>
          {events.map((event) => {
            const changes = changedFields(event.before, event.after, format.dateTime);
            const action = actionLabel(event.action, t);
            return (
              <tr key={event.seq}>
                <td data-label={t('audit.at')}>
                  {format.dateTime(event.at)}
                  <span className="muted small"> #{event.seq}</span>
                </td>
                <td data-label={t('audit.actor')}>
                  {event.actorLabel}
                  {event.actorRole && <span className="muted small"> ({(ROLES as readonly string[]).includes(event.actorRole) ? roleName(event.actorRole as Role, locale) : event.actorRole})</span>}
                </td>
                <td data-label={t('audit.action')}>
                  {action && <span className="audit-action">{action} </span>}
                  <code className="small">{event.action}</code>
                </td>
                {showEntity && (
                  <td data-label={t('audit.entity')}>
                    {entityLabel(event.entity, t)}
                    {event.entityId && <span className="muted"> {event.entityId}</span>}
                  </td>
                )}
                <td data-label={t('audit.changes')}>
                  {changes.length === 0 ? <span className="muted">—</span> : <Changes changes={changes} more={t('audit.moreChanges', { count: changes.length })} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const SHOWN_CHANGES = 4;

/** A few changes in full; a creation's whole record folds away behind a summary. */
function Changes({ changes, more }: { changes: ReturnType<typeof changedFields>; more: string }) {
  const list = (items: typeof changes) => (
    <dl className="changes">
      {items.map((change) => (
        <Fragment key={change.field}>
          <dt>{change.field}</dt>
          <dd>
            {change.before && <del>{change.before}</del>}
            {change.before && ' → '}
            <ins>{change.after || '∅'}</ins>
          </dd>
        </Fragment>
      ))}
    </dl>
  );
  if (changes.length <= SHOWN_CHANGES) return list(changes);
  return (
    <details className="changes-details">
      <summary>{more}</summary>
      {list(changes)}
    </details>
  );
}
