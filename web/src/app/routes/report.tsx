import { useQueryClient } from '@tanstack/react-query';
import { FREQUENCIES, isOneOf } from '@tiendo/shared/domain';
import { periodsDue } from '@tiendo/shared/periods';
import type { Indicator } from '@tiendo/shared/schemas/indicators';
import type { Observation } from '@tiendo/shared/schemas/observations';
import { useId, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiErrorMessage } from '../../components/ui/api-error-message';
import { AppLink } from '../../components/ui/app-link';
import { Breadcrumbs } from '../../components/ui/breadcrumbs';
import { Loading } from '../../components/ui/loading';
import { Localized, useLocalizedName } from '../../components/ui/localized';
import { PageHeader } from '../../components/ui/page-header';
import { QueryError } from '../../components/ui/query-error';
import { ObservationStateBadge } from '../../components/ui/state-badge';
import { useToast } from '../../components/ui/toast';
import { useCurrentUser } from '../../features/auth/current-user';
import { useEvidence } from '../../features/evidence/api/get-evidence';
import { uploadEvidence, useUploadEvidence } from '../../features/evidence/api/upload-evidence';
import { EvidenceList } from '../../features/evidence/components/evidence-list';
import { EvidencePicker } from '../../features/evidence/components/evidence-picker';
import { useIndicator } from '../../features/indicators/api/get-indicator';
import { TargetFacts } from '../../features/indicators/components/target-facts';
import { correctObservation } from '../../features/observations/api/correct-observation';
import { createObservation } from '../../features/observations/api/create-observation';
import { getObservation, useObservation } from '../../features/observations/api/get-observation';
import { invalidateReports } from '../../features/observations/api/invalidate';
import { observationKeys } from '../../features/observations/api/query-keys';
import { submitObservation } from '../../features/observations/api/submit-observation';
import { updateObservation } from '../../features/observations/api/update-observation';
import { ObservationForm, type SaveIntent } from '../../features/observations/components/observation-form';
import { EMPTY_FORM, formValuesFrom, type ObservationValues } from '../../features/observations/observation-values';
import { usePlanNames } from '../../features/plans/use-plan-names';
import { TargetHistory } from '../../features/status/components/target-history';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { useI18n } from '../../i18n/use-t';
import { isApiError } from '../../lib/api-client';
import { useAsOf } from '../../lib/url-state';

/**
 * Entering a value: a new report (`?indicator=&unit=&period=`), a draft or returned one (`?id=`),
 * or a correction of an accepted one (`?correct=`). Save as a draft, attach evidence, submit.
 */
export default function ReportPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [params] = useSearchParams();
  const id = Number(params.get('id')) || null;
  const correctId = Number(params.get('correct')) || null;
  const observation = useObservation(id ?? correctId);
  const indicatorCode = observation.data?.indicatorCode ?? params.get('indicator') ?? undefined;
  const indicator = useIndicator(indicatorCode);

  if (user.role !== 'staff') {
    return (
      <div className="page">
        <PageHeader title={t('report.title')} />
        <p className="note">{t('report.staffOnly')}</p>
      </div>
    );
  }
  if (!id && !correctId && !indicatorCode) {
    return (
      <div className="page">
        <PageHeader title={t('report.title')} />
        <p className="note">
          {t('report.chooseTarget')} <AppLink to="/todo">{t('nav.todo')}</AppLink>
        </p>
      </div>
    );
  }
  const failed = observation.error ?? indicator.error;
  if (failed) {
    return (
      <div className="page">
        <PageHeader title={t('report.title')} />
        <QueryError error={failed} onRetry={() => void (observation.isError ? observation.refetch() : indicator.refetch())} />
      </div>
    );
  }
  if (!indicator.data || ((id || correctId) && !observation.data)) {
    return (
      <div className="page">
        <PageHeader title={t('report.title')} />
        <Loading />
      </div>
    );
  }
  return (
    <ReportEditor
      key={`${id ?? 'new'}-${correctId ?? ''}`}
      indicator={indicator.data}
      observation={observation.data ?? null}
      mode={correctId ? 'correct' : id ? 'edit' : 'create'}
      unitCode={observation.data?.unitCode ?? params.get('unit') ?? user.unit.code}
      period={observation.data?.period ?? params.get('period') ?? ''}
    />
  );
}

interface ReportEditorProps {
  indicator: Indicator;
  observation: Observation | null;
  mode: 'create' | 'edit' | 'correct';
  unitCode: string;
  period: string;
}

function ReportEditor({ indicator, observation, mode, unitCode, period }: ReportEditorProps) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const navigate = useNavigate();
  const toast = useToast();
  const queryClient = useQueryClient();
  const sectionId = useId();
  const { when } = useAsOf();
  const units = useUnitNames();
  const plans = usePlanNames();
  const name = useLocalizedName()({ vi: indicator.nameVi, en: indicator.nameEn });
  const [pending, setPending] = useState<SaveIntent | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [pendingFiles, setPendingFiles] = useState<File[]>([]);
  /** After a version conflict, the version the person chose to overwrite. */
  const [versionOverride, setVersionOverride] = useState<number | null>(null);
  const [formKey, setFormKey] = useState(0);
  /** What this page saved last: a retry after a failed upload or submit edits it rather than creating another. */
  const [saved, setSaved] = useState<Observation | null>(null);

  const editable = mode !== 'edit' || observation?.state === 'draft' || observation?.state === 'returned';
  const existingId = mode === 'edit' && observation ? observation.id : null;
  const evidence = useEvidence(existingId);
  const upload = useUploadEvidence();
  const conflict = isApiError(error) && error.code === 'VERSION_CONFLICT' ? error : null;
  // The report (or correction) already exists, for instance after Back to a form already sent: offer it.
  const existing = isApiError(error) && error.code === 'CONFLICT' && error.existingId !== undefined ? error : null;
  const existingEditable = existing?.existingState === 'draft' || existing?.existingState === 'returned';

  const initial =
    observation && mode !== 'create' ? formValuesFrom(observation, locale) : { ...EMPTY_FORM, period };
  const suggestions = (() => {
    if (!isOneOf(FREQUENCIES, indicator.frequency)) return [];
    const year = new Date().getFullYear();
    try {
      return periodsDue(indicator.frequency, `${year - 6}-01-01`, `${year}-12-31`).reverse();
    } catch {
      return [];
    }
  })();

  const onSave = async (values: ObservationValues, intent: SaveIntent) => {
    setPending(intent);
    setError(null);
    try {
      const base = saved ?? (mode === 'edit' ? observation : null);
      const fields = reportFields(values, base);
      let current: Observation;
      if (base) {
        current = await updateObservation({ id: base.id, body: { version: versionOverride ?? base.version, ...fields } });
      } else if (mode === 'create') {
        current = await createObservation({ indicatorCode: indicator.code, unitCode, period: values.period, ...fields });
      } else {
        current = await correctObservation({ id: observation!.id, body: fields });
      }
      setSaved(current);
      setVersionOverride(null);
      queryClient.setQueryData(observationKeys.detail(current.id), current);
      for (const file of pendingFiles) {
        await uploadEvidence({ observationId: current.id, file });
        setPendingFiles((files) => files.filter((f) => f !== file));
      }
      if (intent === 'submit') {
        // Attaching evidence may have moved the version on.
        const fresh = pendingFiles.length ? await getObservation(current.id) : current;
        const submitted = await submitObservation({ id: current.id, version: fresh.version });
        queryClient.setQueryData(observationKeys.detail(submitted.id), submitted);
        await invalidateReports(queryClient);
        toast.show(t('report.submitted'));
        // The form has done its work: Back from the report leads to where the form was opened from.
        navigate(`/observations/${submitted.id}`, { replace: true });
      } else {
        await invalidateReports(queryClient);
        toast.show(mode === 'correct' ? t('report.correctionSaved') : t('report.draftSaved'));
        if (mode !== 'edit') navigate(`/report?id=${current.id}`, { replace: true });
      }
    } catch (cause) {
      setError(cause);
      await invalidateReports(queryClient).catch(() => undefined);
    } finally {
      setPending(null);
    }
  };

  const title =
    mode === 'correct' ? t('report.titleCorrect', { period: periodLabel(period, locale) }) : period ? t('report.titleFor', { period: periodLabel(period, locale) }) : t('report.title');

  return (
    <div className="page">
      <PageHeader
        title={title}
        breadcrumbs={
          <Breadcrumbs
            items={[
              { label: t('nav.todo'), to: '/todo' },
              { label: name, to: `/targets/${encodeURIComponent(indicator.code)}` },
              { label: title },
            ]}
          />
        }
        lead={
          <p>
            <strong>
              <Localized vi={indicator.nameVi} en={indicator.nameEn} />
            </strong>{' '}
            <span className="muted">
              ({indicator.code} · {units.name(unitCode)})
            </span>
          </p>
        }
      />

      {observation && mode === 'edit' && (
        <div className="report-state">
          <ObservationStateBadge state={observation.state} />
          <span className="muted">
            {t('report.version', { version: observation.versionNo })} · {t('report.updatedAt', { moment: format.dateTime(observation.updatedAt) })}
          </span>
        </div>
      )}
      {observation?.state === 'returned' && observation.returnReason && mode === 'edit' && (
        <div className="note note-warning" role="note">
          <p className="note-title">{t('report.returnedBy', { name: observation.reviewedBy?.name ?? '—', moment: format.dateTime(observation.reviewedAt) })}</p>
          <p className="return-reason-text">{observation.returnReason}</p>
        </div>
      )}
      {mode === 'correct' && <p className="note">{t('report.correctNote')}</p>}

      {!editable && observation && (
        <p className="note">
          {t('report.notEditable')} <AppLink to={`/observations/${observation.id}`}>{t('report.openReport')}</AppLink>
        </p>
      )}

      {editable && (
        <section className="card" aria-labelledby={`${sectionId}-form`}>
          <h2 id={`${sectionId}-form`}>{t('report.formTitle')}</h2>
          {conflict && (
            <div className="note note-warning" role="alert">
              <p>{t('report.conflict', { version: conflict.currentVersion ?? '?' })}</p>
              <div className="button-row">
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={async () => {
                    await queryClient.invalidateQueries({ queryKey: observationKeys.detail(observation!.id) });
                    setError(null);
                    setVersionOverride(null);
                    setFormKey((key) => key + 1);
                  }}
                >
                  {t('report.conflictReload')}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  onClick={() => {
                    setVersionOverride(conflict.currentVersion ?? null);
                    setError(null);
                  }}
                >
                  {t('report.conflictKeepMine')}
                </button>
              </div>
            </div>
          )}
          {existing && (
            <div className="note note-warning" role="alert">
              <p>{existing.existingState === 'accepted' ? t('report.existsAccepted') : t('report.existsOpen')}</p>
              <p>
                <AppLink to={existingEditable ? `/report?id=${existing.existingId}` : `/observations/${existing.existingId}`}>
                  {existingEditable ? t('report.existsContinue') : t('report.openReport')}
                </AppLink>
              </p>
            </div>
          )}
          <ObservationForm
            key={formKey}
            indicator={indicator}
            initial={initial}
            periodEditable={mode === 'create'}
            periodSuggestions={suggestions}
            pending={pending}
            error={conflict || existing ? null : error}
            guardLeaving={!existing}
            onSave={(values, intent) => void onSave(values, intent)}
          >
            <fieldset className="fieldset">
              <legend>{t('evidence.title')}</legend>
              {existingId !== null ? (
                <>
                  {evidence.isPending && <Loading />}
                  {evidence.isError && <QueryError error={evidence.error} onRetry={() => void evidence.refetch()} />}
                  {evidence.data && <EvidenceList items={evidence.data.items} caption={t('evidence.title')} />}
                  <EvidencePicker
                    busy={upload.isPending}
                    onPick={(file) =>
                      upload.mutate(
                        { observationId: existingId, file },
                        {
                          onSuccess: (item) => toast.show(t('evidence.attached', { name: item.fileName })),
                          onSettled: () => void queryClient.invalidateQueries({ queryKey: observationKeys.detail(existingId) }),
                        },
                      )
                    }
                  />
                  {upload.isError && (
                    <div role="alert" className="form-alert">
                      <QueryErrorText error={upload.error} />
                    </div>
                  )}
                </>
              ) : (
                <>
                  {pendingFiles.length > 0 ? (
                    <ul className="pending-files">
                      {pendingFiles.map((file) => (
                        <li key={`${file.name}-${file.size}-${file.lastModified}`}>
                          <span className="file-name">{file.name}</span> <span className="muted small">{format.bytes(file.size)}</span>{' '}
                          <button type="button" className="button button-link" onClick={() => setPendingFiles((files) => files.filter((f) => f !== file))}>
                            {t('evidence.remove')}
                            <span className="visually-hidden"> {file.name}</span>
                          </button>
                        </li>
                      ))}
                    </ul>
                  ) : (
                    <p className="muted">{t('evidence.none')}</p>
                  )}
                  <p className="hint">{t('evidence.uploadOnSave')}</p>
                  <EvidencePicker onPick={(file) => setPendingFiles((files) => [...files, file])} />
                </>
              )}
            </fieldset>
          </ObservationForm>
        </section>
      )}

      <details className="card details-card">
        <summary>{t('report.aboutTarget')}</summary>
        <TargetFacts indicator={indicator} unitName={units.name} planName={plans.name} />
      </details>

      <TargetHistory indicator={indicator} when={when} />
    </div>
  );
}

type ReportFields = Pick<ObservationValues, 'value' | 'numerator' | 'denominator' | 'qualifier' | 'valueTo' | 'comment' | 'source'>;

/**
 * The fields to send: what has a value, and null only to clear what the saved version has (the
 * API reads a field that is present, even as null, as given: `valueTo: null` without a range is
 * refused).
 */
function reportFields(values: ObservationValues, saved: Observation | null): Partial<ReportFields> {
  const out: Partial<ReportFields> = {};
  const keys = ['value', 'numerator', 'denominator', 'qualifier', 'valueTo', 'comment', 'source'] as const;
  for (const key of keys) {
    if (values[key] !== null) Object.assign(out, { [key]: values[key] });
    else if (saved && saved[key] !== null) Object.assign(out, { [key]: null });
  }
  return out;
}

function QueryErrorText({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (isApiError(error) && error.status === 413) return <p>{t('evidence.serverTooLarge')}</p>;
  if (isApiError(error) && error.status === 415) {
    return (
      <p>
        {t('evidence.serverWrongType')} <span lang={error.language ?? 'en'}>{error.detail}</span>
      </p>
    );
  }
  return <ApiErrorMessage error={error} />;
}
