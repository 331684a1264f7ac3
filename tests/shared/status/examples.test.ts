// The worked examples of docs/status-method.md (spec: /work/shared/docs/status-method.md),
// reproduced to four decimals.
import { describe, expect, it } from 'vitest';
import { computeStatus, rollup, toApiStatus, type ObservationInput, type StatusInput } from '../../../shared/src/status/index';

const KNOWN = '2030-01-01T00:00:00+07:00';
let nextId = 1;
function obs(periodEnd: string, value: number, extra: Partial<ObservationInput> = {}): ObservationInput {
  return { id: nextId++, periodEnd, value, acceptedAt: '2000-01-01T00:00:00Z', supersededAt: null, ...extra };
}

function input(partial: Partial<StatusInput> & Pick<StatusInput, 'observations' | 'asOf'>): StatusInput {
  return { direction: 'increase', measure: 'number', knownAt: KNOWN, ...partial };
}

// A: Hà Tĩnh, commune cadres with computers. The baseline 40 is the earliest observation.
const caseA = input({
  target: { value: 100, date: '2020-12-31' },
  observations: [obs('2014-12-31', 40), obs('2019-12-31', 93)],
  asOf: '2020-06-30',
});

const caseB = input({
  direction: 'decrease',
  baseline: { value: 2.6, date: '2015-12-31' },
  target: { value: 2.2, date: '2020-12-31' },
  observations: [obs('2019-12-31', 2.36)],
  asOf: '2020-06-30',
});

const caseD = input({
  direction: 'achieve',
  measure: 'boolean',
  baseline: { value: 0, date: '2020-12-31' },
  target: { value: 100, date: '2025-12-31' },
  observations: [obs('2023-06-30', 60)],
  asOf: '2023-09-30',
});

describe('worked examples', () => {
  it('A: increase, on track', () => {
    const r = computeStatus(caseA);
    expect(r.method).toBe('tiendo-status/1');
    expect(r.baseline).toMatchObject({ value: 40, date: '2014-12-31', source: 'earliest_observation' });
    expect(r.latest).toMatchObject({ value: 93, date: '2019-12-31' });
    expect(r.progress).toBeCloseTo(0.8833, 4);
    expect(r.expectedValue).toBeCloseTo(89.9818, 4);
    expect(r.expectedProgress).toBeCloseTo(0.833, 4);
    expect(r.pace).toBeCloseTo(1.0604, 4);
    expect(r.status).toBe('on_track');
  });

  it('A with an explicit baseline gives the same numbers', () => {
    const r = computeStatus({ ...caseA, baseline: { value: 40, date: '2014' }, observations: [obs('2019', 93)] });
    expect(r.baseline).toMatchObject({ value: 40, date: '2014-12-31', source: 'explicit', observationId: null });
    expect(r.progress).toBeCloseTo(0.8833, 4);
    expect(r.expectedValue).toBeCloseTo(89.9818, 4);
    expect(r.pace).toBeCloseTo(1.0604, 4);
    expect(r.status).toBe('on_track');
  });

  it('B: decrease (postal radius), at risk', () => {
    const r = computeStatus(caseB);
    expect(r.progress).toBeCloseTo(0.6, 4);
    expect(r.expectedValue).toBeCloseTo(2.2801, 4);
    expect(r.expectedProgress).toBeCloseTo(0.7997, 4);
    expect(r.pace).toBeCloseTo(0.7503, 4);
    expect(r.status).toBe('at_risk');
  });

  it('C: with a milestone, on track', () => {
    const r = computeStatus(
      input({
        target: { value: 1000, date: '2015-12-31' },
        milestones: [{ value: 800, date: '2012-12-31' }],
        observations: [obs('2005-12-31', 55), obs('2010-12-31', 700)],
        asOf: '2011-06-30',
      }),
    );
    expect(r.milestones).toEqual([{ value: 800, date: '2012-12-31' }]);
    expect(r.progress).toBeCloseTo(0.6825, 4);
    expect(r.expectedValue).toBeCloseTo(587.018, 4);
    expect(r.expectedProgress).toBeCloseTo(0.563, 4);
    expect(r.pace).toBeCloseTo(1.2124, 4);
    expect(r.status).toBe('on_track');
  });

  it('D: milestone measure (security operations centre), on track', () => {
    const r = computeStatus(caseD);
    expect(r.target).toEqual({ value: 100, date: '2025-12-31' });
    expect(r.progress).toBeCloseTo(0.6, 4);
    expect(r.expectedValue).toBeCloseTo(49.8905, 4);
    expect(r.expectedProgress).toBeCloseTo(0.4989, 4);
    expect(r.pace).toBeCloseTo(1.2026, 4);
    expect(r.status).toBe('on_track');
  });

  it('E: phones per 100 people beyond the target, achieved', () => {
    const r = computeStatus(
      input({
        target: { value: 100, date: '2010-12-31' },
        observations: [obs('2005-12-31', 6.1), obs('2010-12-31', 110)],
        asOf: '2011-06-30',
      }),
    );
    expect(r.progress).toBeCloseTo(1.1065, 4);
    expect(r.status).toBe('achieved');
  });

  it('F: A evaluated after the deadline with no newer value, missed', () => {
    const r = computeStatus({ ...caseA, asOf: '2021-06-30' });
    expect(r.status).toBe('missed');
    // The value is still judged at the date it describes.
    expect(r.progress).toBeCloseTo(0.8833, 4);
    expect(r.expectedProgress).toBeCloseTo(0.833, 4);
  });

  it('forecast: A with 70 @ 2017-12-31', () => {
    const r = computeStatus({
      ...caseA,
      observations: [obs('2014-12-31', 40), obs('2017-12-31', 70), obs('2019-12-31', 93)],
    });
    expect(r.forecastPoints).toBe(3);
    expect(r.forecast).toBeCloseTo(102.86, 4);
    expect(r.slopePerYear).toBeCloseTo(10.5537, 4);
    expect(r.projectedMet).toBe(true);
    expect(r.status).toBe('on_track');
  });

  it('A with a correction: the report known before the correction uses the old value (docs)', () => {
    const corrected = {
      ...caseA,
      observations: [
        obs('2014-12-31', 40),
        obs('2019-12-31', 93, { id: 'v1', acceptedAt: '2020-02-15T09:00:00+07:00', supersededAt: '2020-04-10T09:00:00+07:00' }),
        obs('2019-12-31', 91, { id: 'v2', acceptedAt: '2020-04-10T09:00:00+07:00' }),
      ],
    };
    const before = computeStatus({ ...corrected, knownAt: '2020-03-31' });
    expect(before.latest?.observationId).toBe('v1');
    expect(before.pace).toBeCloseTo(1.0604, 4);
    const after = computeStatus({ ...corrected, knownAt: '2020-04-10T09:00:00+07:00' });
    expect(after.latest?.observationId).toBe('v2');
    expect(after.progress).toBeCloseTo(0.85, 4);
    expect(after.pace).toBeCloseTo(1.0204, 4);
    expect(after.status).toBe('on_track');
  });

  it('roll-up of A, B and D (docs)', () => {
    const r = rollup([caseA, caseB, caseD].map(computeStatus));
    expect(r.progress).toBeCloseTo(0.6944, 4);
    expect(r.expectedProgress).toBeCloseTo(0.7105, 4);
    expect(r.pace).toBeCloseTo(0.9774, 4);
    expect(r.status).toBe('on_track');
    expect(r.counts).toMatchObject({ on_track: 2, at_risk: 1 });
  });

  it('the API form rounds to four decimals', () => {
    const api = toApiStatus(computeStatus(caseA));
    expect(api.progress).toBe(0.8833);
    expect(api.expectedValue).toBe(89.9818);
    expect(api.expectedProgress).toBe(0.833);
    expect(api.pace).toBe(1.0604);
    expect(api.status).toBe('on_track');
  });
});
