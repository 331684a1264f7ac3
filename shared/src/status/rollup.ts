/**
 * Roll-up of a set of indicators (a plan, a field, a unit, a province), tiendo-status/1
 * "Roll-up": status counts, weighted mean progress P and expected progress Ē (each clamped to
 * [0, 1]) over the indicators with data, pace R = P/Ē and a status from R.
 *
 * Decisions the method leaves open:
 * - `no_target` indicators have no progress, so like `no_data` they are outside P and Ē; they
 *   are counted in their own bucket, and they keep the set from being `achieved` (not every
 *   indicator is achieved). A set of only `no_target` (or only `no_data`) is `no_data`.
 * - `maintain` indicators have no p or e of their own. In a roll-up one that holds its value
 *   (`on_track`, `achieved`) counts as p = 1, e = 1 — fully where the plan wants it — and one
 *   that does not (`off_track`, `missed`) as p = 0, e = 1, so a slipping maintain target
 *   pulls the set's pace down instead of disappearing from it.
 * - With Ē = 0 (nothing expected yet) R is undefined and the set is `on_track` (P ≥ 0 always
 *   after clamping), the single-indicator rule for e = 0.
 * - A set whose indicators with data all have weight 0 has no P or Ē, and is `no_data`.
 */
import { checkThresholds, StatusDefinitionError } from './definition';
import { statusFromPace } from './compute';
import {
  DEFAULT_THRESHOLDS,
  METHOD_ID,
  STATUS_NAMES,
  type RollupItem,
  type RollupResult,
  type StatusName,
  type Thresholds,
} from './types';

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

const HOLDING: ReadonlySet<StatusName> = new Set(['on_track', 'achieved']);

/** True for the statuses computed from an observation: every status but no_target and no_data. */
export function hasData(status: StatusName): boolean {
  return status !== 'no_target' && status !== 'no_data';
}

/**
 * The p and e an item with data contributes (see the maintain decision above). The server's
 * national roll-up sums the same expressions in SQL (status/repository.ts, ROLLUP_P and ROLLUP_E);
 * tests/server/status.test.ts checks the two agree.
 */
function contribution(item: RollupItem): { p: number; e: number } {
  if (item.progress === null || item.expectedProgress === null) {
    return { p: HOLDING.has(item.status) ? 1 : 0, e: 1 };
  }
  return { p: clamp01(item.progress), e: clamp01(item.expectedProgress) };
}

export function rollup(items: readonly RollupItem[], thresholds: Thresholds = DEFAULT_THRESHOLDS): RollupResult {
  const acc = rollupAccumulator(thresholds);
  for (const item of items) acc.add(item);
  return acc.result();
}

/**
 * Items of one status already summed (by the database, for a national roll-up): how many, how
 * many of them have data, and their Σw, Σw·p and Σw·e with p and e as `contribution` gives them.
 */
export interface RollupSums {
  status: StatusName;
  count: number;
  weightSum: number;
  pSum: number;
  eSum: number;
}

/** The roll-up of items added one at a time (a national roll-up adds tens of thousands without building lists). */
export interface RollupAccumulator {
  add(item: RollupItem): void;
  addSums(sums: RollupSums): void;
  result(): RollupResult;
}

export function rollupAccumulator(thresholds: Thresholds = DEFAULT_THRESHOLDS): RollupAccumulator {
  const problem = checkThresholds(thresholds);
  if (problem) throw new StatusDefinitionError(problem);

  const counts = Object.fromEntries(STATUS_NAMES.map((s) => [s, 0])) as Record<StatusName, number>;
  let total = 0;
  let withData = 0;
  let weightSum = 0;
  let pSum = 0;
  let eSum = 0;
  return {
    add(item) {
      counts[item.status] += 1;
      total += 1;
      const w = item.weight ?? 1;
      if (!Number.isFinite(w) || w < 0) throw new RangeError(`A roll-up weight must be a finite number ≥ 0; got ${w}.`);
      if (!hasData(item.status)) return;
      withData += 1;
      const { p, e } = contribution(item);
      weightSum += w;
      pSum += w * p;
      eSum += w * e;
    },
    addSums(s) {
      counts[s.status] += s.count;
      total += s.count;
      if (!hasData(s.status)) return;
      withData += s.count;
      weightSum += s.weightSum;
      pSum += s.pSum;
      eSum += s.eSum;
    },
    result: () => finish({ ...counts }, total, withData, weightSum, pSum, eSum, thresholds),
  };
}

function finish(counts: Record<StatusName, number>, total: number, withData: number, weightSum: number, pSum: number, eSum: number, thresholds: Thresholds): RollupResult {
  const result: RollupResult = {
    method: METHOD_ID,
    status: 'no_data',
    counts,
    total,
    withData,
    progress: null,
    expectedProgress: null,
    pace: null,
    thresholds: { ...thresholds },
  };
  if (withData === 0 || weightSum === 0) return result;

  const P = pSum / weightSum;
  const E = eSum / weightSum;
  const R = E === 0 ? null : P / E;
  result.progress = P;
  result.expectedProgress = E;
  result.pace = R;
  result.status = counts.achieved === total ? 'achieved' : statusFromPace(P, E, R, thresholds);
  return result;
}
