import type { FieldError } from '@tiendo/shared/errors';
import { periodEnd } from '@tiendo/shared/periods';

export interface Definition {
  measure: string;
  direction: string;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  milestones: { date: string; value: number }[];
}

/** A milestone measure's value as percent complete: an imported yes/no 1/0 reads as 100/0. */
export function asPercentComplete(measure: string, value: number): number {
  return measure === 'boolean' && (value === 0 || value === 1) ? value * 100 : value;
}

/**
 * The checks a target definition must pass when it is saved (tiendo-status/1: the gap
 * G = d·(T − b) must be positive), each as a field error saying what to fix.
 */
export function definitionProblems(d: Definition, prefix = '/body'): FieldError[] {
  const errors: FieldError[] = [];
  const dir = d.direction;
  if ((d.measure === 'boolean') !== (dir === 'achieve')) {
    errors.push({ field: `${prefix}/direction`, message: 'a yes/no (boolean) measure goes with direction "achieve", and "achieve" only with a boolean measure' });
  }
  if ((d.baselineValue === null) !== (d.baselineDate === null)) {
    errors.push({ field: `${prefix}/baselineDate`, message: 'give both baselineValue and baselineDate, or neither' });
  }
  if ((d.targetValue === null) !== (d.targetDate === null)) {
    errors.push({ field: `${prefix}/targetDate`, message: 'give both targetValue and targetDate, or neither' });
  }
  if (d.measure === 'boolean' && d.targetValue !== null && d.targetValue !== 1 && d.targetValue !== 100) {
    errors.push({ field: `${prefix}/targetValue`, message: 'a milestone is done at 100 percent (or 1 for yes); use 1 or 100' });
  }
  if (d.measure === 'percent') {
    for (const [name, v] of [['baselineValue', d.baselineValue], ['targetValue', d.targetValue]] as const) {
      if (v !== null && (v < 0 || v > 100)) errors.push({ field: `${prefix}/${name}`, message: 'a percentage must be between 0 and 100' });
    }
  }
  if (d.baselineDate && d.targetDate && d.baselineDate >= d.targetDate) {
    errors.push({ field: `${prefix}/targetDate`, message: `the deadline (${d.targetDate}) must be after the baseline date (${d.baselineDate})` });
  }
  const baseline = d.baselineValue !== null ? asPercentComplete(d.measure, d.baselineValue) : d.measure === 'boolean' ? 0 : null;
  const target = d.targetValue !== null ? asPercentComplete(d.measure, d.targetValue) : null;
  if (baseline !== null && target !== null && (dir === 'increase' || dir === 'decrease' || dir === 'achieve')) {
    const sign = dir === 'decrease' ? -1 : 1;
    if (sign * (target - baseline) <= 0) {
      errors.push({
        field: `${prefix}/targetValue`,
        message:
          dir === 'decrease'
            ? `for a lower-is-better target the target (${target}) must be below the baseline (${baseline})`
            : `the target (${target}) must be above the baseline (${baseline}) for direction "${dir}"`,
      });
    }
  }
  const sorted = [...d.milestones].sort((a, b) => a.date.localeCompare(b.date));
  sorted.forEach((m, i) => {
    if (i > 0 && sorted[i - 1]!.date === m.date) errors.push({ field: `${prefix}/milestones/${i}`, message: `two milestones on ${m.date}` });
    if (d.baselineDate && m.date <= d.baselineDate) errors.push({ field: `${prefix}/milestones/${i}`, message: `milestone ${m.date} must be after the baseline date ${d.baselineDate}` });
    if (d.targetDate && m.date >= d.targetDate) errors.push({ field: `${prefix}/milestones/${i}`, message: `milestone ${m.date} must be before the deadline ${d.targetDate}` });
  });
  return errors;
}

/** Period keys (`2025`, `2021-H1`) to the date they stand for. */
export const periodDate = (key: string | null | undefined): string | null => (key ? periodEnd(key) : null);
