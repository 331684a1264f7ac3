import type { Observation } from '@tiendo/shared/schemas/observations';
import { useId } from 'react';
import { useParams } from 'react-router';
import { AppLink } from '../../components/ui/app-link';
import { Breadcrumbs } from '../../components/ui/breadcrumbs';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { useLocalizedName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { ObservationStateBadge } from '../../components/ui/state-badge';
import { useAuditTrails } from '../../features/audit/api/get-audit-events';
import { AuditEventTable } from '../../features/audit/components/audit-event-table';
import { useCurrentUser } from '../../features/auth/current-user';
import { useEvidence } from '../../features/evidence/api/get-evidence';
import { EvidenceList } from '../../features/evidence/components/evidence-list';
import { useIndicator } from '../../features/indicators/api/get-indicator';
import { useObservation } from '../../features/observations/api/get-observation';
import { useObservationHistory } from '../../features/observations/api/get-observation-history';
import { ObservationValue } from '../../features/observations/components/observation-value';
import { ReviewActions } from '../../features/observations/components/review-actions';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { useI18n } from '../../i18n/use-t';

/** One report: its value and evidence, every version (who, when, why) and, for auditors, its audit trail. */
export default function ObservationPage() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const sectionId = useId();
  const id = Number(useParams().id);
  const observation = useObservation(Number.isInteger(id) && id > 0 ? id : null);
  const indicator = useIndicator(observation.data?.indicatorCode);
  const history = useObservationHistory(id);
  const evidence = useEvidence(observation.data ? id : null);
  const mayAudit = user.role === 'auditor' || user.role === 'admin';
  // Every version's trail: the original, the corrections, and what happened to each.
  const versionIds = (history.data?.items.map((version) => String(version.id)) ?? [String(id)]).sort();
  const audit = useAuditTrails('observation', versionIds, { enabled: mayAudit });
  const units = useUnitNames();
  const localName = useLocalizedName();

  if (observation.isError) {
    return (
      <div className="page">
        <PageHeader title={t('observation.title')} />
        <QueryError error={observation.error} onRetry={() => void observation.refetch()} />
      </div>
    );
  }
  if (!observation.data) {
    return (
      <div className="page">
        <PageHeader title={t('observation.title')} />
        <Loading />
      </div>
    );
  }
  const o = observation.data;
  const name = indicator.data ? localName({ vi: indicator.data.nameVi, en: indicator.data.nameEn }) : o.indicatorCode;
  const title = t('observation.titleFor', { period: periodLabel(o.period, locale) });
  const unitLabel = indicator.data?.unitLabel ?? (indicator.data?.measure === 'percent' ? '%' : null);
  const label = `${o.indicatorCode}, ${periodLabel(o.period, locale)}`;

  return (
    <div className="page">
      <PageHeader
        title={title}
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: t('nav.targets'), to: '/targets' },
              { label: name, to: `/targets/${encodeURIComponent(o.indicatorCode)}` },
              { label: title },
            ]}
          />
        }
        lead={
          <p>
            <AppLink to={`/targets/${encodeURIComponent(o.indicatorCode)}`}>{name}</AppLink>{' '}
            <span className="muted">
              ({o.indicatorCode} · {units.name(o.unitCode)})
            </span>
          </p>
        }
      />

      <section className="card" aria-labelledby={`${sectionId}-summary`}>
        <h2 id={`${sectionId}-summary`} tabIndex={-1}>
          {t('observation.summary')}
        </h2>
        <div className="report-state">
          <ObservationStateBadge state={o.state} superseded={Boolean(o.supersededAt)} />
          <span className="muted">{t('report.version', { version: o.versionNo })}</span>
        </div>
        {o.state === 'returned' && o.returnReason && (
          <div className="note note-warning">
            <p className="note-title">{t('report.returnedBy', { name: o.reviewedBy?.name ?? '—', moment: format.dateTime(o.reviewedAt) })}</p>
            <p className="return-reason-text">{o.returnReason}</p>
          </div>
        )}
        <dl className="facts facts-wide">
          <div>
            <dt>{t('observation.value')}</dt>
            <dd className="big-value">
              <ObservationValue observation={o} unitLabel={unitLabel} />
            </dd>
          </div>
          <div>
            <dt>{t('report.period')}</dt>
            <dd>
              {periodLabel(o.period, locale)} <span className="muted">({t('observation.endsOn', { date: format.date(o.periodEnd) })})</span>
            </dd>
          </div>
          <div>
            <dt>{t('observation.unit')}</dt>
            <dd>{units.name(o.unitCode)}</dd>
          </div>
          <div>
            <dt>{t('report.comment')}</dt>
            <dd>{o.comment ?? '—'}</dd>
          </div>
          <div>
            <dt>{t('report.source')}</dt>
            <dd>
              {o.source ?? '—'}
              {o.quote && <q className="quote"> {o.quote}</q>}
            </dd>
          </div>
          <div>
            <dt>{t('observation.createdBy')}</dt>
            <dd>
              {o.origin === 'import' ? t('observation.imported', { id: o.importId ?? '?' }) : (o.createdBy?.name ?? '—')} · {format.dateTime(o.createdAt)}
            </dd>
          </div>
          {o.submittedAt && (
            <div>
              <dt>{t('observation.submittedBy')}</dt>
              <dd>
                {o.submittedBy?.name ?? '—'} · {format.dateTime(o.submittedAt)}
              </dd>
            </div>
          )}
          {o.reviewedAt && (
            <div>
              <dt>{t('observation.reviewedBy')}</dt>
              <dd>
                {o.reviewedBy?.name ?? '—'} · {format.dateTime(o.reviewedAt)}
              </dd>
            </div>
          )}
        </dl>

        {user.role === 'staff' && (o.state === 'draft' || o.state === 'returned') && (
          <AppLink to={`/report?id=${o.id}`} className="button button-primary">
            {o.state === 'returned' ? t('observation.fixAndResubmit') : t('observation.continueDraft')}
          </AppLink>
        )}
        {user.role === 'staff' && o.state === 'accepted' && !o.supersededAt && (
          <AppLink to={`/report?correct=${o.id}`} className="button button-secondary">
            {t('observation.correct')}
          </AppLink>
        )}
        {user.role === 'leader' && o.state === 'submitted' && (
          // The buttons leave once the decision is made: focus goes to this section, whose state now says it.
          <ReviewActions observation={o} label={label} onDone={() => requestAnimationFrame(() => document.getElementById(`${sectionId}-summary`)?.focus())} />
        )}
      </section>

      <section className="card" aria-labelledby={`${sectionId}-evidence`}>
        <h2 id={`${sectionId}-evidence`}>{t('evidence.title')}</h2>
        {evidence.isPending && <Loading />}
        {evidence.isError && <QueryError error={evidence.error} onRetry={() => void evidence.refetch()} />}
        {evidence.data && <EvidenceList items={evidence.data.items} caption={t('evidence.title')} />}
      </section>

      <section className="card" aria-labelledby={`${sectionId}-history`}>
        <h2 id={`${sectionId}-history`}>{t('observation.history')}</h2>
        <p className="muted">{t('observation.historyLead')}</p>
        {history.isPending && <Loading />}
        {history.isError && <QueryError error={history.error} onRetry={() => void history.refetch()} />}
        {history.data && <VersionTable versions={history.data.items} currentId={o.id} unitLabel={unitLabel} caption={t('observation.history')} />}
      </section>

      {mayAudit && (
        <section className="card" aria-labelledby={`${sectionId}-audit`}>
          <h2 id={`${sectionId}-audit`}>{t('observation.audit')}</h2>
          {audit.isPending && <Loading />}
          {audit.error && <QueryError error={audit.error} onRetry={() => void audit.refetch()} />}
          {!audit.isPending && !audit.error && audit.items.length === 0 && (
            <EmptyState>
              <p>{t('audit.none')}</p>
            </EmptyState>
          )}
          {!audit.isPending && audit.items.length > 0 && <AuditEventTable events={audit.items} caption={t('observation.audit')} showEntity />}
          <p>
            <AppLink to={`/audit?entity=observation&entityId=${o.id}`}>{t('observation.auditAll')}</AppLink>
          </p>
        </section>
      )}
    </div>
  );
}

function VersionTable({ versions, currentId, unitLabel, caption }: { versions: Observation[]; currentId: number; unitLabel: string | null; caption: string }) {
  const t = useI18n().t;
  const format = useFormat();
  return (
    <div className="table-wrap">
      <table className="data-table responsive-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('observation.versionCol')}</th>
            <th scope="col">{t('observation.value')}</th>
            <th scope="col">{t('todo.state')}</th>
            <th scope="col">{t('observation.who')}</th>
            <th scope="col">{t('observation.why')}</th>
          </tr>
        </thead>
        <tbody>
          {[...versions]
            .sort((a, b) => b.versionNo - a.versionNo)
            .map((version) => (
              <tr key={version.id} className={version.id === currentId ? 'row-current' : undefined}>
                <th scope="row" data-label={t('observation.versionCol')}>
                  {version.id === currentId ? (
                    <span aria-current="page">{t('report.version', { version: version.versionNo })}</span>
                  ) : (
                    <AppLink to={`/observations/${version.id}`}>{t('report.version', { version: version.versionNo })}</AppLink>
                  )}
                </th>
                <td data-label={t('observation.value')}>
                  <ObservationValue observation={version} unitLabel={unitLabel} />
                </td>
                <td data-label={t('todo.state')}>
                  <ObservationStateBadge state={version.state} superseded={Boolean(version.supersededAt)} />
                </td>
                <td data-label={t('observation.who')}>
                  <ul className="plain-list small">
                    <li>
                      {t('observation.created')}: {version.origin === 'import' ? t('observation.imported', { id: version.importId ?? '?' }) : (version.createdBy?.name ?? '—')},{' '}
                      {format.dateTime(version.createdAt)}
                    </li>
                    {version.submittedAt && (
                      <li>
                        {t('observation.submitted')}: {version.submittedBy?.name ?? '—'}, {format.dateTime(version.submittedAt)}
                      </li>
                    )}
                    {version.reviewedAt && (
                      <li>
                        {version.state === 'returned' ? t('observation.returnedLabel') : t('observation.reviewed')}: {version.reviewedBy?.name ?? '—'},{' '}
                        {format.dateTime(version.reviewedAt)}
                      </li>
                    )}
                    {version.supersededAt && (
                      <li>
                        {t('state.superseded')}: {format.dateTime(version.supersededAt)}
                      </li>
                    )}
                  </ul>
                </td>
                <td data-label={t('observation.why')}>
                  {version.returnReason && (
                    <p className="small">
                      <strong>{t('todo.returnReason')}</strong> {version.returnReason}
                    </p>
                  )}
                  {version.comment && <p className="small">{version.comment}</p>}
                  {!version.returnReason && !version.comment && <span className="muted">—</span>}
                </td>
              </tr>
            ))}
        </tbody>
      </table>
    </div>
  );
}
