import { FIELDS } from '@tiendo/shared/domain';
import { isPeriodKey } from '@tiendo/shared/periods';
import { EXPORT_FILTERS, EXPORT_FORMATS, EXPORT_KINDS, type ExportFormat, type ExportKind } from '@tiendo/shared/schemas/exports';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ApiErrorMessage } from '../../components/ui/api-error-message';
import { EmptyState } from '../../components/ui/empty-state';
import { useFieldName } from '../../components/ui/localized';
import { Loading } from '../../components/ui/loading';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
import { QueryError } from '../../components/ui/query-error';
import { useCurrentUser } from '../../features/auth/current-user';
import { useCreateExport } from '../../features/exports/api/create-export';
import { downloadExportFile } from '../../features/exports/api/download-export-file';
import { isExportFinished, useExport } from '../../features/exports/api/get-export';
import { useExports } from '../../features/exports/api/get-exports';
import { EXPORT_STATUS_KEYS, ExportProgress } from '../../features/exports/components/export-progress';
import { EXPORT_FILTER_KEYS, exportBody, isExportFormat, isExportKind, type ExportFilterKey } from '../../features/exports/export-body';
import { usePlanNames } from '../../features/plans/use-plan-names';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import type { PlainMessageKey } from '../../i18n/locale';
import { useI18n } from '../../i18n/use-t';
import { fieldErrorMap } from '../../lib/field-errors';
import { isApiError } from '../../lib/api-client';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 10;
const FILTER_KEYS = EXPORT_FILTER_KEYS;
type FilterKey = ExportFilterKey;
const isKind = isExportKind;
const isFormat = isExportFormat;

const KIND_KEYS: Record<ExportKind, PlainMessageKey> = {
  observations: 'exports.kindObservations',
  indicators: 'exports.kindIndicators',
  plans: 'exports.kindPlans',
  units: 'exports.kindUnits',
  'audit-events': 'exports.kindAuditEvents',
};
const FORMAT_KEYS: Record<ExportFormat, PlainMessageKey> = { csv: 'exports.formatCsv', xlsx: 'exports.formatXlsx', json: 'exports.formatJson' };

/** Exports for auditors: choose what and how, follow the progress, download the files and the manifest. */
export default function ExportsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const id = useId();
  const fieldName = useFieldName();
  const units = useUnitNames();
  const plans = usePlanNames();
  const { values, update, page } = useSearchState(['kind', 'format', 'job', ...FILTER_KEYS] as const);
  const allowed = user.role === 'auditor' || user.role === 'admin';
  const [kind, setKind] = useState<ExportKind>(isKind(values.kind) ? values.kind : 'observations');
  const [fileFormat, setFileFormat] = useState<ExportFormat>(isFormat(values.format) ? values.format : 'csv');
  const [filters, setFilters] = useState<Record<FilterKey, string>>(() => {
    const initial = Object.fromEntries(FILTER_KEYS.map((key) => [key, values[key]])) as Record<FilterKey, string>;
    // A day from a link may come as a moment; the form shows the day.
    return { ...initial, from: initial.from.slice(0, 10), to: initial.to.slice(0, 10), under: initial.under || user.unit.code };
  });
  const create = useCreateExport();
  const jobId = /^\d+$/.test(values.job) ? Number(values.job) : null;
  const job = useExport(allowed ? jobId : null);
  const list = useExports({ page, pageSize: PAGE_SIZE }, { enabled: allowed });
  const progressRef = useRef<HTMLHeadingElement>(null);
  const [focusProgress, setFocusProgress] = useState(false);
  const refetchList = list.refetch;
  const finished = isExportFinished(job.data);
  useEffect(() => {
    if (finished) void refetchList();
  }, [finished, refetchList]);
  useEffect(() => {
    if (focusProgress && progressRef.current) {
      progressRef.current.focus();
      setFocusProgress(false);
    }
  }, [focusProgress, job.data]);

  if (!allowed) {
    return (
      <div className="page">
        <PageHeader title={t('exports.title')} />
        <p className="note">{t('exports.notAllowed')}</p>
      </div>
    );
  }

  const accepted = EXPORT_FILTERS[kind] as readonly string[];
  const periodValid = filters.period.trim() === '' || isPeriodKey(filters.period.trim());
  const fieldErrors = isApiError(create.error) ? fieldErrorMap(create.error.errors) : new Map<string, string>();
  const set = (key: FilterKey, value: string) => setFilters((current) => ({ ...current, [key]: value }));

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (create.isPending || !periodValid) return;
    create.mutate(exportBody(kind, fileFormat, filters), {
      onSuccess: (created) => {
        const kept = Object.fromEntries(FILTER_KEYS.map((key) => [key, accepted.includes(key) ? filters[key] : null]));
        update({ kind, format: fileFormat, ...kept, job: String(created.id) });
        setFocusProgress(true);
      },
    });
  };

  const textInput = (key: FilterKey, label: string, type = 'text', hint?: string) => {
    const error = fieldErrors.get(key) ?? (key === 'period' && !periodValid ? t('reports.periodInvalid') : undefined);
    const describedBy = [hint ? `${id}-${key}-hint` : null, error ? `${id}-${key}-error` : null].filter(Boolean).join(' ') || undefined;
    return (
      <div className="field" key={key}>
        <label htmlFor={`${id}-${key}`}>{label}</label>
        <input id={`${id}-${key}`} type={type} value={filters[key]} onChange={(e) => set(key, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
        {hint && (
          <p id={`${id}-${key}-hint`} className="hint">
            {hint}
          </p>
        )}
        {error && (
          <p id={`${id}-${key}-error`} className="field-error">
            {key === 'period' && !fieldErrors.has(key) ? error : <>{t('problem.fieldInvalid')} <span lang="en">({error})</span></>}
          </p>
        )}
      </div>
    );
  };

  return (
    <div className="page">
      <PageHeader title={t('exports.title')} lead={<p>{t('exports.lead')}</p>} />

      <section className="card" aria-labelledby={`${id}-new`}>
        <h2 id={`${id}-new`}>{t('exports.new')}</h2>
        <form className="stack" onSubmit={onSubmit}>
          <div className="filter-row">
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t('exports.kind')}</label>
              <select id={`${id}-kind`} value={kind} onChange={(e) => isKind(e.target.value) && setKind(e.target.value)}>
                {EXPORT_KINDS.map((value) => (
                  <option key={value} value={value}>
                    {t(KIND_KEYS[value])}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="fieldset export-formats">
              <legend>{t('exports.format')}</legend>
              {EXPORT_FORMATS.map((value) => (
                <div className="field-check" key={value}>
                  <input id={`${id}-format-${value}`} type="radio" name="format" value={value} checked={fileFormat === value} onChange={() => setFileFormat(value)} />
                  <label htmlFor={`${id}-format-${value}`}>{t(FORMAT_KEYS[value])}</label>
                </div>
              ))}
            </fieldset>
          </div>
          <fieldset className="fieldset">
            <legend>{t('filters.title')}</legend>
            <div className="filter-row">
              <div className="field">
                <label htmlFor={`${id}-under`}>{t('exports.under')}</label>
                <select id={`${id}-under`} value={filters.under} onChange={(e) => set('under', e.target.value)}>
                  {(units.scoped.length ? units.scoped : [user.unit]).map((unit) => (
                    <option key={unit.code} value={unit.code}>
                      {units.name(unit.code)} ({unit.code})
                    </option>
                  ))}
                </select>
              </div>
              {accepted.includes('plan') && (
                <div className="field">
                  <label htmlFor={`${id}-plan`}>{t('filters.plan')}</label>
                  <select id={`${id}-plan`} value={filters.plan} onChange={(e) => set('plan', e.target.value)}>
                    <option value="">{t('filters.all')}</option>
                    {plans.plans.map((plan) => (
                      <option key={plan.code} value={plan.code}>
                        {plans.name(plan.code)}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {accepted.includes('field') && (
                <div className="field">
                  <label htmlFor={`${id}-field`}>{t('filters.field')}</label>
                  <select id={`${id}-field`} value={filters.field} onChange={(e) => set('field', e.target.value)}>
                    <option value="">{t('filters.all')}</option>
                    {FIELDS.map((field) => (
                      <option key={field} value={field}>
                        {fieldName(field)}
                      </option>
                    ))}
                  </select>
                </div>
              )}
              {accepted.includes('period') && textInput('period', t('reports.period'), 'text', t('exports.periodHint'))}
              {accepted.includes('from') && textInput('from', t('todo.from'), 'date')}
              {accepted.includes('to') && textInput('to', t('todo.to'), 'date')}
              {accepted.includes('entity') && textInput('entity', t('audit.entity'))}
              {accepted.includes('actor') && textInput('actor', t('audit.actor'))}
              {accepted.includes('action') && textInput('action', t('audit.action'))}
            </div>
            {(accepted.includes('from') || accepted.includes('to')) && <p className="hint">{kind === 'observations' ? t('exports.fromToObservations') : t('exports.fromToEvents')}</p>}
          </fieldset>
          <div role="alert" className="form-alert">
            {create.isError && <ApiErrorMessage error={create.error} />}
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary" aria-disabled={create.isPending}>
              {create.isPending ? t('exports.starting') : t('exports.start')}
            </button>
          </div>
        </form>
      </section>

      {jobId !== null && (
        <section className="card" aria-labelledby={`${id}-job`}>
          <h2 id={`${id}-job`} ref={progressRef} tabIndex={-1}>
            {t('exports.jobTitle', { id: jobId })}
          </h2>
          {job.isPending && <Loading />}
          {job.isError && <QueryError error={job.error} onRetry={() => void job.refetch()} />}
          {job.data && (
            <>
              <p className="muted">
                {t(KIND_KEYS[isKind(job.data.kind) ? job.data.kind : 'observations'])} · {job.data.format.toUpperCase()} · {filterSummary(job.data.filters) || t('exports.noFilters')}
              </p>
              <ExportProgress job={job.data} onDownload={(name) => downloadExportFile(job.data.id, name)} />
            </>
          )}
        </section>
      )}

      <section className="card" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>
          {t('exports.earlier')}
          {list.data && <span className="muted"> ({format.number(list.data.total)})</span>}
        </h2>
        {list.isPending && <Loading />}
        {list.isError && <QueryError error={list.error} onRetry={() => void list.refetch()} />}
        {list.data && list.data.items.length === 0 && (
          <EmptyState>
            <p>{t('exports.none')}</p>
          </EmptyState>
        )}
        {list.data && list.data.items.length > 0 && (
          <>
            <div className="table-wrap">
              <table className="data-table responsive-table">
                <caption className="visually-hidden">{t('exports.earlier')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('exports.export')}</th>
                    <th scope="col">{t('exports.filtersShort')}</th>
                    <th scope="col">{t('exports.status')}</th>
                    <th scope="col">{t('exports.createdAt')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.data.items.map((item) => (
                    <tr key={item.id} className={item.id === jobId ? 'row-current' : undefined}>
                      <th scope="row" data-label={t('exports.export')}>
                        <button type="button" className="button button-link" aria-current={item.id === jobId ? 'true' : undefined} onClick={() => update({ job: String(item.id) }, { resetPage: false })}>
                          #{item.id} · {t(KIND_KEYS[isKind(item.kind) ? item.kind : 'observations'])} · {item.format.toUpperCase()}
                        </button>
                      </th>
                      <td data-label={t('exports.filtersShort')}>{filterSummary(item.filters) || <span className="muted">{t('exports.noFilters')}</span>}</td>
                      <td data-label={t('exports.status')}>
                        {t(EXPORT_STATUS_KEYS[item.status])}
                        <span className="muted small"> · {t('exports.rows', { written: format.number(item.rowsWritten, 0) })}</span>
                      </td>
                      <td data-label={t('exports.createdAt')}>{format.dateTime(item.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={page} pageSize={PAGE_SIZE} total={list.data.total} label={t('exports.pages')} onPage={(next) => update({ page: String(next) }, { resetPage: false })} />
          </>
        )}
      </section>
    </div>
  );
}

function filterSummary(filters: Record<string, string>): string {
  return Object.entries(filters)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
}
