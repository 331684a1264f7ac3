/**
 * Checks of an indicator's definition (target, baseline, milestones, thresholds).
 * The server calls validateTarget when a target is saved; computeStatus throws
 * StatusDefinitionError for the same problems, because a default baseline (the earliest
 * observation) can still produce them after the target was saved.
 */
import { dateOf } from './dates';
import { readValue } from './read-value';
import type { DatedValue, Direction, TargetInput, Thresholds } from './types';

export type DefinitionProblemCode =
  | 'gap_not_positive'
  | 'deadline_not_after_baseline'
  | 'milestone_out_of_range'
  | 'milestone_duplicate_date'
  | 'invalid_value'
  | 'invalid_date'
  | 'invalid_tolerance'
  | 'invalid_thresholds';

export interface DefinitionProblem {
  code: DefinitionProblemCode;
  message: string;
}

/**
 * A definition the method cannot compute with (e.g. G ≤ 0). Thrown rather than mapped to a
 * status: no status would be true, and a silent one would mislead the people reading it.
 */
export class StatusDefinitionError extends Error {
  readonly code: DefinitionProblemCode;
  constructor(problem: DefinitionProblem) {
    super(problem.message);
    this.name = 'StatusDefinitionError';
    this.code = problem.code;
  }
}

const fmt = (x: number): string => String(x);

export function checkThresholds(t: Thresholds): DefinitionProblem | null {
  const ok = Number.isFinite(t.onTrack) && Number.isFinite(t.atRisk) && t.atRisk > 0 && t.atRisk <= t.onTrack;
  if (ok) return null;
  return {
    code: 'invalid_thresholds',
    message: `Thresholds must satisfy 0 < atRisk ≤ onTrack; got onTrack ${fmt(t.onTrack)}, atRisk ${fmt(t.atRisk)}.`,
  };
}

export function checkTolerance(tolerance: number): DefinitionProblem | null {
  if (Number.isFinite(tolerance) && tolerance >= 0) return null;
  return { code: 'invalid_tolerance', message: `The tolerance must be a number ≥ 0; got ${fmt(tolerance)}.` };
}

/**
 * G > 0 and t_T > t_b for a resolved baseline and target (values already in the measure's
 * reading, dates already resolved). `direction` must not be `maintain`.
 */
export function checkGap(direction: Direction, baseline: DatedValue, target: DatedValue): DefinitionProblem | null {
  const d = direction === 'decrease' ? -1 : 1;
  if (!Number.isFinite(baseline.value) || !Number.isFinite(target.value)) {
    return { code: 'invalid_value', message: 'The baseline and the target must be finite numbers.' };
  }
  const gap = d * (target.value - baseline.value);
  if (!(gap > 0)) {
    const want = d > 0 ? 'higher' : 'lower';
    const kind = d > 0 ? 'higher is better' : 'lower is better';
    return {
      code: 'gap_not_positive',
      message:
        `The target (${fmt(target.value)} by ${target.date}) must be ${want} than the baseline ` +
        `(${fmt(baseline.value)} at ${baseline.date}) for an indicator where ${kind}: ` +
        `otherwise there is no gap to close and progress cannot be measured.`,
    };
  }
  if (!(target.date > baseline.date)) {
    return {
      code: 'deadline_not_after_baseline',
      message: `The target deadline (${target.date}) must be after the baseline date (${baseline.date}).`,
    };
  }
  return null;
}

export interface TargetDefinition {
  direction: Direction;
  measure?: string;
  /** Explicit baseline; when absent, pass `defaultBaseline` if one is known (e.g. the earliest observation). */
  baseline?: DatedValue | null;
  /** The baseline that applies when there is no explicit one, if known. */
  defaultBaseline?: DatedValue | null;
  target: TargetInput | null;
  milestones?: DatedValue[];
  tolerance?: number | null;
  /** For `achieve`: the default baseline is 0 at the plan's start. */
  planStart?: string | null;
}

/**
 * The first problem with a target definition, or null. Only what is known is checked: with no
 * baseline yet (no explicit one, no observation) the gap cannot be checked and is not reported.
 */
export function checkTargetDefinition(def: TargetDefinition): DefinitionProblem | null {
  const target = def.target;
  // No target is not an error: the indicator is reported as `no_target`.
  if (!target || target.date === null || (def.direction !== 'achieve' && target.value === null)) return null;
  const deadline = dateOf(target.date);
  if (deadline === null) return { code: 'invalid_date', message: `The target deadline is not a date: ${target.date}.` };
  if (def.direction === 'maintain') return checkTolerance(def.tolerance ?? 0);

  // Read like the values: for a yes/no measure a target of 1 means done, i.e. 100.
  const measure = def.measure ?? '';
  const T = def.direction === 'achieve' ? 100 : readValue({ value: target.value as number }, measure);
  let baseline: DatedValue | null = null;
  const explicit = def.baseline ?? null;
  if (explicit) {
    const date = dateOf(explicit.date);
    if (date === null) return { code: 'invalid_date', message: `The baseline date is not a date: ${explicit.date}.` };
    baseline = { value: readValue({ value: explicit.value }, measure), date };
  } else if (def.direction === 'achieve' && def.planStart) {
    const date = dateOf(def.planStart);
    if (date === null) return { code: 'invalid_date', message: `The plan start is not a date: ${def.planStart}.` };
    baseline = { value: 0, date };
  } else if (def.defaultBaseline) {
    const date = dateOf(def.defaultBaseline.date);
    if (date !== null) baseline = { value: def.defaultBaseline.value, date };
  }
  if (baseline) {
    const problem = checkGap(def.direction, baseline, { value: T, date: deadline });
    if (problem) return problem;
  }

  const seen = new Set<string>();
  for (const m of def.milestones ?? []) {
    const date = dateOf(m.date);
    if (date === null || !Number.isFinite(m.value)) {
      return { code: 'invalid_value', message: `A milestone is not a value at a date: ${fmt(m.value)} at ${m.date}.` };
    }
    if (seen.has(date)) {
      return { code: 'milestone_duplicate_date', message: `Two milestones fall on the same date, ${date}.` };
    }
    seen.add(date);
    const afterBaseline = baseline === null || date > baseline.date;
    if (!afterBaseline || date >= deadline) {
      return {
        code: 'milestone_out_of_range',
        message:
          `The milestone at ${date} must fall strictly between the baseline date` +
          `${baseline ? ` (${baseline.date})` : ''} and the target deadline (${deadline}).`,
      };
    }
  }
  return null;
}

/**
 * The error message for a target that cannot be saved (G ≤ 0 and the other definition errors
 * above), or null when it is acceptable.
 */
export function validateTarget(def: TargetDefinition): string | null {
  return checkTargetDefinition(def)?.message ?? null;
}
