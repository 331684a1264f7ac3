/**
 * Which observations count (tiendo-status/1, "Which observations")
 * and which one is the latest and the earliest.
 */
import { parseInstant, requireDate } from './dates';
import { readValue } from './read-value';
import type { ObservationId, ObservationInput } from './types';

/** An observation that counts, with its value already read for the measure. */
export interface CountedObservation {
  id: ObservationId;
  date: string;
  value: number;
  acceptedAtMs: number;
  /** Position in the input, the last tie-breaker so results never depend on sort stability. */
  index: number;
}

/**
 * The observations that count: accepted at or before knownAt, not replaced by a correction
 * accepted at or before knownAt, describing a period that ended on or before asOf.
 */
export function countedObservations(
  observations: readonly ObservationInput[],
  measure: string,
  asOf: string,
  knownAtMs: number,
): CountedObservation[] {
  const out: CountedObservation[] = [];
  observations.forEach((obs, index) => {
    const acceptedAtMs = parseInstant(obs.acceptedAt, `acceptedAt of observation ${obs.id}`);
    if (acceptedAtMs > knownAtMs) return;
    if (obs.supersededAt != null && parseInstant(obs.supersededAt, `supersededAt of observation ${obs.id}`) <= knownAtMs) {
      return;
    }
    const date = requireDate(obs.periodEnd, `periodEnd of observation ${obs.id}`);
    if (date > asOf) return;
    const value = readValue(obs, measure);
    if (!Number.isFinite(value)) throw new RangeError(`The value of observation ${obs.id} is not a finite number.`);
    out.push({ id: obs.id, date, value, acceptedAtMs, index });
  });
  return out;
}

/** Orders two versions for the same date: the more recently accepted one is the current one. */
function newerVersion(a: CountedObservation, b: CountedObservation): boolean {
  return a.acceptedAtMs !== b.acceptedAtMs ? a.acceptedAtMs > b.acceptedAtMs : a.index > b.index;
}

/** The latest observation: greatest date; on a tie, the most recently accepted. */
export function latestObservation(list: readonly CountedObservation[]): CountedObservation | null {
  let best: CountedObservation | null = null;
  for (const o of list) {
    if (!best || o.date > best.date || (o.date === best.date && newerVersion(o, best))) best = o;
  }
  return best;
}

/** The earliest observation (the default baseline): least date; on a tie, the most recently accepted. */
export function earliestObservation(list: readonly CountedObservation[]): CountedObservation | null {
  let best: CountedObservation | null = null;
  for (const o of list) {
    if (!best || o.date < best.date || (o.date === best.date && newerVersion(o, best))) best = o;
  }
  return best;
}

/** One observation per date (the most recently accepted), sorted by date: the forecast's points. */
export function onePerDate(list: readonly CountedObservation[]): CountedObservation[] {
  const byDate = new Map<string, CountedObservation>();
  for (const o of list) {
    const current = byDate.get(o.date);
    if (!current || newerVersion(o, current)) byDate.set(o.date, o);
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
