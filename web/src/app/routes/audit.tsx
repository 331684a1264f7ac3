import type { AuditEventQuery } from '@tiendo/shared/schemas/audit';
import { useId, useState, type FormEvent } from 'react';
import { AppLink } from '../../components/ui/app-link';
import { ListCard } from '../../components/ui/list-card';
import { PageHeader } from '../../components/ui/page-header';
import { useAuditEvents } from '../../features/audit/api/get-audit-events';
import { AuditEventTable } from '../../features/audit/components/audit-event-table';
import { ChainCheck } from '../../features/audit/components/chain-check';
import { useCurrentUser } from '../../features/auth/current-user';
import { entityLabel } from '../../features/audit/audit-labels';
import { exportLink } from '../../features/exports/export-link';
import { useI18n } from '../../i18n/use-t';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 50;
const ENTITIES = ['observation', 'indicator', 'plan', 'unit', 'user', 'evidence', 'import', 'session'];

/** Start of a Vietnam day as an instant: the audit filter takes moments, people pick days. */
const startOfDay = (date: string) => (date ? `${date}T00:00:00+07:00` : undefined);
const endOfDay = (date: string) => (date ? `${date}T23:59:59.999+07:00` : undefined);

/** The audit trail: every change, by whom, when, before and after (auditors and administrators). */
export default function AuditPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const id = useId();
  const { values, update, page } = useSearchState(['entity', 'entityId', 'actor', 'action', 'from', 'to'] as const);
  const [draft, setDraft] = useState(values);
  const allowed = user.role === 'auditor' || user.role === 'admin';
  const query: AuditEventQuery = {
    entity: values.entity || undefined,
    entityId: values.entityId || undefined,
    actor: values.actor || undefined,
    action: values.action || undefined,
    from: startOfDay(values.from),
    to: endOfDay(values.to),
    page,
    pageSize: PAGE_SIZE,
  };
  const events = useAuditEvents(query, { enabled: allowed });
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    update(draft);
  };
  const input = (key: keyof typeof draft, label: string, type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <input id={`${id}-${key}`} type={type} value={draft[key]} onChange={(e) => setDraft((d) => ({ ...d, [key]: e.target.value }))} />
    </div>
  );

  return (
    <div className="page">
      <PageHeader
        title={t('audit.title')}
        lead={<p>{t('audit.lead')}</p>}
        actions={
          allowed && (
            <AppLink
              className="button button-secondary"
              to={exportLink('audit-events', { entity: values.entity, actor: values.actor, action: values.action, from: values.from, to: values.to })}
            >
              {t('exports.exportThese')}
            </AppLink>
          )
        }
      />
      {!allowed && <p className="note">{t('audit.notAllowed')}</p>}
      {allowed && (
        <>
          <ChainCheck />
          <section className="card filters" aria-labelledby={`${id}-filters`}>
            <h2 id={`${id}-filters`}>{t('filters.title')}</h2>
            <form className="stack" onSubmit={onSubmit}>
              <div className="filter-row">
                <div className="field">
                  <label htmlFor={`${id}-entity`}>{t('audit.entity')}</label>
                  <select id={`${id}-entity`} value={draft.entity} onChange={(e) => setDraft((d) => ({ ...d, entity: e.target.value }))}>
                    <option value="">{t('filters.all')}</option>
                    {ENTITIES.map((entity) => (
                      <option key={entity} value={entity}>
                        {entityLabel(entity, t)}
                      </option>
                    ))}
                  </select>
                </div>
                {input('entityId', t('audit.entityId'))}
                {input('actor', t('audit.actor'))}
                {input('action', t('audit.action'))}
                {input('from', t('todo.from'), 'date')}
                {input('to', t('todo.to'), 'date')}
              </div>
              <div className="button-row">
                <button type="submit" className="button button-primary">
                  {t('filters.apply')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    const empty = { entity: '', entityId: '', actor: '', action: '', from: '', to: '' };
                    setDraft(empty);
                    update(empty);
                  }}
                >
                  {t('filters.clear')}
                </button>
              </div>
            </form>
          </section>
          <ListCard
            title={t('audit.events')}
            query={events}
            what={t('audit.what')}
            empty={t('audit.none')}
            pagination={{ page, pageSize: PAGE_SIZE, label: t('audit.pages'), onPage: (next) => update({ page: String(next) }, { resetPage: false }) }}
          >
            {(items) => <AuditEventTable events={items} caption={t('audit.events')} showEntity />}
          </ListCard>
        </>
      )}
    </div>
  );
}
