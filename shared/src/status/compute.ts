/**
 * The status of one indicator under tiendo-status/1 (docs/status-method.md): progress,
 * expected progress, pace, status and forecast, from its definition and accepted observations.
 */
import { parseInstant, requireDate } from './dates';
import { checkGap, checkThresholds, checkTolerance, StatusDefinitionError } from './definition';
import { expectedValueAt, expectedValueKnots } from './expected-value';
import { olsForecast } from './forecast';
import {
  countedObservations,
  earliestObservation,
  latestObservation,
  onePerDate,
  type CountedObservation,
} from './observations';
import { readValue } from './read-value';
import {
  DEFAULT_THRESHOLDS,
  METHOD_ID,
  type BaselineRef,
  type DatedValue,
  type StatusInput,
  type StatusName,
  type StatusResult,
  type Thresholds,
} from './types';

/** Status from pace, rules 4–6: on track, at risk, off track. */
export function statusFromPace(
  progress: number,
  expectedProgress: number,
  pace: number | null,
  thresholds: Thresholds,
): 'on_track' | 'at_risk' | 'off_track' {
  if ((pace !== null && pace >= thresholds.onTrack) || (expectedProgress === 0 && progress >= 0)) return 'on_track';
  if (pace !== null && pace >= thresholds.atRisk) return 'at_risk';
  return 'off_track';
}

function resolveBaseline(input: StatusInput, counted: readonly CountedObservation[]): BaselineRef | null {
  if (input.baseline) {
    return {
      value: readValue({ value: input.baseline.value }, input.measure),
      date: requireDate(input.baseline.date, 'baseline date'),
      source: 'explicit',
      observationId: null,
    };
  }
  if (input.direction === 'achieve' && input.planStart) {
    return { value: 0, date: requireDate(input.planStart, 'planStart'), source: 'plan_start', observationId: null };
  }
  const earliest = earliestObservation(counted);
  if (!earliest) return null;
  return { value: earliest.value, date: earliest.date, source: 'earliest_observation', observationId: earliest.id };
}

/**
 * Computes the status of one indicator. Pure: `asOf` and `knownAt` come from the caller.
 *
 * @throws StatusDefinitionError when the definition cannot be computed with: G ≤ 0, a
 *   deadline not after the baseline, a negative tolerance or invalid thresholds.
 * @throws RangeError for malformed dates or non-finite observation values.
 */
export function computeStatus(input: StatusInput): StatusResult {
  const asOf = requireDate(input.asOf, 'asOf');
  const knownAtMs = parseInstant(input.knownAt, 'knownAt');
  const thresholds: Thresholds = { ...(input.thresholds ?? DEFAULT_THRESHOLDS) };
  const thresholdProblem = checkThresholds(thresholds);
  if (thresholdProblem) throw new StatusDefinitionError(thresholdProblem);

  const counted = countedObservations(input.observations, input.measure, asOf, knownAtMs);
  const baseline = resolveBaseline(input, counted);
  const latestObs = latestObservation(counted);
  const latest = latestObs ? { value: latestObs.value, date: latestObs.date, observationId: latestObs.id } : null;
  const isMaintain = input.direction === 'maintain';

  const result: StatusResult = {
    method: METHOD_ID,
    asOf,
    knownAt: input.knownAt,
    direction: input.direction,
    status: 'no_target',
    baseline,
    target: null,
    milestones: [],
    tolerance: null,
    thresholds,
    latest,
    gap: null,
    progress: null,
    expectedValue: null,
    expectedProgress: null,
    pace: null,
    forecast: null,
    slopePerYear: null,
    projectedMet: null,
    forecastPoints: 0,
  };

  // Rule 0: no target value (the milestone measure's is always 100) or no deadline.
  const givenTarget = input.target?.value ?? null;
  const targetValue =
    input.direction === 'achieve' ? 100 : givenTarget === null ? null : readValue({ value: givenTarget }, input.measure);
  const targetDate = input.target?.date ?? null;
  if (targetValue === null || targetDate === null) return result;
  const target: DatedValue = { value: targetValue, date: requireDate(targetDate, 'target date') };
  result.target = target;

  if (isMaintain) {
    const tolerance = input.tolerance ?? 0;
    const problem = checkTolerance(tolerance);
    if (problem) throw new StatusDefinitionError(problem);
    result.tolerance = tolerance;
  } else if (baseline) {
    const problem = checkGap(input.direction, baseline, target);
    if (problem) throw new StatusDefinitionError(problem);
  }

  // Forecast on every observation that counts, one per date; the baseline is among them only
  // when it is itself an observation.
  const points = onePerDate(counted);
  result.forecastPoints = points.length;
  const fit = olsForecast(points, target.date);
  if (fit) {
    result.forecast = fit.forecast;
    result.slopePerYear = fit.slopePerYear;
    result.projectedMet = isMaintain
      ? Math.abs(fit.forecast - target.value) <= (result.tolerance ?? 0)
      : (input.direction === 'decrease' ? -1 : 1) * (fit.forecast - target.value) >= 0;
  }

  // Rule 1: no observation other than the baseline itself. An observation dated on or before
  // the baseline date is the baseline (or older), so it says nothing about progress.
  if (!latest || (baseline !== null && latest.date <= baseline.date)) {
    result.status = 'no_data';
    return result;
  }
  const afterDeadline = asOf > target.date;

  if (isMaintain) {
    const holds = Math.abs(latest.value - target.value) <= (result.tolerance ?? 0);
    result.status = afterDeadline ? (holds ? 'achieved' : 'missed') : holds ? 'on_track' : 'off_track';
    return result;
  }

  // A latest observation exists, so the baseline does too (explicit, plan start or earliest).
  const b = baseline as BaselineRef;
  const d = input.direction === 'decrease' ? -1 : 1;
  const { knots, used } = expectedValueKnots(b, target, input.milestones ?? []);
  result.milestones = used;
  const gap = d * (target.value - b.value);
  const progress = (d * (latest.value - b.value)) / gap;
  const expectedValue = expectedValueAt(latest.date, knots);
  const expectedProgress = (d * (expectedValue - b.value)) / gap;
  const pace = expectedProgress === 0 ? null : progress / expectedProgress;
  Object.assign(result, { gap, progress, expectedValue, expectedProgress, pace });

  let status: StatusName;
  if (d * (latest.value - target.value) >= 0) status = 'achieved';
  else if (afterDeadline) status = 'missed';
  else status = statusFromPace(progress, expectedProgress, pace, thresholds);
  result.status = status;
  return result;
}

export type SafeStatusResult =
  | { ok: true; result: StatusResult }
  | { ok: false; error: StatusDefinitionError };

/**
 * computeStatus for lists (dashboards): a definition error becomes a value instead of
 * aborting the whole list. Malformed input (RangeError) still throws: that is a bug.
 */
export function tryComputeStatus(input: StatusInput): SafeStatusResult {
  try {
    return { ok: true, result: computeStatus(input) };
  } catch (error) {
    if (error instanceof StatusDefinitionError) return { ok: false, error };
    throw error;
  }
}
