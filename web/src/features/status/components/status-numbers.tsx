import type { ReactNode } from 'react';
import type { Indicator } from '@tiendo/shared/schemas/indicators';
import type { IndicatorStatusResponse } from '@tiendo/shared/schemas/status';
import { Link } from 'react-router';
import { AppLink } from '../../../components/ui/app-link';
import { StatusBadge } from '../../../components/ui/status-badge';
import { useFormat } from '../../../i18n/format';
import { useI18n } from '../../../i18n/use-t';
import { METHOD_ANCHORS } from '../method-links';

interface StatusNumbersProps {
  status: IndicatorStatusResponse;
  indicator: Pick<Indicator, 'unitLabel' | 'measure'>;
}

/**
 * The numbers behind a status, each named, explained and worked out from the figures next to it,
 * so a leader or an auditor can recompute it by hand (docs/status-method.md).
 */
export function StatusNumbers({ status, indicator }: StatusNumbersProps) {
  const { t } = useI18n();
  const format = useFormat();
  const unit = indicator.unitLabel ?? (indicator.measure === 'percent' ? '%' : '');
  const v = (value: number | null | undefined) => `${format.number(value, 4)}${unit && value != null ? ` ${unit}` : ''}`;
  const { baseline, target, latest, gap, progress, expectedProgress, pace, expectedValue } = status;
  const decreasing = status.direction === 'decrease';
  const maintain = status.direction === 'maintain';
  const n = (value: number) => format.number(value, 4);

  // Why this status, in a sentence: the rule of the method that decided it, with its figures.
  const why = (() => {
    const latestAt = latest ? { latest: v(latest.value), date: format.date(latest.date) } : null;
    const goal = target ? { target: v(target.value), deadline: format.date(target.date) } : null;
    const thresholds = { onTrack: format.number(status.thresholds.onTrack, 2), atRisk: format.number(status.thresholds.atRisk, 2) };
    switch (status.status) {
      case 'missed':
        if (!goal) return null;
        return latestAt ? t('numbers.whyMissed', { ...goal, ...latestAt }) : t('numbers.whyMissedNoData', goal);
      case 'achieved':
        return goal && latestAt ? t('numbers.whyAchieved', { target: goal.target, ...latestAt }) : null;
      case 'no_data':
        return t('numbers.whyNoData');
      case 'on_track':
        if (maintain) return goal && latestAt ? t('numbers.whyWithin', { target: goal.target, latest: latestAt.latest }) : null;
        return pace !== null ? t('numbers.whyOnTrack', { pace: format.decimal4(pace), onTrack: thresholds.onTrack }) : t('numbers.whyOnTrackNoPlan');
      case 'at_risk':
        return pace !== null ? t('numbers.whyAtRisk', { pace: format.decimal4(pace), ...thresholds }) : null;
      case 'off_track':
        if (maintain) return goal && latestAt ? t('numbers.whyOutside', { target: goal.target, latest: latestAt.latest }) : null;
        if (progress !== null && progress < 0) return t('numbers.whyWrongWay');
        return pace !== null ? t('numbers.whyOffTrack', { pace: format.decimal4(pace), atRisk: thresholds.atRisk }) : null;
      default:
        return null;
    }
  })();

  const baselineSource: Record<string, string> = {
    explicit: t('numbers.baselineExplicit'),
    plan_start: t('numbers.baselinePlanStart'),
    earliest: t('numbers.baselineEarliest'),
  };

  return (
    <div className="status-numbers">
      <div className="status-numbers-head">
        <StatusBadge status={status.status} />
        <p className="muted">
          {t('numbers.asOf', { date: format.date(status.asOf) })} · {t('numbers.knownAt', { moment: format.dateTime(status.knownAt) })} ·{' '}
          <Link to={METHOD_ANCHORS.statuses}>{t('numbers.method', { method: status.method })}</Link>
        </p>
      </div>

      {why && <p className="status-why">{why}</p>}

      {status.definitionError && (
        <div className="note note-warning" role="note">
          <p>
            <strong>{t('numbers.definitionError')}</strong> <span lang="en">{status.definitionError.message}</span>{' '}
            <Link to={METHOD_ANCHORS.definitionErrors}>{t('numbers.whatThisMeans')}</Link>
          </p>
        </div>
      )}

      <dl className="numbers-grid">
        <Item term={t('numbers.baseline')} value={baseline ? v(baseline.value) : t('numbers.none')}>
          {baseline && (
            <>
              {format.date(baseline.date)} · {baselineSource[baseline.source] ?? baseline.source}
            </>
          )}
        </Item>
        <Item term={t('numbers.target')} value={target ? v(target.value) : t('numbers.none')}>
          {target && t('numbers.deadline', { date: format.date(target.date) })}
        </Item>
        <Item term={t('numbers.latest')} value={latest ? v(latest.value) : t('numbers.none')}>
          {latest && (
            <>
              {format.date(latest.date)}
              {typeof latest.observationId === 'number' && (
                <>
                  {' · '}
                  <AppLink to={`/observations/${latest.observationId}`}>{t('numbers.seeReport')}</AppLink>
                </>
              )}
            </>
          )}
        </Item>
        {!maintain && (
          <Item term={t('numbers.gap')} value={v(gap)}>
            {gap !== null && baseline && target && (
              <Formula>{decreasing ? `${n(baseline.value)} − ${n(target.value)}` : `${n(target.value)} − ${n(baseline.value)}`}</Formula>
            )}
            {t('numbers.gapExplained')}
          </Item>
        )}
        {!maintain && (
          <Item term={t('numbers.progress')} symbol="p" value={format.decimal4(progress)} extra={progress !== null ? format.percent(progress) : undefined}>
            {progress !== null && baseline && latest && gap !== null && (
              <Formula>{decreasing ? `(${n(baseline.value)} − ${n(latest.value)}) / ${n(gap)}` : `(${n(latest.value)} − ${n(baseline.value)}) / ${n(gap)}`}</Formula>
            )}
            {t('numbers.progressExplained')}
          </Item>
        )}
        {!maintain && (
          <Item term={t('numbers.expectedValue')} symbol="E(tᵥ)" value={v(expectedValue)}>
            {t('numbers.expectedValueExplained', { date: latest ? format.date(latest.date) : '—' })}
          </Item>
        )}
        {!maintain && (
          <Item term={t('numbers.expectedProgress')} symbol="e" value={format.decimal4(expectedProgress)} extra={expectedProgress !== null ? format.percent(expectedProgress) : undefined}>
            {expectedProgress !== null && baseline && expectedValue !== null && gap !== null && (
              <Formula>
                {decreasing ? `(${n(baseline.value)} − ${n(expectedValue)}) / ${n(gap)}` : `(${n(expectedValue)} − ${n(baseline.value)}) / ${n(gap)}`}
              </Formula>
            )}
            {t('numbers.expectedProgressExplained')}
          </Item>
        )}
        {!maintain && (
          <Item term={t('numbers.pace')} symbol="r" value={format.decimal4(pace)}>
            {pace !== null && progress !== null && expectedProgress !== null && <Formula>{`${format.decimal4(progress)} / ${format.decimal4(expectedProgress)}`}</Formula>}
            {pace === null && progress !== null ? t('numbers.paceUndefined') : t('numbers.paceExplained')}
          </Item>
        )}
        {maintain && (
          <Item term={t('numbers.tolerance')} value={status.tolerance !== null ? `± ${v(status.tolerance)}` : t('numbers.none')}>
            {t('numbers.toleranceExplained')}
          </Item>
        )}
        <Item
          term={t('numbers.thresholds')}
          value={`${format.number(status.thresholds.onTrack, 2)} / ${format.number(status.thresholds.atRisk, 2)}`}
        >
          {t('numbers.thresholdsExplained', {
            onTrack: format.number(status.thresholds.onTrack, 2),
            atRisk: format.number(status.thresholds.atRisk, 2),
          })}{' '}
          <Link to={METHOD_ANCHORS.statuses}>{t('numbers.readMethod')}</Link>
        </Item>
        <Item
          term={t('numbers.forecast')}
          value={status.forecast !== null ? v(status.forecast) : t('numbers.noForecast')}
          extra={status.projectedMet === null ? undefined : status.projectedMet ? t('numbers.projectedMet') : t('numbers.projectedNotMet')}
        >
          {status.forecast !== null ? (
            <>
              {t('numbers.forecastExplained', { slope: format.number(status.slopePerYear, 4), points: format.number(status.forecastPoints) })}
            </>
          ) : (
            t('numbers.forecastNeeds', { points: format.number(status.forecastPoints) })
          )}{' '}
          <Link to={METHOD_ANCHORS.forecast}>{t('numbers.readMethod')}</Link>
        </Item>
      </dl>
      <p className="muted small">
        {t('numbers.rounding')} <Link to={METHOD_ANCHORS.numbers}>{t('numbers.readMethod')}</Link>
      </p>
    </div>
  );
}

function Item({
  term,
  symbol,
  value,
  extra,
  children,
}: {
  term: string;
  symbol?: string;
  value: string;
  extra?: string | undefined;
  children?: ReactNode;
}) {
  return (
    <div className="numbers-item">
      <dt>
        {term}
        {symbol && <span className="symbol"> ({symbol})</span>}
      </dt>
      <dd>
        <span className="numbers-value">{value}</span>
        {extra && <span className="numbers-extra"> · {extra}</span>}
        {children && <span className="numbers-explain">{children}</span>}
      </dd>
    </div>
  );
}

function Formula({ children }: { children: string }) {
  return <span className="formula">= {children}. </span>;
}
