import type { Indicator } from '@tiendo/shared/schemas/indicators';
import { AppLink } from '../../../components/ui/app-link';
import { useFieldName } from '../../../components/ui/localized';
import { useFormat } from '../../../i18n/format';
import type { PlainMessageKey as MessageKey } from '../../../i18n/locale';
import { useT } from '../../../i18n/use-t';

export const DIRECTION_KEYS: Record<string, MessageKey> = {
  increase: 'direction.increase',
  decrease: 'direction.decrease',
  maintain: 'direction.maintain',
  achieve: 'direction.achieve',
};

export const FREQUENCY_KEYS: Record<string, MessageKey> = {
  monthly: 'frequency.monthly',
  quarterly: 'frequency.quarterly',
  half_yearly: 'frequency.half_yearly',
  yearly: 'frequency.yearly',
};

export const MEASURE_KEYS: Record<string, MessageKey> = {
  percent: 'measure.percent',
  count: 'measure.count',
  per_100_people: 'measure.per_100_people',
  per_100_households: 'measure.per_100_households',
  km: 'measure.km',
  ratio: 'measure.ratio',
  boolean: 'measure.boolean',
  growth_rate_percent: 'measure.growth_rate_percent',
};

/** What a target is: its plan, responsible unit, field, measure, direction, frequency, baseline and target. */
export function TargetFacts({
  indicator,
  unitName,
  planName,
}: {
  indicator: Indicator;
  unitName: (code: string) => string;
  planName: (code: string | null) => string;
}) {
  const t = useT();
  const format = useFormat();
  const fieldName = useFieldName();
  const unit = indicator.unitLabel ?? (indicator.measure === 'percent' ? '%' : '');
  const v = (value: number) => `${format.number(value, 4)}${unit ? ` ${unit}` : ''}`;
  const key = (map: Record<string, MessageKey>, value: string) => (map[value] ? t(map[value]) : value);
  return (
    <dl className="facts facts-wide">
      <div>
        <dt>{t('target.code')}</dt>
        <dd>{indicator.code}</dd>
      </div>
      <div>
        <dt>{t('target.plan')}</dt>
        <dd>{indicator.planCode ? <AppLink to={`/plans/${encodeURIComponent(indicator.planCode)}`}>{planName(indicator.planCode)}</AppLink> : t('target.noPlan')}</dd>
      </div>
      <div>
        <dt>{t('target.unit')}</dt>
        <dd>
          <AppLink to={`/dashboard?unit=${encodeURIComponent(indicator.unitCode)}`}>{unitName(indicator.unitCode)}</AppLink>
        </dd>
      </div>
      <div>
        <dt>{t('target.field')}</dt>
        <dd>{fieldName(indicator.field)}</dd>
      </div>
      <div>
        <dt>{t('target.measure')}</dt>
        <dd>
          {key(MEASURE_KEYS, indicator.measure)}
          {indicator.unitLabel ? ` (${indicator.unitLabel})` : ''}
        </dd>
      </div>
      <div>
        <dt>{t('target.direction')}</dt>
        <dd>{key(DIRECTION_KEYS, indicator.direction)}</dd>
      </div>
      <div>
        <dt>{t('target.frequency')}</dt>
        <dd>{key(FREQUENCY_KEYS, indicator.frequency)}</dd>
      </div>
      <div>
        <dt>{t('target.baseline')}</dt>
        <dd>{indicator.baseline ? `${v(indicator.baseline.value)} · ${format.date(indicator.baseline.date)}` : t('target.notSet')}</dd>
      </div>
      <div>
        <dt>{t('target.target')}</dt>
        <dd>{indicator.target ? `${v(indicator.target.value)} · ${t('numbers.deadline', { date: format.date(indicator.target.date) })}` : t('target.notSet')}</dd>
      </div>
      {indicator.milestones.length > 0 && (
        <div>
          <dt>{t('target.milestones')}</dt>
          <dd>{indicator.milestones.map((m) => `${v(m.value)} (${format.date(m.date)})`).join('; ')}</dd>
        </div>
      )}
      {indicator.dataSource && (
        <div>
          <dt>{t('target.dataSource')}</dt>
          <dd>{indicator.dataSource}</dd>
        </div>
      )}
      {indicator.isSample && (
        <div>
          <dt>{t('target.sample')}</dt>
          <dd>{t('target.sampleNote')}</dd>
        </div>
      )}
    </dl>
  );
}
