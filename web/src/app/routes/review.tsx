import type { Observation } from '@tiendo/shared/schemas/observations';
import { useEffect, useId, useRef, useState } from 'react';
import { AppLink } from '../../components/ui/app-link';
import { EmptyState } from '../../components/ui/empty-state';
import { Loading } from '../../components/ui/loading';
import { Localized } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
import { QueryError } from '../../components/ui/query-error';
import { useCurrentUser } from '../../features/auth/current-user';
import { useEvidence } from '../../features/evidence/api/get-evidence';
import { EvidenceList } from '../../features/evidence/components/evidence-list';
import { useIndicator } from '../../features/indicators/api/get-indicator';
import { useObservations } from '../../features/observations/api/get-observations';
import { ObservationValue } from '../../features/observations/components/observation-value';
import { ReviewActions } from '../../features/observations/components/review-actions';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { useI18n } from '../../i18n/use-t';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 20;

/** Reports submitted in the leader's scope, each with its value, comment and evidence, to accept or return. */
export default function ReviewPage() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const { page, update } = useSearchState([] as const);
  const units = useUnitNames();
  const queue = useObservations({ state: 'submitted', under: user.unit.code, page, pageSize: PAGE_SIZE });
  // A decided report leaves the queue, and its buttons with it: focus moves to the report that took
  // its place (or, when none is left, to the list's heading) once the queue has been read again.
  const listRef = useRef<HTMLOListElement>(null);
  const [refocusAt, setRefocusAt] = useState<number | null>(null);
  useEffect(() => {
    if (refocusAt === null || queue.isFetching) return;
    const frame = requestAnimationFrame(() => {
      const cards = listRef.current ? Array.from(listRef.current.children) : [];
      const card = cards[Math.min(refocusAt, cards.length - 1)];
      const target = card?.querySelector<HTMLElement>('h3 a') ?? document.getElementById(`${id}-list`);
      target?.focus();
      setRefocusAt(null);
    });
    return () => cancelAnimationFrame(frame);
  }, [refocusAt, queue.isFetching, queue.data, id]);

  return (
    <div className="page">
      <PageHeader title={t('review.title')} lead={<p>{t('review.lead', { unit: units.name(user.unit.code) })}</p>} />
      {user.role !== 'leader' && <p className="note">{t('review.leaderOnly')}</p>}
      <section aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`} className="visually-hidden" tabIndex={-1}>
          {t('review.title')}
        </h2>
        {queue.isPending && <Loading />}
        {queue.isError && <QueryError error={queue.error} what={t('review.what')} onRetry={() => void queue.refetch()} />}
        {queue.data && queue.data.items.length === 0 && (
          <EmptyState>
            <p>{t('review.empty')}</p>
          </EmptyState>
        )}
        {queue.data && queue.data.items.length > 0 && (
          <>
            <p className="muted">{t('review.count', { count: format.number(queue.data.total) })}</p>
            <ol className="review-list" ref={listRef}>
              {queue.data.items.map((observation, index) => (
                <li key={observation.id}>
                  <ReviewCard observation={observation} unitName={units.name} canReview={user.role === 'leader'} onDone={() => setRefocusAt(index)} />
                </li>
              ))}
            </ol>
            <Pagination page={page} pageSize={PAGE_SIZE} total={queue.data.total} label={t('review.pages')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
          </>
        )}
      </section>
    </div>
  );
}

function ReviewCard({ observation, unitName, canReview, onDone }: { observation: Observation; unitName: (code: string) => string; canReview: boolean; onDone: () => void }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const id = useId();
  const indicator = useIndicator(observation.indicatorCode);
  const evidence = useEvidence(observation.id);
  const unitLabel = indicator.data?.unitLabel ?? (indicator.data?.measure === 'percent' ? '%' : null);
  const period = periodLabel(observation.period, locale);
  return (
    <article className="card review-card" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        <AppLink to={`/observations/${observation.id}`}>
          {indicator.data ? <Localized vi={indicator.data.nameVi} en={indicator.data.nameEn} /> : observation.indicatorCode} — {period}
        </AppLink>
      </h3>
      <p className="muted small">
        {observation.indicatorCode} · {unitName(observation.unitCode)} · {t('report.version', { version: observation.versionNo })}
      </p>
      <dl className="facts facts-wide">
        <div>
          <dt>{t('observation.value')}</dt>
          <dd className="big-value">
            <ObservationValue observation={observation} unitLabel={unitLabel} />
          </dd>
        </div>
        {indicator.data?.target && (
          <div>
            <dt>{t('target.target')}</dt>
            <dd>
              {format.number(indicator.data.target.value, 4)}
              {unitLabel ? ` ${unitLabel}` : ''} · {t('numbers.deadline', { date: format.date(indicator.data.target.date) })}
            </dd>
          </div>
        )}
        <div>
          <dt>{t('observation.submittedBy')}</dt>
          <dd>
            {observation.submittedBy?.name ?? '—'} · {format.dateTime(observation.submittedAt)}
          </dd>
        </div>
        <div>
          <dt>{t('report.comment')}</dt>
          <dd>{observation.comment ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('report.source')}</dt>
          <dd>{observation.source ?? '—'}</dd>
        </div>
      </dl>
      <h4>{t('evidence.title')}</h4>
      {evidence.isPending && <Loading />}
      {evidence.isError && <QueryError error={evidence.error} onRetry={() => void evidence.refetch()} />}
      {evidence.data && <EvidenceList items={evidence.data.items} caption={t('evidence.title')} />}
      <p>
        <AppLink to={`/targets/${encodeURIComponent(observation.indicatorCode)}`}>{t('review.seeTarget')}</AppLink>
      </p>
      {canReview && <ReviewActions observation={observation} label={`${observation.indicatorCode}, ${period}`} onDone={onDone} />}
    </article>
  );
}
