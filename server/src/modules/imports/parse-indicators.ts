/**
 * indicators.csv: code,plan_code,unit_code,field,name_vi,name_en,measure,unit_label,direction,
 * target_value,target_date,notes (+ baseline_value, baseline_date, frequency, data_source).
 */
import { DIRECTIONS, type Direction, FIELDS, FREQUENCIES, type Frequency, MEASURES, type Measure } from '@tiendo/shared/domain';
import { checkReference, type CodedDraft, type Declared, opt, peekCode, type ReferenceTarget, req } from './context';
import { checkMeasureValue } from './measures';
import type { PlanDraft } from './parse-plans';
import type { Cell } from './row';
import type { FileSpec, Table } from './table';
import type { IndicatorRow } from './types';

export const INDICATORS_SPEC: FileSpec = {
  file: 'indicators.csv',
  required: ['code', 'plan_code', 'unit_code', 'field', 'name_vi', 'name_en', 'measure', 'unit_label', 'direction', 'target_value', 'target_date', 'notes'],
  optional: ['baseline_value', 'baseline_date', 'frequency', 'data_source'],
};

export interface IndicatorDraft extends CodedDraft {
  planCode: Cell<string>;
  unitCode: Cell<string>;
  field: Cell<string>;
  nameVi: Cell<string>;
  nameEn: Cell<string>;
  measure: Cell<Measure>;
  unitLabel: Cell<string>;
  direction: Cell<Direction>;
  targetValue: Cell<number>;
  targetDate: Cell<string>;
  notes: Cell<string>;
  baselineValue: Cell<number>;
  baselineDate: Cell<string>;
  frequency: Cell<Frequency>;
  dataSource: Cell<string>;
}

export function readIndicators(table: Table): IndicatorDraft[] {
  return table.rows.map(({ reader, wrongCount }): IndicatorDraft => {
    if (wrongCount) {
      const none = undefined;
      return {
        reader,
        checked: false,
        code: peekCode(reader, 'code'),
        planCode: none,
        unitCode: none,
        field: none,
        nameVi: none,
        nameEn: none,
        measure: none,
        unitLabel: none,
        direction: none,
        targetValue: none,
        targetDate: none,
        notes: none,
        baselineValue: none,
        baselineDate: none,
        frequency: none,
        dataSource: none,
      };
    }
    const d: IndicatorDraft = {
      reader,
      checked: true,
      code: reader.code('code', true),
      planCode: reader.code('plan_code'),
      unitCode: reader.code('unit_code', true),
      field: reader.oneOf('field', FIELDS, true),
      nameVi: reader.text('name_vi', true),
      nameEn: reader.text('name_en'),
      measure: reader.oneOf('measure', MEASURES, true),
      unitLabel: reader.text('unit_label'),
      direction: reader.oneOf('direction', DIRECTIONS, true),
      targetValue: reader.number('target_value'),
      targetDate: reader.period('target_date'),
      notes: reader.text('notes'),
      baselineValue: reader.number('baseline_value'),
      baselineDate: reader.period('baseline_date'),
      frequency: reader.oneOf('frequency', FREQUENCIES),
      dataSource: reader.text('data_source'),
    };

    if (d.measure && d.direction && (d.measure === 'boolean') !== (d.direction === 'achieve')) {
      reader.report(
        'direction',
        'BAD_COMBINATION',
        d.measure === 'boolean'
          ? `direction "${d.direction}" does not fit measure "boolean": a boolean indicator is a milestone (1 = done, 0 = not yet) and its direction must be "achieve".`
          : `direction "achieve" is only for milestones (measure "boolean"), not for measure "${d.measure}": use increase, decrease or maintain, or make the measure boolean.`,
      );
    }
    if (d.measure && typeof d.targetValue === 'number') checkMeasureValue(reader, 'target_value', d.targetValue, d.measure, 'target');
    if (d.measure && typeof d.baselineValue === 'number') checkMeasureValue(reader, 'baseline_value', d.baselineValue, d.measure, 'value');

    if (d.targetDate !== null && d.targetDate !== undefined && d.targetValue === null) {
      reader.report('target_value', 'REQUIRED', `target_date "${d.targetDate}" is given without target_value: give the target value, or clear target_date.`);
    }
    // target_value without target_date: checked against the plan in checkIndicators.
    if (d.baselineValue !== null && d.baselineValue !== undefined && d.baselineDate === null) {
      reader.report('baseline_date', 'REQUIRED', `baseline_value ${d.baselineValue} is given without baseline_date: give the period the baseline was measured in.`);
    }
    if (d.baselineDate !== null && d.baselineDate !== undefined && d.baselineValue === null) {
      reader.report('baseline_value', 'REQUIRED', `baseline_date "${d.baselineDate}" is given without baseline_value: give the baseline value, or clear baseline_date.`);
    }
    return d;
  });
}

/**
 * References to plans and units. A target_value without target_date is due at the end of
 * the indicator's plan: it needs a plan with a period_end (or a plan already in the database).
 */
export function checkIndicators(drafts: readonly IndicatorDraft[], plans: Declared<PlanDraft>, planTarget: ReferenceTarget, unitTarget: ReferenceTarget): void {
  for (const d of drafts) {
    checkReference(d.reader, 'plan_code', d.planCode, planTarget);
    checkReference(d.reader, 'unit_code', d.unitCode, unitTarget);
    if (typeof d.targetValue !== 'number' || d.targetDate !== null) continue;
    if (d.planCode === null) {
      d.reader.report(
        'target_date',
        'REQUIRED',
        `target_value ${d.targetValue} is given without target_date: give the period the target is due (e.g. 2025), or set plan_code to a plan with a period_end.`,
      );
    } else if (typeof d.planCode === 'string') {
      const plan = plans.byCode.get(d.planCode);
      if (plan && plan.checked && plan.periodEnd === null) {
        d.reader.report(
          'target_date',
          'REQUIRED',
          `target_value ${d.targetValue} is given without target_date and plan "${d.planCode}" (line ${plan.reader.line} of plans.csv) has no period_end: give target_date, or the plan's period_end.`,
        );
      }
    }
  }
}

export function finishIndicator(d: IndicatorDraft): IndicatorRow {
  return {
    line: d.reader.line,
    code: req(d.code),
    planCode: opt(d.planCode),
    unitCode: req(d.unitCode),
    field: req(d.field),
    nameVi: req(d.nameVi),
    nameEn: opt(d.nameEn),
    measure: req(d.measure),
    unitLabel: opt(d.unitLabel),
    direction: req(d.direction),
    targetValue: opt(d.targetValue),
    targetDate: opt(d.targetDate),
    notes: opt(d.notes),
    baselineValue: opt(d.baselineValue),
    baselineDate: opt(d.baselineDate),
    frequency: opt(d.frequency),
    dataSource: opt(d.dataSource),
  };
}
