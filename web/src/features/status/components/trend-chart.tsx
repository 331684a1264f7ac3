import { useId } from 'react';
import { AppLink } from '../../../components/ui/app-link';
import { useFormat } from '../../../i18n/format';
import { useI18n } from '../../../i18n/use-t';

export interface DatedValue {
  date: string;
  value: number;
}

export interface ActualPoint extends DatedValue {
  period: string;
  observationId: number;
}

export interface TrendData {
  baseline: DatedValue | null;
  milestones: DatedValue[];
  target: DatedValue | null;
  /** Accepted values, as the status reads them. */
  actual: ActualPoint[];
  /** The least-squares line, from its first figure to the deadline. */
  forecast: { from: DatedValue; to: DatedValue } | null;
  asOf: string;
}

interface TrendChartProps {
  data: TrendData;
  unitLabel: string;
  /** Names the figure for assistive technology, e.g. the target's name. */
  title: string;
}

const W = 720;
const H = 300;
const M = { top: 16, right: 24, bottom: 36, left: 64 };

const dayNumber = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / 86_400_000;

/** Round steps for the value axis: 1, 2 or 5 times a power of ten. */
function niceTicks(min: number, max: number, count = 5): number[] {
  if (min === max) return [min];
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? raw;
  const ticks: number[] = [];
  for (let tick = Math.ceil(min / step) * step; tick <= max + step * 1e-9; tick += step) ticks.push(Number(tick.toPrecision(12)));
  return ticks;
}

/**
 * A target's path: the plan's line from the baseline through the milestones to the target, the
 * accepted values, and the forecast. Lines differ by pattern and markers by shape, not only by
 * colour; the table after the chart holds every number it draws.
 */
export function TrendChart({ data, unitLabel, title }: TrendChartProps) {
  const { t } = useI18n();
  const format = useFormat();
  const id = useId();

  const plan: DatedValue[] = [data.baseline, ...data.milestones, data.target].filter((p): p is DatedValue => p !== null);
  const forecast = data.forecast ? [data.forecast.from, data.forecast.to] : [];
  const all = [...plan, ...data.actual, ...forecast];
  if (all.length === 0) return <p className="muted">{t('chart.noData')}</p>;

  const days = [...all.map((p) => dayNumber(p.date)), dayNumber(data.asOf)];
  let x0 = Math.min(...days);
  let x1 = Math.max(...days);
  if (x0 === x1) {
    x0 -= 180;
    x1 += 180;
  }
  const values = all.map((p) => p.value);
  let y0 = Math.min(...values);
  let y1 = Math.max(...values);
  const pad = (y1 - y0) * 0.1 || Math.abs(y1) * 0.1 || 1;
  y0 -= pad;
  y1 += pad;
  // A quantity that cannot be negative starts from zero when zero is near.
  if (y0 < 0 && Math.min(...values) >= 0) y0 = 0;

  const sx = (date: string) => M.left + ((dayNumber(date) - x0) / (x1 - x0)) * (W - M.left - M.right);
  const sy = (value: number) => M.top + (1 - (value - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const path = (points: DatedValue[]) => points.map((p, i) => `${i === 0 ? 'M' : 'L'}${sx(p.date).toFixed(1)},${sy(p.value).toFixed(1)}`).join(' ');

  const yTicks = niceTicks(y0, y1);
  const firstYear = new Date(x0 * 86_400_000).getUTCFullYear();
  const lastYear = new Date(x1 * 86_400_000).getUTCFullYear();
  const yearStep = Math.max(1, Math.ceil((lastYear - firstYear + 1) / 8));
  const xTicks: string[] = [];
  for (let year = firstYear + 1; year <= lastYear; year += yearStep) xTicks.push(`${year}-01-01`);
  const actualSorted = [...data.actual].sort((a, b) => a.date.localeCompare(b.date));
  const asOfInside = dayNumber(data.asOf) >= x0 && dayNumber(data.asOf) <= x1;

  const describe = [
    data.baseline ? t('chart.descBaseline', { value: format.number(data.baseline.value, 4), date: format.date(data.baseline.date) }) : null,
    data.target ? t('chart.descTarget', { value: format.number(data.target.value, 4), date: format.date(data.target.date) }) : null,
    actualSorted.length
      ? t('chart.descActual', {
          count: actualSorted.length,
          value: format.number(actualSorted[actualSorted.length - 1]!.value, 4),
          date: format.date(actualSorted[actualSorted.length - 1]!.date),
        })
      : t('chart.descNoActual'),
    data.forecast ? t('chart.descForecast', { value: format.number(data.forecast.to.value, 4), date: format.date(data.forecast.to.date) }) : null,
  ]
    .filter(Boolean)
    .join(' ');

  return (
    <figure className="trend-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="trend-chart-svg">
        <title id={`${id}-title`}>{t('chart.title', { name: title })}</title>
        <desc id={`${id}-desc`}>{describe}</desc>
        <g className="chart-grid">
          {yTicks.map((tick) => (
            <g key={tick}>
              <line x1={M.left} x2={W - M.right} y1={sy(tick)} y2={sy(tick)} stroke="#d3dce2" strokeWidth="1" />
              <text x={M.left - 8} y={sy(tick) + 4} textAnchor="end" fontSize="12" fill="#52606d">
                {format.number(tick, 2)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <g key={tick}>
              <line x1={sx(tick)} x2={sx(tick)} y1={H - M.bottom} y2={H - M.bottom + 5} stroke="#52606d" strokeWidth="1" />
              <text x={sx(tick)} y={H - M.bottom + 20} textAnchor="middle" fontSize="12" fill="#52606d">
                {tick.slice(0, 4)}
              </text>
            </g>
          ))}
          <line x1={M.left} x2={W - M.right} y1={H - M.bottom} y2={H - M.bottom} stroke="#52606d" strokeWidth="1" />
          {unitLabel && (
            <text x={8} y={M.top + 4} fontSize="12" fill="#52606d">
              {unitLabel}
            </text>
          )}
        </g>
        {asOfInside && (
          <g>
            <line x1={sx(data.asOf)} x2={sx(data.asOf)} y1={M.top} y2={H - M.bottom} stroke="#1a56db" strokeWidth="1.5" strokeDasharray="2 3" />
            <text x={sx(data.asOf) + 4} y={M.top + 12} fontSize="12" fill="#1a56db">
              {t('chart.asOf')}
            </text>
          </g>
        )}
        {plan.length > 1 && <path d={path(plan)} fill="none" stroke="#52606d" strokeWidth="2" strokeDasharray="7 5" />}
        {forecast.length === 2 && <path d={path(forecast)} fill="none" stroke="#b54708" strokeWidth="2" strokeDasharray="2 4" strokeLinecap="round" />}
        {actualSorted.length > 1 && <path d={path(actualSorted)} fill="none" stroke="#0b5e6b" strokeWidth="2.5" />}
        {data.baseline && <rect x={sx(data.baseline.date) - 5} y={sy(data.baseline.value) - 5} width="10" height="10" fill="#ffffff" stroke="#52606d" strokeWidth="2" />}
        {data.milestones.map((m) => (
          <path key={m.date} d={`M${sx(m.date)},${sy(m.value) - 7} l7,7 l-7,7 l-7,-7 z`} fill="#ffffff" stroke="#52606d" strokeWidth="2" />
        ))}
        {data.target && (
          <path d={`M${sx(data.target.date)},${sy(data.target.value) - 8} l8,14 h-16 z`} fill="#52606d" stroke="#52606d" strokeWidth="1" />
        )}
        {actualSorted.map((p) => (
          <circle key={`${p.observationId}`} cx={sx(p.date)} cy={sy(p.value)} r="5" fill="#0b5e6b" stroke="#ffffff" strokeWidth="1.5" />
        ))}
      </svg>
      <figcaption>
        <ul className="chart-legend">
          <li>
            <svg width="28" height="12" aria-hidden="true">
              <line x1="0" x2="28" y1="6" y2="6" stroke="#0b5e6b" strokeWidth="2.5" />
              <circle cx="14" cy="6" r="4" fill="#0b5e6b" />
            </svg>
            {t('chart.actual')}
          </li>
          <li>
            <svg width="28" height="12" aria-hidden="true">
              <line x1="0" x2="28" y1="6" y2="6" stroke="#52606d" strokeWidth="2" strokeDasharray="7 5" />
            </svg>
            {t('chart.plan')}
          </li>
          <li>
            <svg width="14" height="12" aria-hidden="true">
              <rect x="2" y="1" width="10" height="10" fill="#ffffff" stroke="#52606d" strokeWidth="2" />
            </svg>
            {t('chart.baseline')}
          </li>
          {data.milestones.length > 0 && (
            <li>
              <svg width="16" height="16" aria-hidden="true">
                <path d="M8,1 l7,7 l-7,7 l-7,-7 z" fill="#ffffff" stroke="#52606d" strokeWidth="2" />
              </svg>
              {t('chart.milestone')}
            </li>
          )}
          <li>
            <svg width="16" height="14" aria-hidden="true">
              <path d="M8,0 l8,14 h-16 z" fill="#52606d" />
            </svg>
            {t('chart.target')}
          </li>
          {data.forecast && (
            <li>
              <svg width="28" height="12" aria-hidden="true">
                <line x1="0" x2="28" y1="6" y2="6" stroke="#b54708" strokeWidth="2" strokeDasharray="2 4" strokeLinecap="round" />
              </svg>
              {t('chart.forecast')}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
}

/** Every number the chart draws, in date order: the chart's text alternative and the target's history. */
export function TrendTable({ data, unitLabel, caption }: { data: TrendData; unitLabel: string; caption: string }) {
  const { t, locale } = useI18n();
  const format = useFormat();
  type Row = { date: string; kind: string; value: number; link?: string; period?: string };
  const rows: Row[] = [
    ...(data.baseline ? [{ date: data.baseline.date, kind: t('chart.baseline'), value: data.baseline.value }] : []),
    ...data.milestones.map((m) => ({ date: m.date, kind: t('chart.milestone'), value: m.value })),
    ...(data.target ? [{ date: data.target.date, kind: t('chart.target'), value: data.target.value }] : []),
    ...data.actual.map((p) => ({ date: p.date, kind: t('chart.actual'), value: p.value, link: `/observations/${p.observationId}`, period: p.period })),
    ...(data.forecast ? [{ date: data.forecast.to.date, kind: t('chart.forecastAtDeadline'), value: data.forecast.to.value }] : []),
  ].sort((a, b) => a.date.localeCompare(b.date) || a.kind.localeCompare(b.kind, locale));
  if (rows.length === 0) return null;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('chart.date')}</th>
            <th scope="col">{t('chart.kind')}</th>
            <th scope="col" className="numeric">
              {unitLabel ? t('chart.valueIn', { unit: unitLabel }) : t('chart.value')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.date}-${row.kind}-${index}`}>
              <td data-label={t('chart.date')}>{format.date(row.date)}</td>
              <td data-label={t('chart.kind')}>
                {row.link ? <AppLink to={row.link}>{row.kind}</AppLink> : row.kind}
              </td>
              <td data-label={t('chart.value')} className="numeric">
                {format.number(row.value, 4)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
