/**
 * Forecast (tiendo-status/1, "Forecast"): an ordinary least-squares line of value on time in
 * days, read at the deadline. Fewer than three points give no forecast, never a guess.
 */
import { daysBetween } from '../periods';
import type { DatedValue } from './types';

export const MIN_FORECAST_POINTS = 3;
const DAYS_PER_YEAR = 365.25;

export interface OlsForecast {
  /** The fitted value at `at`. */
  forecast: number;
  slopePerDay: number;
  /** slope × 365.25. */
  slopePerYear: number;
  points: number;
}

/**
 * Fits value = a + slope·days to `points` (at most one per date) and reads it at `at`.
 * Returns null with fewer than three points (or, defensively, when all share one date).
 */
export function olsForecast(points: readonly DatedValue[], at: string): OlsForecast | null {
  const n = points.length;
  const origin = points[0];
  if (n < MIN_FORECAST_POINTS || !origin) return null;
  // Days from the first point keep x small; sums are taken around the means for accuracy.
  const xs = points.map((p) => daysBetween(origin.date, p.date));
  const ys = points.map((p) => p.value);
  const meanX = xs.reduce((s, x) => s + x, 0) / n;
  const meanY = ys.reduce((s, y) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (xs[i] as number) - meanX;
    sxx += dx * dx;
    sxy += dx * ((ys[i] as number) - meanY);
  }
  if (sxx === 0) return null;
  const slopePerDay = sxy / sxx;
  const forecast = meanY + slopePerDay * (daysBetween(origin.date, at) - meanX);
  return { forecast, slopePerDay, slopePerYear: slopePerDay * DAYS_PER_YEAR, points: n };
}
