/** How a reported value is read for its measure (tiendo-status/1, "Milestone measures"). */
import type { ObservationInput } from './types';

/**
 * The value v: 100·numerator/denominator for a `ratio` given as a fraction (221 of 262
 * communes), and 1 → 100 for a `boolean` (a yes/no deliverable imported as 1 means done).
 * Anything else is the value as reported.
 */
export function readValue(obs: Pick<ObservationInput, 'value' | 'numerator' | 'denominator'>, measure: string): number {
  if (measure === 'ratio' && obs.numerator != null && obs.denominator != null && obs.denominator !== 0) {
    return (100 * obs.numerator) / obs.denominator;
  }
  if (measure === 'boolean' && obs.value === 1) return 100;
  return obs.value;
}
