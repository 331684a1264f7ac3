import type { Indicator } from '@tiendo/shared/schemas/indicators';
import { useMemo } from 'react';
import { Loading } from '../../../components/ui/loading';
import { QueryError } from '../../../components/ui/query-error';
import { useLocalizedName } from '../../../components/ui/localized';
import { useT } from '../../../i18n/use-t';
import { useObservations } from '../../observations/api/get-observations';
import { useIndicatorStatus } from '../api/get-indicator-status';
import { buildTrendData } from '../trend-data';
import { TrendChart, TrendTable } from './trend-chart';

interface TargetHistoryProps {
  indicator: Indicator;
  /** The as-of date and known-at day of the status (both optional: today, now). */
  when: { asOf?: string; knownAt?: string };
  /** The heading level of the section's title. */
  headingLevel?: 2 | 3;
}

/** A target's history as a chart and as a table: the plan's path, every accepted value, the forecast. */
export function TargetHistory({ indicator, when, headingLevel = 2 }: TargetHistoryProps) {
  const t = useT();
  const name = useLocalizedName()({ vi: indicator.nameVi, en: indicator.nameEn });
  const status = useIndicatorStatus(indicator.code, when);
  const accepted = useObservations({ indicator: indicator.code, state: 'accepted', includeSuperseded: when.knownAt ? true : undefined, pageSize: 500 });
  const data = useMemo(
    () => (status.data && accepted.data ? buildTrendData(status.data, accepted.data.items, indicator.measure) : null),
    [status.data, accepted.data, indicator.measure],
  );
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const unitLabel = indicator.unitLabel ?? (indicator.measure === 'percent' ? '%' : '');
  return (
    <section className="card" aria-labelledby={`history-${indicator.code}`}>
      <Heading id={`history-${indicator.code}`}>{t('history.title')}</Heading>
      {(status.isPending || accepted.isPending) && <Loading />}
      {status.isError && <QueryError error={status.error} onRetry={() => void status.refetch()} />}
      {accepted.isError && <QueryError error={accepted.error} onRetry={() => void accepted.refetch()} />}
      {data && (
        <>
          <TrendChart data={data} unitLabel={unitLabel} title={name} />
          <TrendTable data={data} unitLabel={unitLabel} caption={t('history.tableCaption', { name })} />
        </>
      )}
    </section>
  );
}
