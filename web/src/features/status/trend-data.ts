import type { Observation } from '@tiendo/shared/schemas/observations';
import type { IndicatorStatusResponse } from '@tiendo/shared/schemas/status';
import type { ActualPoint, TrendData } from './components/trend-chart';

/** The value the method reads from a report (a ratio's parts as a percentage, a yes as 100). */
export function readReportedValue(observation: Pick<Observation, 'value' | 'numerator' | 'denominator'>, measure: string): number | null {
  if (measure === 'ratio' && observation.numerator !== null && observation.denominator !== null && observation.denominator !== 0) {
    return (100 * observation.numerator) / observation.denominator;
  }
  if (measure === 'boolean' && observation.value === 1) return 100;
  return observation.value;
}

const DAY_MS = 86_400_000;
const dayNumber = (date: string) => Date.parse(`${date.slice(0, 10)}T00:00:00Z`) / DAY_MS;
const dateOfDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/**
 * What the trend chart draws, from the status (baseline, milestones, target, forecast) and the
 * accepted reports: those that counted at the status's known-at moment (a correction accepted later
 * is left out, the version it replaced is drawn), as the method counts them.
 */
export function buildTrendData(status: IndicatorStatusResponse, accepted: Observation[], measure: string): TrendData {
  // What counted at the status's known-at moment: accepted by then, and not yet replaced by a correction.
  const known = Date.parse(status.knownAt);
  const counted = (o: Observation) =>
    o.state === 'accepted' &&
    (Number.isNaN(known) || o.acceptedAt === null || Date.parse(o.acceptedAt) <= known) &&
    (o.supersededAt === null || (!Number.isNaN(known) && Date.parse(o.supersededAt) > known));
  const byPeriod = new Map<string, Observation>();
  for (const observation of accepted) {
    if (!counted(observation)) continue;
    const current = byPeriod.get(`${observation.unitCode}|${observation.period}`);
    if (!current || (observation.acceptedAt ?? '') > (current.acceptedAt ?? '')) byPeriod.set(`${observation.unitCode}|${observation.period}`, observation);
  }
  const actual: ActualPoint[] = [];
  for (const observation of byPeriod.values()) {
    const value = readReportedValue(observation, measure);
    if (value === null || observation.periodEnd > status.asOf) continue;
    actual.push({ date: observation.periodEnd, value, period: observation.period, observationId: observation.id });
  }
  actual.sort((a, b) => a.date.localeCompare(b.date));

  let forecast: TrendData['forecast'] = null;
  if (status.forecast !== null && status.slopePerYear !== null && status.target && actual.length > 0) {
    const perDay = status.slopePerYear / 365.25;
    const end = dayNumber(status.target.date);
    const start = dayNumber(actual[0]!.date);
    forecast = {
      from: { date: dateOfDay(start), value: status.forecast + perDay * (start - end) },
      to: { date: status.target.date, value: status.forecast },
    };
  }
  return {
    baseline: status.baseline ? { date: status.baseline.date, value: status.baseline.value } : null,
    milestones: status.milestones,
    target: status.target,
    actual,
    forecast,
    asOf: status.asOf,
  };
}
