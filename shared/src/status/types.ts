/**
 * Types of the status method `tiendo-status/1` (docs/status-method.md).
 * Every number here is unrounded; rounding is for display only (see display.ts).
 */

/** The id every computed status carries; a future method gets a new id. */
export const METHOD_ID = 'tiendo-status/1';
export type MethodId = typeof METHOD_ID;

/**
 * `achieve` is a milestone measure (a deliverable recorded as percent complete):
 * computed as `increase` with target 100 and default baseline 0 at the plan's start.
 */
export type Direction = 'increase' | 'decrease' | 'maintain' | 'achieve';

export type StatusName = 'no_target' | 'no_data' | 'achieved' | 'missed' | 'on_track' | 'at_risk' | 'off_track';

export const STATUS_NAMES: readonly StatusName[] = [
  'no_target',
  'no_data',
  'achieved',
  'missed',
  'on_track',
  'at_risk',
  'off_track',
];

export interface Thresholds {
  /** Pace at or above which a value is on track (default 0.95). */
  onTrack: number;
  /** Pace at or above which a value is at risk rather than off track (default 0.75). */
  atRisk: number;
}

export const DEFAULT_THRESHOLDS: Readonly<Thresholds> = Object.freeze({ onTrack: 0.95, atRisk: 0.75 });

/** A value at a date (ISO `YYYY-MM-DD`; a period key is read as its last day). */
export interface DatedValue {
  value: number;
  date: string;
}

/** A target as stored: either part may be missing, which makes the indicator `no_target`. */
export interface TargetInput {
  /** Ignored for `achieve`, whose target is always 100 (percent complete). */
  value: number | null;
  date: string | null;
}

export type ObservationId = string | number;

/** One accepted version of a reported value. Drafts and unapproved values are never passed in. */
export interface ObservationInput {
  id: ObservationId;
  /** The last day of the period the value describes (ISO date, or a period key). */
  periodEnd: string;
  value: number;
  /** For `ratio` measures: when both are given (and the denominator is not 0), v = 100·num/den. */
  numerator?: number | null;
  denominator?: number | null;
  /** ISO datetime the value was accepted. Without a UTC offset it is read as Vietnam time. */
  acceptedAt: string;
  /** ISO datetime a correction replacing this value was accepted; null while it is current. */
  supersededAt?: string | null;
}

export interface StatusInput {
  direction: Direction;
  /** `boolean` reads a value of 1 as 100 (done); `ratio` uses numerator/denominator. */
  measure: string;
  /** Explicit baseline; else the default (see BaselineSource). */
  baseline?: DatedValue | null;
  target?: TargetInput | null;
  /** Intermediate targets; only those strictly between the baseline and the deadline are used. */
  milestones?: DatedValue[];
  /** `maintain` only: allowed distance from the target, default 0. */
  tolerance?: number | null;
  /** First day of the plan's start period; the default baseline date of `achieve` indicators. */
  planStart?: string | null;
  thresholds?: Thresholds | null;
  observations: readonly ObservationInput[];
  /** The date the status is evaluated for (ISO date). The caller supplies "today". */
  asOf: string;
  /** The moment whose knowledge is used (ISO datetime; a bare date means the end of that day in Vietnam). */
  knownAt: string;
}

/** Where the baseline came from, so an auditor can tell an explicit baseline from a default. */
export type BaselineSource = 'explicit' | 'plan_start' | 'earliest_observation';

export interface BaselineRef extends DatedValue {
  source: BaselineSource;
  /** The observation used as the baseline, when it is one. */
  observationId: ObservationId | null;
}

export interface ObservationRef extends DatedValue {
  observationId: ObservationId;
}

/** A computed status, with every input an auditor needs to recompute it by hand. */
export interface StatusResult {
  method: MethodId;
  asOf: string;
  knownAt: string;
  direction: Direction;
  status: StatusName;
  /** b, t_b. */
  baseline: BaselineRef | null;
  /** T, t_T (T = 100 for `achieve`); null when the indicator has no target. */
  target: DatedValue | null;
  /** The milestones used in the expected-value line, sorted by date. */
  milestones: DatedValue[];
  /** `maintain` only; null otherwise. */
  tolerance: number | null;
  thresholds: Thresholds;
  /** v, t_v and the id of the observation used. */
  latest: ObservationRef | null;
  /** G = d·(T − b). */
  gap: number | null;
  /** p = d·(v − b)/G. */
  progress: number | null;
  /** E(t_v). */
  expectedValue: number | null;
  /** e = d·(E(t_v) − b)/G. */
  expectedProgress: number | null;
  /** r = p/e; null when e = 0. */
  pace: number | null;
  /** OLS value at t_T; null with fewer than three points. */
  forecast: number | null;
  slopePerYear: number | null;
  projectedMet: boolean | null;
  /** Number of (distinct-date) observations the forecast was fitted on. */
  forecastPoints: number;
}

/** One indicator of a roll-up. A StatusResult can be passed as it is. */
export interface RollupItem {
  status: StatusName;
  progress: number | null;
  expectedProgress: number | null;
  /** Default 1; must be finite and ≥ 0. */
  weight?: number | null;
}

export type RollupStatus = 'no_data' | 'achieved' | 'on_track' | 'at_risk' | 'off_track';

export interface RollupResult {
  method: MethodId;
  status: RollupStatus;
  /** Number of indicators in each status. */
  counts: Record<StatusName, number>;
  total: number;
  /** Indicators with data: every status but `no_target` and `no_data`. */
  withData: number;
  /** P = Σ w·clamp(p, 0, 1) / Σ w over indicators with data. */
  progress: number | null;
  /** Ē = Σ w·clamp(e, 0, 1) / Σ w over indicators with data. */
  expectedProgress: number | null;
  /** R = P/Ē; null when Ē = 0. */
  pace: number | null;
  thresholds: Thresholds;
}
