/**
 * Rounding for display and API responses. The method decides statuses on unrounded numbers;
 * only what people read is rounded, to 4 decimals by default.
 */
import type { RollupResult, StatusResult } from './types';

export const DISPLAY_DECIMALS = 4;

/**
 * `x` rounded to `decimals` places, half away from zero on the number as written (its
 * shortest decimal form), so 1.06045 → 1.0605 as a person rounding by hand would, although
 * the double nearest 1.06045 is slightly below it. Never -0; null stays null.
 */
export function roundForDisplay(x: number, decimals?: number): number;
export function roundForDisplay(x: number | null, decimals?: number): number | null;
export function roundForDisplay(x: number | null, decimals: number = DISPLAY_DECIMALS): number | null {
  if (x === null || !Number.isFinite(x)) return x;
  const magnitude = Math.abs(x);
  const written = String(magnitude);
  let rounded: number;
  if (magnitude * 10 ** decimals >= Number.MAX_SAFE_INTEGER) {
    // Too large to carry that many decimals in a double: already as round as it can be.
    rounded = magnitude;
  } else if (written.includes('e')) {
    // Below 1e-6, far too small to show.
    rounded = Number(magnitude.toFixed(decimals));
  } else {
    // Shifting the decimal point in the text is exact, unlike multiplying by 10^decimals.
    rounded = Number(`${Math.round(Number(`${written}e${decimals}`))}e-${decimals}`);
  }
  const signed = x < 0 ? -rounded : rounded;
  return signed === 0 ? 0 : signed;
}

/** The API form of a computed status: the same fields, numbers rounded for display. */
export function toApiStatus(result: StatusResult, decimals: number = DISPLAY_DECIMALS): StatusResult {
  const r = (x: number | null): number | null => roundForDisplay(x, decimals);
  const dated = <T extends { value: number }>(v: T): T => ({ ...v, value: roundForDisplay(v.value, decimals) });
  return {
    ...result,
    thresholds: { ...result.thresholds },
    baseline: result.baseline && dated(result.baseline),
    target: result.target && dated(result.target),
    milestones: result.milestones.map(dated),
    latest: result.latest && dated(result.latest),
    tolerance: r(result.tolerance),
    gap: r(result.gap),
    progress: r(result.progress),
    expectedValue: r(result.expectedValue),
    expectedProgress: r(result.expectedProgress),
    pace: r(result.pace),
    forecast: r(result.forecast),
    slopePerYear: r(result.slopePerYear),
  };
}

/** The API form of a roll-up, numbers rounded for display. */
export function toApiRollup(result: RollupResult, decimals: number = DISPLAY_DECIMALS): RollupResult {
  return {
    ...result,
    counts: { ...result.counts },
    thresholds: { ...result.thresholds },
    progress: roundForDisplay(result.progress, decimals),
    expectedProgress: roundForDisplay(result.expectedProgress, decimals),
    pace: roundForDisplay(result.pace, decimals),
  };
}
