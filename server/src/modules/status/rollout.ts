import type { ObservationInput } from '@tiendo/shared/status';
import type { AcceptedRow } from './repository';

/** True when a row is the version known at `knownAt`: accepted by then and not yet replaced. */
export function knownAtTime(row: AcceptedRow, knownAt: string): boolean {
  return row.acceptedAt <= knownAt && (row.supersededAt === null || row.supersededAt > knownAt);
}

const isDone = (v: number | null, measure: string) => v !== null && (measure === 'boolean' ? v === 1 || v >= 100 : v >= 100);

/**
 * The values of a roll-out indicator, computed from its units' observations as known at `knownAt`.
 * For each date some unit reported, each unit counts with its latest value up to that date (a commune
 * that finished its roll-out stays done without reporting again), then:
 * `sum` adds the values; `ratio` is 100·Σ numerators / Σ denominators; `share_done` is the share of
 * the contributing units (or, when none are listed, of the units that reported) whose milestone is
 * done. A ratio is never an average of ratios.
 */
export function rolloutObservations(rows: readonly AcceptedRow[], aggregation: string, measure: string, knownAt: string, contributorCount: number): ObservationInput[] {
  const known = rows.filter((r) => knownAtTime(r, knownAt)).sort((a, b) => a.periodEnd.localeCompare(b.periodEnd) || a.acceptedAt.localeCompare(b.acceptedAt));
  const dates = [...new Set(known.map((r) => r.periodEnd))];
  const reportingUnits = new Set(known.map((r) => r.unitId)).size;
  const out: ObservationInput[] = [];
  const latestByUnit = new Map<number, AcceptedRow>();
  let i = 0;
  for (const date of dates) {
    let acceptedAt = '';
    while (i < known.length && known[i]!.periodEnd <= date) {
      latestByUnit.set(known[i]!.unitId, known[i]!);
      i++;
    }
    const current = [...latestByUnit.values()];
    for (const r of current) if (r.acceptedAt > acceptedAt) acceptedAt = r.acceptedAt;
    let value: number | null = null;
    if (aggregation === 'sum') value = current.reduce((s, r) => s + (r.value ?? 0), 0);
    else if (aggregation === 'ratio') {
      const parts = current.filter((r) => r.numerator !== null && r.denominator !== null);
      const den = parts.reduce((s, r) => s + r.denominator!, 0);
      value = den > 0 ? (100 * parts.reduce((s, r) => s + r.numerator!, 0)) / den : null;
    } else if (aggregation === 'share_done') {
      const denominator = contributorCount > 0 ? contributorCount : reportingUnits;
      value = denominator > 0 ? (100 * current.filter((r) => isDone(r.value, measure)).length) / denominator : null;
    }
    if (value !== null) out.push({ id: `rollout:${date}`, periodEnd: date, value, acceptedAt, supersededAt: null });
  }
  return out;
}
