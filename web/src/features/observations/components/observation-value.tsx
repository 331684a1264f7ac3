import type { Observation } from '@tiendo/shared/schemas/observations';
import { useFormat } from '../../../i18n/format';
import { useT } from '../../../i18n/use-t';

/** A reported value as written: "hơn 3.000", "15–20 %", "221 / 262 (84,35 %)". */
export function ObservationValue({
  observation,
  unitLabel,
}: {
  observation: Pick<Observation, 'value' | 'numerator' | 'denominator' | 'qualifier' | 'valueTo'>;
  unitLabel?: string | null | undefined;
}) {
  const t = useT();
  const format = useFormat();
  const unit = unitLabel ? ` ${unitLabel}` : '';
  const { value, numerator, denominator, qualifier, valueTo } = observation;
  let text: string;
  if (value === null && numerator !== null && denominator !== null) {
    text = `${format.number(numerator, 4)} / ${format.number(denominator, 4)} (${format.number((100 * numerator) / denominator, 2)} %)`;
  } else if (qualifier === 'range' && valueTo !== null) {
    text = `${format.number(value, 4)}–${format.number(valueTo, 4)}${unit}`;
  } else {
    const prefix = qualifier === 'more_than' ? `${t('qualifier.more_than')} ` : qualifier === 'less_than' ? `${t('qualifier.less_than')} ` : '';
    text = `${prefix}${format.number(value, 4)}${unit}`;
    if (numerator !== null && denominator !== null) text += ` (${format.number(numerator, 4)} / ${format.number(denominator, 4)})`;
  }
  return <span className="observation-value">{text}</span>;
}
