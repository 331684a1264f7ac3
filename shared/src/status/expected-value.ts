/**
 * The expected value E(t): the plan's line from the baseline through each milestone to the
 * target, flat at b before the baseline and at T after the deadline.
 */
import { daysBetween } from '../periods';
import type { DatedValue } from './types';

/**
 * E(t) through `knots`, which must be sorted by strictly increasing date and hold at least
 * the baseline and the target.
 */
export function expectedValueAt(date: string, knots: readonly DatedValue[]): number {
  const first = knots[0];
  const last = knots[knots.length - 1];
  if (!first || !last) throw new RangeError('The expected-value line needs a baseline and a target.');
  if (date <= first.date) return first.value;
  if (date >= last.date) return last.value;
  for (let i = 1; i < knots.length; i++) {
    const to = knots[i] as DatedValue;
    if (date <= to.date) {
      const from = knots[i - 1] as DatedValue;
      // Written as b + (T − b)·fraction so that mirroring all values mirrors E exactly.
      const fraction = daysBetween(from.date, date) / daysBetween(from.date, to.date);
      return from.value + (to.value - from.value) * fraction;
    }
  }
  return last.value;
}

/**
 * The knots of E(t): baseline, the milestones strictly between baseline and deadline (one per
 * date, the last given wins), target. Milestones outside that span are left out rather than
 * rejected here, because a default baseline can move after the milestones were saved; the
 * result lists the milestones used, so the choice stays visible.
 */
export function expectedValueKnots(
  baseline: DatedValue,
  target: DatedValue,
  milestones: readonly DatedValue[],
): { knots: DatedValue[]; used: DatedValue[] } {
  const byDate = new Map<string, DatedValue>();
  for (const m of milestones) {
    if (m.date > baseline.date && m.date < target.date && Number.isFinite(m.value)) byDate.set(m.date, m);
  }
  const used = [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return { knots: [baseline, ...used, target], used };
}
