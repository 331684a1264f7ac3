import type { ReportData, ReportGroup, ReportItem } from '@tiendo/shared/schemas/reports';
import type { RollupGroup } from '@tiendo/shared/schemas/status';
import { useId } from 'react';
import { AppLink } from '../../../components/ui/app-link';
import { StatusBadge, isStatusName } from '../../../components/ui/status-badge';
import { useFormat } from '../../../i18n/format';
import { periodLabel } from '../../../i18n/period-label';
import { useI18n } from '../../../i18n/use-t';
import { RollupTable } from '../../status/components/rollup-table';
import { StatusCounts } from '../../status/components/status-counts';

/** A report row as the roll-up table shows it; the report's labels are the Vietnamese ones it prints. */
const asRollup = (group: ReportGroup): RollupGroup => ({
  key: group.key,
  label: { vi: group.documentRef ? `${group.label} (${group.documentRef})` : group.label, en: null },
  status: group.status,
  counts: group.counts,
  total: group.total,
  withData: group.withData,
  progress: group.progress,
  expectedProgress: group.expectedProgress,
  pace: group.pace,
  indicatorsUrl: '',
});

/**
 * What the report's documents say, on screen: the header block as printed, the overall result,
 * P, Ē and R by field and by plan, and every target needing attention with its latest value and
 * the comment reported with it. The printed texts (header, title, labels) stay in Vietnamese.
 */
export function ReportPreview({ data }: { data: ReportData }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const id = useId();
  return (
    <div className="stack report-preview">
      <section className="card report-doc" aria-labelledby={`${id}-doc`} lang="vi">
        <h2 id={`${id}-doc`} className="visually-hidden">
          {t('reports.headerBlock')}
        </h2>
        {data.state === 'draft' && <p className="report-draft-mark">DỰ THẢO</p>}
        <div className="report-doc-header">
          <div className="report-doc-issuer">
            {data.issuingBody.superior && <p>{data.issuingBody.superior}</p>}
            <p className="report-doc-strong">{data.issuingBody.name}</p>
            <p>Số: {data.number}</p>
          </div>
          <div className="report-doc-nation">
            <p className="report-doc-strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
            <p className="report-doc-motto">Độc lập - Tự do - Hạnh phúc</p>
            <p className="report-doc-date">{data.dateLine}</p>
          </div>
        </div>
        <p className="report-doc-type">{data.type}</p>
        <p className="report-doc-title">{data.title}</p>
      </section>

      <section className="card" aria-labelledby={`${id}-overall`}>
        <h2 id={`${id}-overall`}>{t('reports.overall')}</h2>
        <p>
          {t('reports.basis', { period: periodLabel(data.period.key, locale), asOf: format.date(data.asOf), knownAt: format.dateTime(data.knownAt) })}{' '}
          <AppLink to="/method">{data.method}</AppLink>
        </p>
        <StatusCounts counts={data.overall.counts} />
        <dl className="facts">
          <div>
            <dt>{t('rollup.status')}</dt>
            <dd>{isStatusName(data.overall.status) ? <StatusBadge status={data.overall.status} /> : data.overall.status}</dd>
          </div>
          <div>
            <dt>{t('rollup.total')}</dt>
            <dd>
              {format.number(data.overall.total)} <span className="muted small">({t('rollup.withData', { count: format.number(data.overall.withData) })})</span>
            </dd>
          </div>
          <div>
            <dt>{t('rollup.progressLong')}</dt>
            <dd>{format.decimal4(data.overall.progress)}</dd>
          </div>
          <div>
            <dt>{t('rollup.expectedLong')}</dt>
            <dd>{format.decimal4(data.overall.expectedProgress)}</dd>
          </div>
          <div>
            <dt>{t('rollup.paceLong')}</dt>
            <dd>{format.decimal4(data.overall.pace)}</dd>
          </div>
        </dl>
        {data.excluded > 0 && <p className="muted">{t('reports.excluded', { count: format.number(data.excluded) })}</p>}
      </section>

      <section className="card" aria-labelledby={`${id}-field`}>
        <h2 id={`${id}-field`}>{t('reports.byField')}</h2>
        <RollupTable groups={data.byField.map(asRollup)} caption={t('reports.byField')} groupHeader={t('filters.field')} linkFor={() => null} />
      </section>

      <section className="card" aria-labelledby={`${id}-plan`}>
        <h2 id={`${id}-plan`}>{t('reports.byPlan')}</h2>
        {data.byPlan.length === 0 ? (
          <p className="muted">{t('reports.noPlans')}</p>
        ) : (
          <RollupTable groups={data.byPlan.map(asRollup)} caption={t('reports.byPlan')} groupHeader={t('filters.plan')} linkFor={() => null} />
        )}
      </section>

      <section className="card" aria-labelledby={`${id}-attention`}>
        <h2 id={`${id}-attention`}>
          {t('reports.attention')} <span className="muted">({format.number(data.attention.length)})</span>
        </h2>
        {data.attention.length === 0 ? <p>{t('reports.noAttention')}</p> : <AttentionTable items={data.attention} caption={t('reports.attention')} />}
      </section>

      <section className="card" aria-labelledby={`${id}-sign`}>
        <h2 id={`${id}-sign`}>{t('reports.signatureBlock')}</h2>
        <div className="report-doc-footer" lang="vi">
          <div>
            <p className="report-doc-recipients-title">Nơi nhận:</p>
            <ul className="plain-list">
              {data.recipients.map((recipient, index) => (
                <li key={`${index}:${recipient}`}>- {recipient}{index === data.recipients.length - 1 ? '.' : ';'}</li>
              ))}
            </ul>
          </div>
          <div className="report-doc-signer">
            {data.signer.title.map((line, index) => (
              <p key={`${index}:${line}`} className="report-doc-strong">
                {line}
              </p>
            ))}
            <p className="report-doc-strong report-doc-signer-name">{data.signer.name}</p>
          </div>
        </div>
      </section>
    </div>
  );
}

function AttentionTable({ items, caption }: { items: ReportItem[]; caption: string }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  const value = (v: number, unit: string) => `${format.number(v, 4)}${unit ? (unit === '%' ? (locale === 'vi' ? ' %' : '%') : ` ${unit}`) : ''}`;
  return (
    <div className="table-wrap">
      <table className="data-table responsive-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('todo.target')}</th>
            <th scope="col">{t('rollup.status')}</th>
            <th scope="col">{t('reports.targetValue')}</th>
            <th scope="col">{t('reports.latest')}</th>
            <th scope="col" className="numeric">
              <abbr title={t('numbers.progress')}>P</abbr>
            </th>
            <th scope="col" className="numeric">
              <abbr title={t('rollup.expected')}>E</abbr>
            </th>
            <th scope="col" className="numeric">
              <abbr title={t('numbers.pace')}>r</abbr>
            </th>
            <th scope="col">{t('reports.comment')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={`${item.code}:${item.unitCode}`}>
              <th scope="row" data-label={t('todo.target')}>
                <AppLink to={`/targets/${encodeURIComponent(item.code)}`}>{item.code}</AppLink>{' '}
                <span lang="vi">{item.name}</span>
                <span className="muted small">
                  {' '}
                  · <span lang="vi">{item.fieldLabel}</span>
                  {item.planRef && <> · {item.planRef}</>}
                </span>
              </th>
              <td data-label={t('rollup.status')}>{isStatusName(item.status) ? <StatusBadge status={item.status} /> : item.status}</td>
              <td data-label={t('reports.targetValue')}>
                {item.target ? `${value(item.target.value, item.valueUnit)} (${format.date(item.target.date)})` : '—'}
                {item.baseline && (
                  <span className="muted small">
                    {' '}
                    · {t('reports.baseline')} {value(item.baseline.value, item.valueUnit)} ({format.date(item.baseline.date)})
                  </span>
                )}
              </td>
              <td data-label={t('reports.latest')}>
                {item.latest ? (
                  <>
                    {value(item.latest.value, item.valueUnit)}
                    <span className="muted small"> ({item.latest.period ? periodLabel(item.latest.period, locale) : format.date(item.latest.date)})</span>
                  </>
                ) : (
                  '—'
                )}
              </td>
              <td className="numeric" data-label="P">
                {format.decimal4(item.progress)}
              </td>
              <td className="numeric" data-label="E">
                {format.decimal4(item.expectedProgress)}
              </td>
              <td className="numeric" data-label="r">
                {format.decimal4(item.pace)}
              </td>
              <td data-label={t('reports.comment')}>{item.latest?.comment ? <span lang="vi">{item.latest.comment}</span> : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
