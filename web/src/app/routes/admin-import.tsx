import type { ImportBody, ImportResult } from '@tiendo/shared/schemas/imports';
import { useId, useState } from 'react';
import { AdminOnly } from '../../components/ui/admin-only';
import { ApiErrorMessage } from '../../components/ui/api-error-message';
import { PageHeader } from '../../components/ui/page-header';
import { Pagination } from '../../components/ui/pagination';
import { useToast } from '../../components/ui/toast';
import { useCurrentUser } from '../../features/auth/current-user';
import { useRunImport } from '../../features/imports/api/run-import';
import { useFormat } from '../../i18n/format';
import { useI18n } from '../../i18n/use-t';
import { isApiError, type ApiError, type ImportProblem } from '../../lib/api-client';

const FILES = ['units', 'plans', 'indicators', 'observations'] as const;
type FileKey = (typeof FILES)[number] | 'workbook';
const ALL_KEYS: FileKey[] = [...FILES, 'workbook'];

/** A file's bytes as base64, in slices (a whole workbook at once would overflow the call stack). */
async function toBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
const PROBLEMS_PER_PAGE = 100;

/**
 * How many problems the import has in all. The answer lists at most the first 1,000 and gives the
 * full count as `total`, which the API client carries as `problemsTotal`; without it, the listed count.
 */
function problemTotal(error: ApiError, listed: number): number {
  const total = error.problemsTotal;
  return total !== undefined && Number.isInteger(total) && total >= listed ? total : listed;
}

/**
 * Importing the four CSV files: a dry run first lists every problem (file, line, column, what is
 * wrong) or what would change; only a clean dry run of the same files can then be written.
 */
export default function AdminImportPage() {
  const { t } = useI18n();
  const format = useFormat();
  const me = useCurrentUser();
  const toast = useToast();
  const id = useId();
  const [files, setFiles] = useState<Partial<Record<FileKey, File>>>({});
  const [checkedFor, setCheckedFor] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [problems, setProblems] = useState<ImportProblem[] | null>(null);
  const [problemCount, setProblemCount] = useState(0);
  const [problemPage, setProblemPage] = useState(1);
  const run = useRunImport();
  const fingerprint = ALL_KEYS.map((key) => (files[key] ? `${key}:${files[key]!.name}:${files[key]!.size}:${files[key]!.lastModified}` : '')).join('|');
  const hasFiles = ALL_KEYS.some((key) => files[key]);
  const cleanDryRun = checkedFor === fingerprint && result?.dryRun === true;

  const send = async (dryRun: boolean) => {
    const body: ImportBody = { files: {}, dryRun };
    for (const key of FILES) {
      const file = files[key];
      if (file) body.files[key] = await file.text();
    }
    if (files.workbook) {
      body.files.workbook = await toBase64(files.workbook);
      body.files.workbookName = files.workbook.name;
    }
    setProblems(null);
    setResult(null);
    run.mutate(body, {
      onSuccess: (outcome) => {
        setResult(outcome);
        setCheckedFor(dryRun ? fingerprint : null);
        if (!dryRun) toast.show(t('import.done'));
      },
      onError: (error) => {
        setCheckedFor(null);
        if (isApiError(error) && error.problems) {
          setProblems(error.problems);
          setProblemCount(problemTotal(error, error.problems.length));
          setProblemPage(1);
        }
      },
    });
  };

  if (me.role !== 'admin') return <AdminOnly title={t('import.title')} />;
  const shownProblems = problems?.slice((problemPage - 1) * PROBLEMS_PER_PAGE, problemPage * PROBLEMS_PER_PAGE) ?? [];
  return (
    <div className="page">
      <PageHeader title={t('import.title')} lead={<p>{t('import.lead')}</p>} />
      <section className="card" aria-labelledby={`${id}-files`}>
        <h2 id={`${id}-files`}>{t('import.files')}</h2>
        <div className="form-grid">
          {ALL_KEYS.map((key) => (
            <div className="field" key={key}>
              <label htmlFor={`${id}-${key}`}>{key === 'workbook' ? t('import.workbook') : `${key}.csv`}</label>
              <input
                id={`${id}-${key}`}
                type="file"
                accept={key === 'workbook' ? '.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : '.csv,text/csv'}
                onChange={(event) => {
                  const file = event.target.files?.[0];
                  setFiles((current) => {
                    const next = { ...current };
                    if (file) next[key] = file;
                    else delete next[key];
                    return next;
                  });
                }}
              />
            </div>
          ))}
        </div>
        <p className="hint">{t('import.filesHint')}</p>
        <div className="button-row">
          <button type="button" className="button button-primary" aria-disabled={!hasFiles || run.isPending} onClick={() => hasFiles && !run.isPending && void send(true)}>
            {run.isPending && run.variables?.dryRun ? t('import.checking') : t('import.dryRun')}
          </button>
          <button
            type="button"
            className="button button-secondary"
            aria-disabled={!cleanDryRun || run.isPending}
            aria-describedby={`${id}-write-hint`}
            onClick={() => cleanDryRun && !run.isPending && void send(false)}
          >
            {run.isPending && run.variables?.dryRun === false ? t('import.writing') : t('import.write')}
          </button>
        </div>
        <p id={`${id}-write-hint`} className="hint">
          {cleanDryRun ? t('import.readyToWrite') : t('import.writeNeedsDryRun')}
        </p>
      </section>

      <section className="card" aria-labelledby={`${id}-outcome`} aria-live="polite">
        <h2 id={`${id}-outcome`}>{t('import.outcome')}</h2>
        {!result && !problems && !run.isError && <p className="muted">{t('import.nothingYet')}</p>}
        {run.isError && !problems && (
          <div role="alert" className="form-alert">
            <ApiErrorMessage error={run.error} />
          </div>
        )}
        {result && (
          <>
            <p>{result.dryRun ? t('import.dryRunOk') : t('import.written', { id: result.importId ?? '—' })}</p>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{t('import.outcome')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.file')}</th>
                    <th scope="col" className="numeric">
                      {t('import.created')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('import.updated')}
                    </th>
                    <th scope="col" className="numeric">
                      {t('import.unchanged')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {FILES.map((key) => (
                    <tr key={key}>
                      <th scope="row">{key}.csv</th>
                      <td className="numeric">{format.number(result[key].created)}</td>
                      <td className="numeric">{format.number(result[key].updated)}</td>
                      <td className="numeric">{format.number(result[key].unchanged)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {problems && (
          <>
            <div role="alert" className="form-alert">
              <p>
                {problemCount > problems.length
                  ? t('import.problemsTruncated', { shown: format.number(problems.length), total: format.number(problemCount) })
                  : t('import.problems', { count: format.number(problems.length) })}
              </p>
            </div>
            <div className="table-wrap">
              <table className="data-table responsive-table">
                <caption className="visually-hidden">{t('import.problemsCaption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.file')}</th>
                    <th scope="col" className="numeric">
                      {t('import.line')}
                    </th>
                    <th scope="col">{t('import.column')}</th>
                    <th scope="col">{t('import.message')}</th>
                  </tr>
                </thead>
                <tbody>
                  {shownProblems.map((problem, index) => (
                    <tr key={`${problem.file}-${problem.line}-${problem.column}-${index}`}>
                      <th scope="row" data-label={t('import.file')}>
                        {problem.file}
                        {problem.sheet && <span className="muted"> › {problem.sheet}</span>}
                      </th>
                      <td data-label={t('import.line')} className="numeric">
                        {format.number(problem.line)}
                      </td>
                      <td data-label={t('import.column')}>{problem.column ?? '—'}</td>
                      <td data-label={t('import.message')}>
                        {problem.message} <span className="muted small">({problem.code})</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={problemPage} pageSize={PROBLEMS_PER_PAGE} total={problems.length} label={t('import.problemsCaption')} onPage={setProblemPage} />
          </>
        )}
      </section>
    </div>
  );
}
