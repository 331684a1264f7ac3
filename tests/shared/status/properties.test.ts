// Property-based tests of the status method: monotonicity, mirror symmetry between increase
// and decrease, invariance to affine rescaling, and roll-up consistency.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeStatus,
  rollup,
  roundForDisplay,
  type DatedValue,
  type Direction,
  type ObservationInput,
  type RollupItem,
  type StatusInput,
  type StatusName,
} from '../../../shared/src/status/index';

const KNOWN = '2100-01-01T00:00:00Z';
const ORIGIN = Date.parse('2015-12-31T00:00:00Z');
const day = (n: number): string => new Date(ORIGIN + n * 86_400_000).toISOString().slice(0, 10);

const RANK: Record<StatusName, number> = {
  no_target: -1,
  no_data: -1,
  missed: 0,
  off_track: 0,
  at_risk: 1,
  on_track: 2,
  achieved: 3,
};

/** An increase definition in units of the gap: values are b + gap·x. */
interface Scenario {
  b: number;
  gap: number;
  baselineDay: number;
  deadlineDay: number;
  /** Milestones as (time fraction, progress fraction), both increasing. */
  milestones: { t: number; x: number }[];
  /** Observations as (day after baseline, progress fraction); days distinct. */
  observations: { day: number; x: number }[];
  asOfDay: number;
}

// Observation dates are drawn relative to the plan's span, mostly before the deadline, and
// values mostly near the plan's line, so every status (not only missed) is exercised.
// (fc.double spreads over bit patterns, mostly tiny numbers; scaled integers spread evenly.)
const progressFraction = fc.oneof(
  fc.integer({ min: -2000, max: 3000 }).map((n) => n / 1000),
  fc.integer({ min: -100_000, max: 110_000 }).map((n) => n / 100_000),
);

const scenario: fc.Arbitrary<Scenario> = fc
  .record({
    b: fc.integer({ min: -100_000_000, max: 100_000_000 }).map((n) => n / 100),
    gap: fc.integer({ min: 1, max: 100_000_000 }).map((n) => n / 100),
    baselineDay: fc.integer({ min: 0, max: 2000 }),
    span: fc.integer({ min: 2, max: 5000 }),
    milestoneFractions: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 3 }),
    milestoneProgress: fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 3, maxLength: 3 }),
    obsPerMille: fc.array(fc.integer({ min: 1, max: 1100 }), { minLength: 1, maxLength: 5 }),
    obsX: fc.array(progressFraction, { minLength: 5, maxLength: 5 }),
    asOfPerMille: fc.integer({ min: 0, max: 300 }),
  })
  .map((r) => {
    const ts = [...r.milestoneFractions].sort((a, b) => a - b);
    const xs = [...r.milestoneProgress].sort((a, b) => a - b);
    const milestones = ts.map((t, i) => ({ t: t / 1000, x: (xs[i] ?? 0) / 1000 }));
    // One observation per day (the last drawn wins), at least one day after the baseline.
    const byDay = new Map<number, number>();
    r.obsPerMille.forEach((f, i) => byDay.set(Math.max(1, Math.round((f / 1000) * r.span)), r.obsX[i] ?? 0));
    const observations = [...byDay].map(([d, x]) => ({ day: d, x }));
    const latestDay = Math.max(...byDay.keys());
    return {
      b: r.b,
      gap: r.gap,
      baselineDay: r.baselineDay,
      deadlineDay: r.baselineDay + r.span,
      milestones,
      observations,
      asOfDay: r.baselineDay + latestDay + Math.round((r.asOfPerMille / 1000) * r.span),
    };
  });

/** The scenario as an input, with values mapped by `f` and the given direction. */
function toInput(s: Scenario, direction: Direction, f: (v: number) => number): StatusInput {
  const value = (x: number): number => f(s.b + s.gap * x);
  const milestones: DatedValue[] = s.milestones.map((m) => ({
    value: value(m.x),
    date: day(s.baselineDay + Math.round(m.t * (s.deadlineDay - s.baselineDay))),
  }));
  const observations: ObservationInput[] = s.observations.map((o, i) => ({
    id: i,
    periodEnd: day(s.baselineDay + o.day),
    value: value(o.x),
    acceptedAt: '2000-01-01T00:00:00Z',
  }));
  return {
    direction,
    measure: 'number',
    baseline: { value: f(s.b), date: day(s.baselineDay) },
    target: { value: value(1), date: day(s.deadlineDay) },
    milestones,
    observations,
    asOf: day(s.asOfDay),
    knownAt: KNOWN,
  };
}

const identity = (v: number): number => v;

function expectClose(a: number | null, b: number | null, relative = 1e-9): void {
  if (a === null || b === null) {
    expect(a).toBe(b);
    return;
  }
  expect(Math.abs(a - b)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(a), Math.abs(b)));
}

describe('status properties', () => {
  it('for an increase target a higher latest value never gives a worse status', () => {
    fc.assert(
      fc.property(scenario, progressFraction, progressFraction, (s, x1, x2) => {
        const [lo, hi] = x1 <= x2 ? [x1, x2] : [x2, x1];
        // Replace the latest observation's value by lo, then by hi.
        const latest = s.observations.reduce((a, o) => (o.day > a.day ? o : a));
        const withX = (x: number): Scenario => ({
          ...s,
          observations: s.observations.map((o) => (o === latest ? { ...o, x } : o)),
        });
        const low = computeStatus(toInput(withX(lo), 'increase', identity));
        const high = computeStatus(toInput(withX(hi), 'increase', identity));
        expect(RANK[high.status]).toBeGreaterThanOrEqual(RANK[low.status]);
        expect(RANK[low.status]).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 500 },
    );
  });

  it('an increase target and its mirrored decrease target get the same status, p, e and r', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const inc = computeStatus(toInput(s, 'increase', identity));
        const dec = computeStatus(toInput(s, 'decrease', (v) => -v));
        expect(dec.status).toBe(inc.status);
        expectClose(dec.progress, inc.progress, 1e-12);
        expectClose(dec.expectedProgress, inc.expectedProgress, 1e-12);
        expectClose(dec.pace, inc.pace, 1e-12);
        expectClose(dec.expectedValue === null ? null : -dec.expectedValue, inc.expectedValue, 1e-12);
        expectClose(dec.forecast === null ? null : -dec.forecast, inc.forecast, 1e-9);
        expect(dec.projectedMet).toBe(inc.projectedMet);
      }),
      { numRuns: 500 },
    );
  });

  it('p, e and r are invariant to affine rescaling of all values', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.boolean(),
        (s, a, c, flip) => {
          const base = computeStatus(toInput(s, 'increase', identity));
          // A negative scale turns higher-is-better into lower-is-better.
          const scaled = computeStatus(toInput(s, flip ? 'decrease' : 'increase', (v) => (flip ? -a : a) * v + c));
          // Rescaling loses about eps·(|v| + |c|/a)/gap of precision: allow for that, no more.
          const conditioning = (Math.abs(s.b) + 3 * s.gap + Math.abs(c) / a) / s.gap;
          const tolerance = 1e-9 + 1e-13 * conditioning;
          expectClose(scaled.progress, base.progress, tolerance);
          expectClose(scaled.expectedProgress, base.expectedProgress, tolerance);
          const e = base.expectedProgress ?? 0;
          if (base.pace !== null && scaled.pace !== null && Math.abs(e) > 1e-3) {
            expectClose(scaled.pace, base.pace, tolerance / Math.abs(e));
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('expected progress stays within [0, 1] for monotone milestones, and is 1 after the deadline', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const r = computeStatus(toInput(s, 'increase', identity));
        const e = r.expectedProgress as number;
        expect(e).toBeGreaterThanOrEqual(0);
        expect(e).toBeLessThanOrEqual(1 + 1e-12);
        if ((r.latest?.date ?? '') >= (r.target?.date ?? '')) expect(e).toBe(1);
      }),
      { numRuns: 300 },
    );
  });
});

const statusWithData = fc.constantFrom<StatusName>('achieved', 'missed', 'on_track', 'at_risk', 'off_track');
const anyStatus = fc.constantFrom<StatusName>('no_target', 'no_data', 'achieved', 'missed', 'on_track', 'at_risk', 'off_track');
const unit = fc.double({ min: 0, max: 1, noNaN: true });
const item: fc.Arbitrary<RollupItem> = fc.record({
  status: anyStatus,
  progress: fc.double({ min: -2, max: 3, noNaN: true }),
  expectedProgress: fc.double({ min: -0.5, max: 1.5, noNaN: true }),
  weight: fc.double({ min: 0.01, max: 100, noNaN: true }),
});

describe('roll-up properties', () => {
  it('the roll-up of one indicator has that indicator’s p and e', () => {
    fc.assert(
      fc.property(statusWithData, unit, unit, fc.double({ min: 0.01, max: 100, noNaN: true }), (status, p, e, w) => {
        const r = rollup([{ status, progress: p, expectedProgress: e, weight: w }]);
        expectClose(r.progress, p, 1e-12);
        expectClose(r.expectedProgress, e, 1e-12);
        if (status === 'achieved') expect(r.status).toBe('achieved');
      }),
    );
  });

  it('P and Ē lie in [0, 1], do not depend on order or on scaling all weights', () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 12 }), fc.double({ min: 0.01, max: 100, noNaN: true }), (items, k) => {
        const r = rollup(items);
        const reversed = rollup([...items].reverse());
        const scaled = rollup(items.map((i) => ({ ...i, weight: (i.weight ?? 1) * k })));
        for (const other of [reversed, scaled]) {
          expectClose(other.progress, r.progress, 1e-9);
          expectClose(other.expectedProgress, r.expectedProgress, 1e-9);
          expect(other.counts).toEqual(r.counts);
        }
        if (r.progress !== null) {
          expect(r.progress).toBeGreaterThanOrEqual(0);
          expect(r.progress).toBeLessThanOrEqual(1);
          expect(r.expectedProgress).toBeGreaterThanOrEqual(0);
          expect(r.expectedProgress).toBeLessThanOrEqual(1);
        }
        expect(Object.values(r.counts).reduce((a, b) => a + b, 0)).toBe(items.length);
        expect(r.status === 'no_data').toBe(r.withData === 0);
        expect(r.status === 'achieved').toBe(items.length > 0 && items.every((i) => i.status === 'achieved'));
      }),
    );
  });
});

describe('display rounding', () => {
  it('rounds to within half a unit of the fourth decimal, and is idempotent', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer().map((n) => n / 7)), (x) => {
        const r = roundForDisplay(x, 4);
        expect(Number.isFinite(r)).toBe(true);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5e-4 + Math.abs(x) * 1e-15);
        expect(roundForDisplay(r, 4)).toBe(r);
        expect(Object.is(r, -0)).toBe(false);
      }),
    );
  });
});
