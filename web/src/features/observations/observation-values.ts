import type { Qualifier } from '@tiendo/shared/domain';
import { parsePeriod } from '@tiendo/shared/periods';
import type { Observation } from '@tiendo/shared/schemas/observations';
import type { Locale } from '../../i18n/locale';
import type { PlainMessageKey as MessageKey } from '../../i18n/locale';
import { parseLocaleNumber } from '../../lib/parse-number';

/** What the form holds: text as typed, so nothing is lost or reformatted while someone types. */
export interface ObservationFormValues {
  period: string;
  value: string;
  numerator: string;
  denominator: string;
  qualifier: '' | Qualifier;
  valueTo: string;
  comment: string;
  source: string;
}

/** What is sent: numbers read in the reader's language, empty text as null. */
export interface ObservationValues {
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  qualifier: Qualifier | null;
  valueTo: number | null;
  comment: string | null;
  source: string | null;
}

export type ObservationField = keyof ObservationFormValues;
export type FieldErrors = Partial<Record<ObservationField, MessageKey>>;

export const EMPTY_FORM: ObservationFormValues = {
  period: '',
  value: '',
  numerator: '',
  denominator: '',
  qualifier: '',
  valueTo: '',
  comment: '',
  source: '',
};

/** A number as the form shows it for editing: `1,44` in Vietnamese, without grouping. */
export function numberForInput(value: number | null, locale: Locale): string {
  if (value === null) return '';
  const text = String(value);
  return locale === 'vi' ? text.replace('.', ',') : text;
}

export function formValuesFrom(observation: Observation, locale: Locale): ObservationFormValues {
  return {
    period: observation.period,
    value: numberForInput(observation.value, locale),
    numerator: numberForInput(observation.numerator, locale),
    denominator: numberForInput(observation.denominator, locale),
    qualifier: observation.qualifier ?? '',
    valueTo: numberForInput(observation.valueTo, locale),
    comment: observation.comment ?? '',
    source: observation.source ?? '',
  };
}

/**
 * Checks what was typed and reads it. A ratio (221 of 262 communes) may be given by its parts
 * alone; anything else needs a value. Returns the values, or the message of each bad field.
 */
export function readObservationForm(
  form: ObservationFormValues,
  options: { measure: string; locale: Locale },
): { values: ObservationValues; errors: null } | { values: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (field: 'value' | 'numerator' | 'denominator' | 'valueTo'): number | null => {
    const parsed = parseLocaleNumber(form[field], options.locale);
    if (parsed !== null && Number.isNaN(parsed)) errors[field] = 'form.notANumber';
    return parsed === null || Number.isNaN(parsed) ? null : parsed;
  };

  const period = form.period.trim();
  if (period === '') errors.period = 'form.required';
  else if (!parsePeriod(period)) errors.period = 'report.periodInvalid';

  const value = number('value');
  const numerator = number('numerator');
  const denominator = number('denominator');
  const valueTo = number('valueTo');
  const isRatio = options.measure === 'ratio';

  if (isRatio && (numerator !== null || denominator !== null)) {
    if (numerator === null && !errors.numerator) errors.numerator = 'form.required';
    if (denominator === null && !errors.denominator) errors.denominator = 'form.required';
    if (numerator !== null && numerator < 0) errors.numerator = 'report.notNegative';
    if (denominator !== null && denominator <= 0) errors.denominator = 'report.denominatorPositive';
    if (numerator !== null && denominator !== null && denominator > 0 && numerator > denominator && !errors.numerator) errors.numerator = 'report.numeratorOverTotal';
  } else if (value === null && !errors.value) {
    errors.value = isRatio ? 'report.valueOrParts' : 'form.required';
  }
  // The server's checks (valueProblems), made here first so their message is in the reader's language.
  if (options.measure === 'boolean' && value !== null && (value < 0 || value > 100)) errors.value = 'report.percentRange';
  if (options.measure === 'percent' && value !== null && (value < 0 || value > 100)) errors.value = 'report.percentValueRange';
  if (options.measure === 'count' && value !== null && value < 0) errors.value = 'report.notNegative';
  if (form.qualifier === 'range') {
    if (valueTo === null && !errors.valueTo) errors.valueTo = 'form.required';
    else if (valueTo !== null && value !== null && valueTo <= value) errors.valueTo = 'report.rangeOrder';
  }
  if (form.comment.length > 4000) errors.comment = 'report.tooLong';
  if (form.source.length > 1000) errors.source = 'report.tooLong';

  if (Object.keys(errors).length > 0) return { values: null, errors };
  return {
    values: {
      period,
      value,
      numerator: isRatio ? numerator : null,
      denominator: isRatio ? denominator : null,
      qualifier: form.qualifier === '' ? null : form.qualifier,
      valueTo: form.qualifier === 'range' ? valueTo : null,
      comment: form.comment.trim() === '' ? null : form.comment.trim(),
      source: form.source.trim() === '' ? null : form.source.trim(),
    },
    errors: null,
  };
}
