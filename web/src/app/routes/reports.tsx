import { REPORT_STATES, type ReportListQuery, type ReportState } from '@tiendo/shared/schemas/reports';
import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { AppLink } from '../../components/ui/app-link';
import { Dialog } from '../../components/ui/dialog';
import { DataTable, ListCard } from '../../components/ui/list-card';
import { PageHeader } from '../../components/ui/page-header';
import { useToast } from '../../components/ui/toast';
import { useCurrentUser } from '../../features/auth/current-user';
import { useReports } from '../../features/reports/api/get-reports';
import { useCreateReport } from '../../features/reports/api/save-report';
import { ReportForm } from '../../features/reports/components/report-form';
import { ReportStateBadge } from '../../features/reports/components/report-state-badge';
import { defaultReportValues } from '../../features/reports/report-values';
import { useUnitNames } from '../../features/units/use-unit-names';
import { useFormat } from '../../i18n/format';
import { periodLabel } from '../../i18n/period-label';
import { useI18n } from '../../i18n/use-t';
import { useSearchState } from '../../lib/url-state';

const PAGE_SIZE = 25;
const PERIOD = /^\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$/;

/** Periodic status reports of a unit: the list, and a new draft (leaders; auditors and admins read). */
export default function ReportsPage() {
  const { t, locale } = useI18n();
  const format = useFormat();
  const user = useCurrentUser();
  const toast = useToast();
  const navigate = useNavigate();
  const id = useId();
  const units = useUnitNames();
  const { values, update, page } = useSearchState(['unit', 'period', 'state'] as const);
  const [period, setPeriod] = useState(values.period);
  const [creating, setCreating] = useState(false);
  const create = useCreateReport();
  const allowed = user.role !== 'staff';
  const periodValid = period.trim() === '' || PERIOD.test(period.trim());
  const query: ReportListQuery = {
    unit: values.unit || undefined,
    period: PERIOD.test(values.period) ? values.period : undefined,
    state: (REPORT_STATES as readonly string[]).includes(values.state) ? (values.state as ReportState) : undefined,
    page,
    pageSize: PAGE_SIZE,
  };
  const list = useReports(query, { enabled: allowed });
  const unitOptions = (units.scoped.length ? units.scoped : [user.unit]).map((unit) => ({ code: unit.code, label: `${units.name(unit.code)} (${unit.code})` }));

  if (!allowed) {
    return (
      <div className="page">
        <PageHeader title={t('reports.title')} />
        <p className="note">{t('reports.notAllowed')}</p>
      </div>
    );
  }

  const onFilter = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (periodValid) update({ period: period.trim() });
  };

  return (
    <div className="page">
      <PageHeader
        title={t('reports.title')}
        lead={<p>{t('reports.lead')}</p>}
        actions={
          user.role === 'leader' && (
            <button type="button" className="button button-primary" onClick={() => setCreating(true)}>
              {t('reports.new')}
            </button>
          )
        }
      />
      <section className="card filters" aria-labelledby={`${id}-filters`}>
        <h2 id={`${id}-filters`}>{t('filters.title')}</h2>
        <form className="stack" onSubmit={onFilter}>
          <div className="filter-row">
            <div className="field">
              <label htmlFor={`${id}-unit`}>{t('filters.unit')}</label>
              <select id={`${id}-unit`} value={values.unit} onChange={(e) => update({ unit: e.target.value })}>
                <option value="">{t('reports.allUnits')}</option>
                {unitOptions.map((unit) => (
                  <option key={unit.code} value={unit.code}>
                    {unit.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-period`}>{t('reports.period')}</label>
              <input
                id={`${id}-period`}
                value={period}
                onChange={(e) => setPeriod(e.target.value)}
                aria-invalid={periodValid ? undefined : true}
                aria-describedby={`${id}-period-hint`}
              />
              <p id={`${id}-period-hint`} className={periodValid ? 'hint' : 'field-error'}>
                {periodValid ? t('reports.periodHint') : t('reports.periodInvalid')}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-state`}>{t('reports.state')}</label>
              <select id={`${id}-state`} value={values.state} onChange={(e) => update({ state: e.target.value })}>
                <option value="">{t('filters.all')}</option>
                <option value="draft">{t('reports.stateDraft')}</option>
                <option value="frozen">{t('reports.stateFrozen')}</option>
              </select>
            </div>
          </div>
          <div className="button-row">
            <button type="submit" className="button button-primary">
              {t('filters.apply')}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setPeriod('');
                update({ unit: null, period: null, state: null });
              }}
            >
              {t('filters.clear')}
            </button>
          </div>
        </form>
      </section>

      <ListCard
        title={t('reports.list')}
        query={list}
        what={t('reports.what')}
        empty={t('reports.empty')}
        pagination={{ page, pageSize: PAGE_SIZE, label: t('reports.pages'), onPage: (next) => update({ page: String(next) }, { resetPage: false }) }}
      >
        {(items) => (
          <DataTable
            caption={t('reports.list')}
            columns={[{ label: t('reports.number') }, { label: t('reports.period') }, { label: t('reports.unit') }, { label: t('reports.issuedOn') }, { label: t('reports.state') }]}
          >
            {items.map((report) => (
              <tr key={report.id}>
                <th scope="row" data-label={t('reports.number')}>
                  <AppLink to={`/reports/${report.id}`}>{t('reports.numbered', { number: report.number })}</AppLink>
                </th>
                <td data-label={t('reports.period')}>{periodLabel(report.period, locale)}</td>
                <td data-label={t('reports.unit')}>{units.name(report.unitCode)}</td>
                <td data-label={t('reports.issuedOn')}>{format.date(report.issuedOn)}</td>
                <td data-label={t('reports.state')}>
                  <ReportStateBadge state={report.state} />
                  {report.frozenAt && <span className="muted small"> {format.dateTime(report.frozenAt)}</span>}
                </td>
              </tr>
            ))}
          </DataTable>
        )}
      </ListCard>

      <Dialog open={creating} title={t('reports.new')} onClose={() => setCreating(false)} wide>
        <ReportForm
          mode="create"
          initial={defaultReportValues(user, units.units)}
          units={unitOptions}
          onSubmit={async (body) => {
            const report = await create.mutateAsync(body);
            toast.show(t('reports.created'));
            setCreating(false);
            void navigate(`/reports/${report.id}`);
          }}
          onCancel={() => setCreating(false)}
        />
      </Dialog>
    </div>
  );
}
