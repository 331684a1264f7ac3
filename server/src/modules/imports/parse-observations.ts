/**
 * observations.csv: indicator_code,unit_code,value,qualifier,value_to,as_of,source_file,quote_vi
 * (+ numerator, denominator, comment).
 */
import { isOneOf, MEASURES, type Measure, QUALIFIERS, type Qualifier } from '@tiendo/shared/domain';
import { checkReference, type Declared, type Draft, opt, type ReferenceTarget, req } from './context';
import { checkMeasureValue } from './measures';
import type { IndicatorDraft } from './parse-indicators';
import type { Cell } from './row';
import type { FileSpec, Table } from './table';
import type { ExistingCodes, ObservationRow } from './types';

export const OBSERVATIONS_SPEC: FileSpec = {
  file: 'observations.csv',
  required: ['indicator_code', 'unit_code', 'value', 'qualifier', 'value_to', 'as_of', 'source_file', 'quote_vi'],
  optional: ['numerator', 'denominator', 'comment'],
};

export interface ObservationDraft extends Draft {
  indicatorCode: Cell<string>;
  unitCode: Cell<string>;
  value: Cell<number>;
  qualifier: Cell<Qualifier>;
  valueTo: Cell<number>;
  period: Cell<string>;
  source: Cell<string>;
  quote: Cell<string>;
  numerator: Cell<number>;
  denominator: Cell<number>;
  comment: Cell<string>;
}

const given = <T>(v: Cell<T>): v is T => v !== null && v !== undefined;

export function readObservations(table: Table): ObservationDraft[] {
  const drafts = table.rows.map(({ reader, wrongCount }): ObservationDraft => {
    if (wrongCount) {
      const none = undefined;
      return {
        reader,
        checked: false,
        indicatorCode: none,
        unitCode: none,
        value: none,
        qualifier: none,
        valueTo: none,
        period: none,
        source: none,
        quote: none,
        numerator: none,
        denominator: none,
        comment: none,
      };
    }
    const d: ObservationDraft = {
      reader,
      checked: true,
      indicatorCode: reader.code('indicator_code', true),
      unitCode: reader.code('unit_code', true),
      value: reader.number('value', true),
      qualifier: reader.oneOf('qualifier', QUALIFIERS),
      valueTo: reader.number('value_to'),
      period: reader.period('as_of', true),
      source: reader.text('source_file'),
      quote: reader.text('quote_vi'),
      numerator: reader.number('numerator'),
      denominator: reader.number('denominator'),
      comment: reader.text('comment'),
    };

    if (d.qualifier === 'range') {
      if (d.valueTo === null) {
        reader.report('value_to', 'REQUIRED', `value_to is empty but qualifier is "range": give the upper bound of the range in value_to (value is the lower bound).`);
      } else if (given(d.valueTo) && given(d.value) && !(d.valueTo > d.value)) {
        reader.report('value_to', 'BAD_RANGE', `value_to ${d.valueTo} is not above value ${d.value}: in a range, value is the lower bound and value_to the upper bound.`);
      }
    } else if (d.qualifier !== undefined && given(d.valueTo)) {
      const q = d.qualifier === null ? 'qualifier is empty' : `qualifier is "${d.qualifier}"`;
      reader.report('value_to', 'NOT_ALLOWED', `value_to ${d.valueTo} is given but ${q}: value_to is only for qualifier "range"; set qualifier to range or clear value_to.`);
    }

    if (given(d.numerator) && d.denominator === null) {
      reader.report('denominator', 'REQUIRED', `numerator ${d.numerator} is given without denominator: give both or neither.`);
    } else if (given(d.denominator) && d.numerator === null) {
      reader.report('numerator', 'REQUIRED', `denominator ${d.denominator} is given without numerator: give both or neither.`);
    }
    if (given(d.denominator) && d.denominator <= 0) {
      reader.report('denominator', 'OUT_OF_RANGE', `denominator ${d.denominator} must be greater than 0.`);
    }
    if (given(d.numerator) && d.numerator < 0) {
      reader.report('numerator', 'OUT_OF_RANGE', `numerator ${d.numerator} must not be negative.`);
    }
    return d;
  });

  // One value per indicator, unit and period.
  const seen = new Map<string, ObservationDraft>();
  for (const d of drafts) {
    if (!given(d.indicatorCode) || !given(d.unitCode) || !given(d.period)) continue;
    const key = JSON.stringify([d.indicatorCode, d.unitCode, d.period]);
    const first = seen.get(key);
    if (first) {
      d.reader.report(
        null,
        'DUPLICATE_CODE',
        `indicator "${d.indicatorCode}", unit "${d.unitCode}" and as_of "${d.period}" already have a value on line ${first.reader.line}: keep one row per indicator, unit and period.`,
      );
    } else {
      seen.set(key, d);
    }
  }
  return drafts;
}

/** The measure of an indicator of the import, else of the database; undefined when unknown. */
function measureOf(code: string, indicators: Declared<IndicatorDraft>, existing: ExistingCodes): Measure | undefined {
  const draft = indicators.byCode.get(code);
  if (draft) return draft.measure ?? undefined;
  const measure = existing.indicators.get(code)?.measure;
  return measure !== undefined && isOneOf(MEASURES, measure) ? measure : undefined;
}

/** References, and the checks that need the indicator's measure. */
export function checkObservations(
  drafts: readonly ObservationDraft[],
  indicators: Declared<IndicatorDraft>,
  existing: ExistingCodes,
  indicatorTarget: ReferenceTarget,
  unitTarget: ReferenceTarget,
): void {
  for (const d of drafts) {
    const { reader } = d;
    checkReference(reader, 'indicator_code', d.indicatorCode, indicatorTarget);
    checkReference(reader, 'unit_code', d.unitCode, unitTarget);
    if (!given(d.indicatorCode)) continue;
    const measure = measureOf(d.indicatorCode, indicators, existing);
    if (!measure) continue;
    if (given(d.value)) checkMeasureValue(reader, 'value', d.value, measure, 'value');
    if (given(d.valueTo)) checkMeasureValue(reader, 'value_to', d.valueTo, measure, 'value');
    if (measure === 'boolean' && given(d.qualifier)) {
      reader.report(
        'qualifier',
        'NOT_ALLOWED',
        `qualifier "${d.qualifier}" is given for indicator "${d.indicatorCode}" of measure "boolean": a milestone is done (1) or not (0); clear the qualifier.`,
      );
    }
    if (measure === 'percent' && given(d.numerator) && given(d.denominator) && d.numerator > d.denominator) {
      reader.report(
        'numerator',
        'OUT_OF_RANGE',
        `numerator ${d.numerator} is greater than denominator ${d.denominator}: a share (measure "percent") counts part of a whole; check the two numbers.`,
      );
    }
  }
}

export function finishObservation(d: ObservationDraft): ObservationRow {
  return {
    line: d.reader.line,
    indicatorCode: req(d.indicatorCode),
    unitCode: req(d.unitCode),
    value: req(d.value),
    qualifier: opt(d.qualifier),
    valueTo: opt(d.valueTo),
    period: req(d.period),
    source: opt(d.source),
    quote: opt(d.quote),
    numerator: opt(d.numerator),
    denominator: opt(d.denominator),
    comment: opt(d.comment),
  };
}
