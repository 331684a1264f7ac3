// Roll-up of a set of indicators: counts, P, Ē, R and the set's status.
import { describe, expect, it } from 'vitest';
import {
  computeStatus,
  rollup,
  toApiRollup,
  type RollupItem,
  type StatusInput,
  type StatusName,
} from '../../../shared/src/status/index';

const item = (status: StatusName, progress: number | null, expectedProgress: number | null, weight?: number): RollupItem => ({
  status,
  progress,
  expectedProgress,
  ...(weight === undefined ? {} : { weight }),
});

describe('rollup', () => {
  it('an empty set is no_data', () => {
    const r = rollup([]);
    expect(r.status).toBe('no_data');
    expect(r.total).toBe(0);
    expect([r.progress, r.expectedProgress, r.pace]).toEqual([null, null, null]);
  });

  it('a set of only no_target / no_data indicators is no_data, counted in their buckets', () => {
    const r = rollup([item('no_target', null, null), item('no_data', null, null), item('no_target', null, null)]);
    expect(r.status).toBe('no_data');
    expect(r.counts.no_target).toBe(2);
    expect(r.counts.no_data).toBe(1);
    expect(r.withData).toBe(0);
  });

  it('clamps p and e to [0, 1] and averages over the indicators with data', () => {
    const r = rollup([
      item('achieved', 1.2, 0.9),
      item('off_track', -0.3, 0.5),
      item('on_track', 0.6, 0.5),
      item('no_data', null, null),
      item('no_target', null, null),
    ]);
    // P = (1 + 0 + 0.6)/3, Ē = (0.9 + 0.5 + 0.5)/3.
    expect(r.progress).toBeCloseTo(1.6 / 3, 12);
    expect(r.expectedProgress).toBeCloseTo(1.9 / 3, 12);
    expect(r.pace).toBeCloseTo(1.6 / 1.9, 12);
    expect(r.status).toBe('at_risk'); // R ≈ 0.842
  });

  it('takes its status from R with the same thresholds', () => {
    const at = (p: number) => rollup([item('on_track', p, 0.5), item('on_track', p, 0.5)]).status;
    expect(at(0.475)).toBe('on_track');
    expect(at(0.47)).toBe('at_risk');
    expect(at(0.375)).toBe('at_risk');
    expect(at(0.37)).toBe('off_track');
    expect(rollup([item('on_track', 0.47, 0.5)], { onTrack: 0.9, atRisk: 0.5 }).status).toBe('on_track');
  });

  it('weights the indicators (default weight 1)', () => {
    const r = rollup([item('on_track', 1, 1, 3), item('off_track', 0, 1)]);
    expect(r.progress).toBeCloseTo(0.75, 12);
    expect(r.expectedProgress).toBe(1);
    expect(r.status).toBe('at_risk');
    expect(() => rollup([item('on_track', 1, 1, -1)])).toThrow(RangeError);
  });

  it('achieved only when every indicator is achieved; a no_target indicator prevents it', () => {
    expect(rollup([item('achieved', 1.1, 1), item('achieved', 1, 0.8)]).status).toBe('achieved');
    const withNoTarget = rollup([item('achieved', 1.1, 1), item('no_target', null, null)]);
    expect(withNoTarget.status).toBe('on_track');
    expect(withNoTarget.counts.achieved).toBe(1);
  });

  it('Ē = 0 (nothing expected yet) is on track, with R undefined', () => {
    const r = rollup([item('on_track', 0, 0), item('on_track', 0.1, 0)]);
    expect(r.pace).toBeNull();
    expect(r.status).toBe('on_track');
  });

  it('a maintain indicator counts as p = 1 when it holds and p = 0 when it does not, e = 1', () => {
    const r = rollup([item('on_track', null, null), item('off_track', null, null)]);
    expect(r.progress).toBe(0.5);
    expect(r.expectedProgress).toBe(1);
    expect(r.status).toBe('off_track');
  });

  it('accepts computed statuses as they are', () => {
    const base: Omit<StatusInput, 'observations'> = {
      direction: 'increase',
      measure: 'number',
      target: { value: 100, date: '2020-12-31' },
      asOf: '2020-06-30',
      knownAt: '2030-01-01',
    };
    const ok = (v: number) => ({ id: v, periodEnd: '2019-12-31', value: v, acceptedAt: '2020-01-01' });
    const b = { id: 'b', periodEnd: '2014-12-31', value: 40, acceptedAt: '2015-01-01' };
    const results = [
      computeStatus({ ...base, observations: [b, ok(93)] }),
      computeStatus({ ...base, observations: [b, ok(80)] }),
      computeStatus({ ...base, observations: [b] }),
    ];
    const r = rollup(results);
    expect(r.counts).toMatchObject({ on_track: 1, at_risk: 1, no_data: 1 });
    expect(r.withData).toBe(2);
    const p = ((93 - 40) / 60 + (80 - 40) / 60) / 2;
    expect(r.progress).toBeCloseTo(p, 12);
    expect(r.expectedProgress).toBeCloseTo(results[0]?.expectedProgress ?? NaN, 12);
    const api = toApiRollup(r);
    expect(api.progress).toBe(Number(p.toFixed(4)));
  });
});
