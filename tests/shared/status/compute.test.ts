// Edge cases of computeStatus: definition errors, e = 0, the expected-value line, decrease,
// maintain, no_data, knownAt/asOf, forecast and measure readings.
import { describe, expect, it } from 'vitest';
import {
  StatusDefinitionError,
  computeStatus,
  expectedValueAt,
  tryComputeStatus,
  validateTarget,
  checkTargetDefinition,
  type ObservationInput,
  type StatusInput,
} from '../../../shared/src/status/index';

const KNOWN = '2030-01-01T00:00:00+07:00';
let nextId = 1;
function obs(periodEnd: string, value: number, extra: Partial<ObservationInput> = {}): ObservationInput {
  return { id: nextId++, periodEnd, value, acceptedAt: '2000-01-01T00:00:00Z', supersededAt: null, ...extra };
}
function input(partial: Partial<StatusInput>): StatusInput {
  return { direction: 'increase', measure: 'number', knownAt: KNOWN, asOf: '2020-06-30', observations: [], ...partial };
}

describe('definition errors (G ≤ 0)', () => {
  const cases: [string, Partial<StatusInput>][] = [
    ['increase, target below baseline', { target: { value: 30, date: '2020-12-31' } }],
    ['increase, target equal to baseline', { target: { value: 40, date: '2020-12-31' } }],
    ['decrease, target above baseline', { direction: 'decrease', target: { value: 50, date: '2020-12-31' } }],
  ];
  for (const [name, partial] of cases) {
    it(`throws a StatusDefinitionError: ${name}`, () => {
      const i = input({ baseline: { value: 40, date: '2014-12-31' }, observations: [obs('2019', 93)], ...partial });
      expect(() => computeStatus(i)).toThrow(StatusDefinitionError);
      try {
        computeStatus(i);
      } catch (error) {
        expect((error as StatusDefinitionError).code).toBe('gap_not_positive');
      }
      const safe = tryComputeStatus(i);
      expect(safe.ok).toBe(false);
    });
  }

  it('also when the default baseline (earliest observation) is already beyond the target', () => {
    const i = input({ target: { value: 100, date: '2020-12-31' }, observations: [obs('2014', 120), obs('2019', 130)] });
    expect(() => computeStatus(i)).toThrow(/must be higher than the baseline/);
  });

  it('validateTarget returns a message for G ≤ 0 and null for a valid target', () => {
    const base = { direction: 'increase' as const, baseline: { value: 40, date: '2014-12-31' } };
    expect(validateTarget({ ...base, target: { value: 30, date: '2020-12-31' } })).toMatch(
      /target \(30 by 2020-12-31\) must be higher than the baseline \(40 at 2014-12-31\)/,
    );
    expect(validateTarget({ ...base, direction: 'decrease', target: { value: 50, date: '2020-12-31' } })).toMatch(
      /must be lower than the baseline/,
    );
    expect(validateTarget({ ...base, target: { value: 100, date: '2020-12-31' } })).toBeNull();
    // Nothing to check yet without a baseline, and no target is not an error.
    expect(validateTarget({ direction: 'increase', target: { value: 100, date: '2020-12-31' } })).toBeNull();
    expect(validateTarget({ direction: 'increase', target: null })).toBeNull();
    // The earliest observation can stand in for the baseline.
    expect(
      validateTarget({ direction: 'increase', defaultBaseline: { value: 120, date: '2014' }, target: { value: 100, date: '2020' } }),
    ).not.toBeNull();
    // A milestone measure's default baseline is 0 at the plan's start, its target 100.
    expect(validateTarget({ direction: 'achieve', planStart: '2021-01-01', target: { value: null, date: '2025' } })).toBeNull();
  });

  it('validateTarget rejects a deadline not after the baseline and milestones out of range', () => {
    const base = { direction: 'increase' as const, baseline: { value: 40, date: '2014-12-31' } };
    expect(checkTargetDefinition({ ...base, target: { value: 100, date: '2014-06-30' } })?.code).toBe(
      'deadline_not_after_baseline',
    );
    expect(
      checkTargetDefinition({ ...base, target: { value: 100, date: '2020' }, milestones: [{ value: 50, date: '2021' }] })?.code,
    ).toBe('milestone_out_of_range');
    expect(
      checkTargetDefinition({
        ...base,
        target: { value: 100, date: '2020' },
        milestones: [
          { value: 50, date: '2017' },
          { value: 60, date: '2017-12-31' },
        ],
      })?.code,
    ).toBe('milestone_duplicate_date');
    expect(checkTargetDefinition({ ...base, target: { value: 100, date: '2020' }, milestones: [{ value: 70, date: '2017' }] })).toBeNull();
    expect(checkTargetDefinition({ direction: 'maintain', target: { value: 100, date: '2020' }, tolerance: -1 })?.code).toBe(
      'invalid_tolerance',
    );
  });

  it('rejects invalid thresholds', () => {
    const i = input({ target: { value: 100, date: '2020' }, thresholds: { onTrack: 0.7, atRisk: 0.9 } });
    expect(() => computeStatus(i)).toThrow(StatusDefinitionError);
  });
});

describe('no_target and no_data', () => {
  it('no_target without a target value or without a deadline; nothing is computed', () => {
    for (const target of [null, { value: null, date: '2020' }, { value: 100, date: null }]) {
      const r = computeStatus(input({ target, observations: [obs('2014', 40), obs('2019', 93)] }));
      expect(r.status).toBe('no_target');
      expect([r.progress, r.expectedProgress, r.pace, r.forecast, r.projectedMet]).toEqual([null, null, null, null, null]);
      expect(r.latest?.value).toBe(93);
    }
    const achieve = computeStatus(input({ direction: 'achieve', target: { value: null, date: null } }));
    expect(achieve.status).toBe('no_target');
  });

  it('no_data without observations', () => {
    const r = computeStatus(input({ target: { value: 100, date: '2020' } }));
    expect(r.status).toBe('no_data');
    expect(r.baseline).toBeNull();
    expect(r.progress).toBeNull();
  });

  it('no_data when the only observation is the baseline itself', () => {
    const r = computeStatus(input({ target: { value: 100, date: '2020' }, observations: [obs('2014', 40)] }));
    expect(r.status).toBe('no_data');
    expect(r.baseline?.value).toBe(40);
    expect(r.latest?.value).toBe(40);
    expect(r.progress).toBeNull();
  });

  it('no_data when the only observations are at or before an explicit baseline date', () => {
    const r = computeStatus(
      input({
        baseline: { value: 40, date: '2015-12-31' },
        target: { value: 100, date: '2020' },
        observations: [obs('2014', 35), obs('2015', 40)],
      }),
    );
    expect(r.status).toBe('no_data');
  });

  it('two versions of the baseline period are still only the baseline', () => {
    const r = computeStatus(
      input({
        target: { value: 100, date: '2020' },
        observations: [obs('2014', 40, { acceptedAt: '2015-01-10T00:00:00Z' }), obs('2014', 42, { acceptedAt: '2015-02-10T00:00:00Z' })],
      }),
    );
    expect(r.status).toBe('no_data');
    expect(r.baseline?.value).toBe(42);
  });
});

describe('the expected value E(t)', () => {
  const knots = [
    { value: 55, date: '2005-12-31' },
    { value: 800, date: '2012-12-31' },
    { value: 1000, date: '2015-12-31' },
  ];
  it('is b before the baseline date and T after the deadline', () => {
    expect(expectedValueAt('2000-06-30', knots)).toBe(55);
    expect(expectedValueAt('2005-12-31', knots)).toBe(55);
    expect(expectedValueAt('2015-12-31', knots)).toBe(1000);
    expect(expectedValueAt('2030-12-31', knots)).toBe(1000);
  });
  it('passes through each milestone, linear between them', () => {
    expect(expectedValueAt('2012-12-31', knots)).toBe(800);
    // 2014-12-31 is 730 of the 1095 days from the milestone to the deadline.
    expect(expectedValueAt('2014-12-31', knots)).toBeCloseTo(800 + (200 * 730) / 1095, 10);
  });
  it('a value after the deadline is judged against T (e = 1)', () => {
    const r = computeStatus(
      input({ target: { value: 100, date: '2019-12-31' }, observations: [obs('2014', 40), obs('2020', 90)], asOf: '2021-01-31' }),
    );
    expect(r.expectedValue).toBe(100);
    expect(r.expectedProgress).toBe(1);
    expect(r.pace).toBeCloseTo(50 / 60, 12);
    expect(r.status).toBe('missed');
  });
  it('milestones outside (t_b, t_T) are left out of the line', () => {
    const r = computeStatus(
      input({
        target: { value: 100, date: '2020-12-31' },
        milestones: [
          { value: 10, date: '2013-12-31' },
          { value: 150, date: '2021-12-31' },
        ],
        observations: [obs('2014', 40), obs('2019', 93)],
      }),
    );
    expect(r.milestones).toEqual([]);
    expect(r.expectedValue).toBeCloseTo(89.9818, 4);
  });
});

describe('pace and status rules', () => {
  it('e = 0 and p ≥ 0 is on track (pace undefined)', () => {
    // The first milestone equals the baseline: nothing is expected until 2017.
    const i = input({
      target: { value: 100, date: '2020-12-31' },
      milestones: [{ value: 40, date: '2017-12-31' }],
      observations: [obs('2014', 40), obs('2016', 40)],
    });
    const r = computeStatus(i);
    expect(r.expectedProgress).toBe(0);
    expect(r.pace).toBeNull();
    expect(r.progress).toBe(0);
    expect(r.status).toBe('on_track');
    const worse = computeStatus({ ...i, observations: [obs('2014', 40), obs('2016', 39)] });
    expect(worse.pace).toBeNull();
    expect(worse.status).toBe('off_track');
  });

  it('moving the wrong way is off track', () => {
    const r = computeStatus(input({ target: { value: 100, date: '2020-12-31' }, observations: [obs('2014', 40), obs('2019', 35)] }));
    expect(r.progress).toBeLessThan(0);
    expect(r.status).toBe('off_track');
  });

  it('thresholds are inclusive at their lower bound and can be overridden', () => {
    // b 0 @ 2020-12-31, T 100 @ 2022-12-31: at 2021-12-31 the expected value is 50 (365 of 730 days).
    const base = input({
      baseline: { value: 0, date: '2020-12-31' },
      target: { value: 100, date: '2022-12-31' },
      asOf: '2022-01-31',
    });
    const at = (v: number, thresholds?: { onTrack: number; atRisk: number }) =>
      computeStatus({ ...base, thresholds: thresholds ?? null, observations: [obs('2021-12-31', v)] });
    expect(at(47.5).pace).toBe(0.95);
    expect(at(47.5).status).toBe('on_track');
    expect(at(47.4).status).toBe('at_risk');
    expect(at(37.5).status).toBe('at_risk');
    expect(at(37.4).status).toBe('off_track');
    expect(at(47.5, { onTrack: 1, atRisk: 0.9 }).status).toBe('at_risk');
  });

  it('decrease: lower is better', () => {
    const base = input({
      direction: 'decrease',
      baseline: { value: 2.6, date: '2015-12-31' },
      target: { value: 2.2, date: '2020-12-31' },
    });
    expect(computeStatus({ ...base, observations: [obs('2019', 2.25)] }).status).toBe('on_track');
    expect(computeStatus({ ...base, observations: [obs('2019', 2.7)] }).status).toBe('off_track');
    expect(computeStatus({ ...base, observations: [obs('2019', 2.2)] }).status).toBe('achieved');
    expect(computeStatus({ ...base, observations: [obs('2019', 2.1)] }).status).toBe('achieved');
    expect(computeStatus({ ...base, asOf: '2021-03-31', observations: [obs('2019', 2.3)] }).status).toBe('missed');
  });

  it('achieved even after the deadline, and on the deadline day itself not yet missed', () => {
    const base = input({ target: { value: 100, date: '2020-12-31' } });
    expect(computeStatus({ ...base, asOf: '2022-01-01', observations: [obs('2014', 40), obs('2021', 100)] }).status).toBe('achieved');
    expect(computeStatus({ ...base, asOf: '2020-12-31', observations: [obs('2014', 40), obs('2020', 90)] }).status).toBe('at_risk');
    expect(computeStatus({ ...base, asOf: '2021-01-01', observations: [obs('2014', 40), obs('2020', 90)] }).status).toBe('missed');
  });
});

describe('maintain', () => {
  const base = input({
    direction: 'maintain',
    target: { value: 100, date: '2025-12-31' },
    tolerance: 2,
    asOf: '2024-06-30',
  });
  it('on track within the tolerance, off track outside it', () => {
    expect(computeStatus({ ...base, observations: [obs('2022', 100), obs('2023', 98)] }).status).toBe('on_track');
    expect(computeStatus({ ...base, observations: [obs('2022', 100), obs('2023', 102)] }).status).toBe('on_track');
    expect(computeStatus({ ...base, observations: [obs('2022', 100), obs('2023', 97.9)] }).status).toBe('off_track');
    const r = computeStatus({ ...base, observations: [obs('2022', 100), obs('2023', 98)] });
    expect([r.progress, r.expectedProgress, r.pace, r.gap]).toEqual([null, null, null, null]);
    expect(r.tolerance).toBe(2);
  });
  it('tolerance defaults to 0', () => {
    const r = computeStatus({ ...base, tolerance: null, observations: [obs('2022', 100), obs('2023', 99.99)] });
    expect(r.tolerance).toBe(0);
    expect(r.status).toBe('off_track');
    expect(computeStatus({ ...base, tolerance: undefined, observations: [obs('2022', 99), obs('2023', 100)] }).status).toBe(
      'on_track',
    );
  });
  it('achieved or missed after the deadline', () => {
    const after = { ...base, asOf: '2026-01-01' };
    expect(computeStatus({ ...after, observations: [obs('2022', 100), obs('2025', 99)] }).status).toBe('achieved');
    expect(computeStatus({ ...after, observations: [obs('2022', 100), obs('2025', 95)] }).status).toBe('missed');
  });
  it('no_data with only the baseline observation', () => {
    expect(computeStatus({ ...base, observations: [obs('2022', 100)] }).status).toBe('no_data');
  });
  it('negative tolerance is a definition error', () => {
    expect(() => computeStatus({ ...base, tolerance: -1, observations: [obs('2022', 100)] })).toThrow(StatusDefinitionError);
  });
  it('projectedMet uses the tolerance band', () => {
    const r = computeStatus({ ...base, observations: [obs('2021', 100), obs('2022', 100), obs('2023', 100)] });
    expect(r.forecast).toBeCloseTo(100, 10);
    expect(r.projectedMet).toBe(true);
  });
});

describe('which observations count (asOf, knownAt, corrections)', () => {
  // 70 for 2017 was accepted on 2018-03-01 and corrected to 75 on 2018-06-01 10:00 Vietnam time.
  const observations = [
    obs('2014', 40, { id: 'b', acceptedAt: '2015-03-01T09:00:00+07:00' }),
    obs('2017', 70, { id: 'old', acceptedAt: '2018-03-01T09:00:00+07:00', supersededAt: '2018-06-01T10:00:00+07:00' }),
    obs('2017', 75, { id: 'new', acceptedAt: '2018-06-01T10:00:00+07:00' }),
    obs('2019', 93, { id: 'late', acceptedAt: '2020-03-01T09:00:00+07:00' }),
  ];
  const base = input({ target: { value: 100, date: '2020-12-31' }, observations, asOf: '2018-12-31' });

  it('the replaced value counts before its correction was accepted', () => {
    const r = computeStatus({ ...base, knownAt: '2018-05-31T23:00:00+07:00' });
    expect(r.latest).toEqual({ value: 70, date: '2017-12-31', observationId: 'old' });
  });
  it('the correction counts from the moment it was accepted', () => {
    expect(computeStatus({ ...base, knownAt: '2018-06-01T10:00:00+07:00' }).latest?.observationId).toBe('new');
    expect(computeStatus({ ...base, knownAt: '2018-06-01T03:00:00Z' }).latest?.observationId).toBe('new');
    expect(computeStatus({ ...base, knownAt: '2018-06-01T02:59:59Z' }).latest?.observationId).toBe('old');
  });
  it('a bare knownAt date means the end of that day in Vietnam; no offset means Vietnam time', () => {
    expect(computeStatus({ ...base, knownAt: '2018-06-01' }).latest?.observationId).toBe('new');
    expect(computeStatus({ ...base, knownAt: '2018-05-31' }).latest?.observationId).toBe('old');
    expect(computeStatus({ ...base, knownAt: '2018-06-01T09:59:59' }).latest?.observationId).toBe('old');
  });
  it('values accepted after knownAt, or for periods after asOf, do not count', () => {
    expect(computeStatus({ ...base, knownAt: '2018-01-01T00:00:00+07:00' }).status).toBe('no_data');
    expect(computeStatus({ ...base, asOf: '2020-06-30', knownAt: '2020-02-29' }).latest?.observationId).toBe('new');
    expect(computeStatus({ ...base, asOf: '2019-12-30', knownAt: KNOWN }).latest?.observationId).toBe('new');
    expect(computeStatus({ ...base, asOf: '2019-12-31', knownAt: KNOWN }).latest?.observationId).toBe('late');
  });
  it('on the same period end the most recently accepted version is the latest', () => {
    const r = computeStatus(
      input({
        target: { value: 100, date: '2020-12-31' },
        observations: [
          obs('2014', 40),
          obs('2019', 93, { id: 'a', acceptedAt: '2020-02-01T00:00:00Z' }),
          obs('2019', 91, { id: 'b', acceptedAt: '2020-01-01T00:00:00Z' }),
        ],
      }),
    );
    expect(r.latest?.observationId).toBe('a');
    expect(r.forecastPoints).toBe(2);
    expect(r.forecast).toBeNull();
  });
  it('the result echoes asOf and knownAt', () => {
    const r = computeStatus({ ...base, knownAt: '2018-05-31T23:00:00+07:00' });
    expect(r.asOf).toBe('2018-12-31');
    expect(r.knownAt).toBe('2018-05-31T23:00:00+07:00');
  });
});

describe('forecast', () => {
  const target = { value: 100, date: '2020-12-31' };
  it('needs three points; an explicit baseline is not a point', () => {
    const r = computeStatus(
      input({ baseline: { value: 40, date: '2014' }, target, observations: [obs('2017', 70), obs('2019', 93)] }),
    );
    expect(r.forecastPoints).toBe(2);
    expect([r.forecast, r.slopePerYear, r.projectedMet]).toEqual([null, null, null]);
  });
  it('the baseline counts when it is an observation', () => {
    const r = computeStatus(input({ target, observations: [obs('2014', 40), obs('2017', 70), obs('2019', 93)] }));
    expect(r.forecastPoints).toBe(3);
    expect(r.forecast).toBeCloseTo(102.86, 4);
  });
  it('projectedMet is false when the line falls short, and follows the direction', () => {
    const r = computeStatus(input({ target, observations: [obs('2014', 40), obs('2017', 50), obs('2019', 60)] }));
    expect(r.projectedMet).toBe(false);
    const dec = computeStatus(
      input({
        direction: 'decrease',
        target: { value: 2.2, date: '2020-12-31' },
        observations: [obs('2015', 2.6), obs('2017', 2.4), obs('2019', 2.25)],
      }),
    );
    expect(dec.slopePerYear).toBeLessThan(0);
    expect(dec.projectedMet).toBe(true);
  });
});

describe('measures', () => {
  it('ratio: v = 100·numerator/denominator', () => {
    const r = computeStatus(
      input({
        measure: 'ratio',
        target: { value: 100, date: '2020-12-31' },
        observations: [obs('2014', 50, { numerator: 131, denominator: 262 }), obs('2019', 0, { numerator: 221, denominator: 262 })],
      }),
    );
    expect(r.latest?.value).toBeCloseTo(84.3511, 4);
    expect(r.baseline?.value).toBe(50);
  });
  it('boolean: 1 reads as 100 (done)', () => {
    const r = computeStatus(
      input({
        direction: 'achieve',
        measure: 'boolean',
        planStart: '2021-01-01',
        target: { value: 1, date: '2025-12-31' },
        observations: [obs('2023', 1)],
        asOf: '2024-01-31',
      }),
    );
    expect(r.target?.value).toBe(100);
    expect(r.latest?.value).toBe(100);
    expect(r.status).toBe('achieved');
  });
  it('achieve: the default baseline is 0 at the plan start', () => {
    const r = computeStatus(
      input({
        direction: 'achieve',
        measure: 'percent',
        planStart: '2021-01-01',
        target: { value: 100, date: '2025-12-31' },
        observations: [obs('2023-06-30', 60)],
        asOf: '2023-09-30',
      }),
    );
    expect(r.baseline).toEqual({ value: 0, date: '2021-01-01', source: 'plan_start', observationId: null });
    // 910 of 1825 days (example D counts from 2020-12-31 instead: 911 of 1826).
    expect(r.expectedValue).toBeCloseTo((100 * 910) / 1825, 10);
    expect(r.status).toBe('on_track');
  });
  it('achieve without a plan start: the earliest observation is the baseline', () => {
    const r = computeStatus(
      input({
        direction: 'achieve',
        measure: 'percent',
        target: { value: 100, date: '2025-12-31' },
        observations: [obs('2021', 10), obs('2023', 60)],
        asOf: '2024-01-31',
      }),
    );
    expect(r.baseline).toMatchObject({ value: 10, date: '2021-12-31', source: 'earliest_observation' });
    expect(r.progress).toBeCloseTo(50 / 90, 12);
  });
  it('malformed dates throw a RangeError', () => {
    expect(() => computeStatus(input({ asOf: '2021-02-30' }))).toThrow(RangeError);
    expect(() => computeStatus(input({ knownAt: 'yesterday' }))).toThrow(RangeError);
    expect(() => computeStatus(input({ target: { value: 1, date: '2020' }, observations: [obs('2021-13', 1)] }))).toThrow(
      RangeError,
    );
  });
});
