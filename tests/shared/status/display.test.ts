// Rounding for display and the API form of a status.
import { describe, expect, it } from 'vitest';
import { roundForDisplay, toApiStatus, computeStatus } from '../../../shared/src/status/index';

describe('roundForDisplay', () => {
  it('rounds to 4 decimals by default, half away from zero, never -0', () => {
    expect(roundForDisplay(0.88333333)).toBe(0.8833);
    expect(roundForDisplay(1.06045)).toBe(1.0605);
    expect(roundForDisplay(-1.06045)).toBe(-1.0605);
    expect(roundForDisplay(-0.00004)).toBe(0);
    expect(Object.is(roundForDisplay(-0.00004), -0)).toBe(false);
    expect(roundForDisplay(102.86004, 2)).toBe(102.86);
    expect(roundForDisplay(null)).toBeNull();
    expect(roundForDisplay(1e20)).toBe(1e20);
    expect(roundForDisplay(123456789012.34567)).toBe(123456789012.3457);
    expect(roundForDisplay(3e-7)).toBe(0);
    expect(roundForDisplay(0.00005)).toBe(0.0001);
  });
});

describe('toApiStatus', () => {
  it('rounds every number and keeps everything else', () => {
    const result = computeStatus({
      direction: 'increase',
      measure: 'ratio',
      target: { value: 100, date: '2020-12-31' },
      observations: [
        { id: 1, periodEnd: '2014', value: 0, numerator: 100, denominator: 262, acceptedAt: '2015-01-01' },
        { id: 2, periodEnd: '2017', value: 0, numerator: 180, denominator: 262, acceptedAt: '2018-01-01' },
        { id: 3, periodEnd: '2019', value: 0, numerator: 221, denominator: 262, acceptedAt: '2020-01-01' },
      ],
      asOf: '2020-06-30',
      knownAt: '2020-06-30',
    });
    const api = toApiStatus(result);
    expect(api.status).toBe(result.status);
    expect(api.method).toBe('tiendo-status/1');
    expect(api.latest).toEqual({ value: 84.3511, date: '2019-12-31', observationId: 3 });
    expect(api.baseline?.value).toBe(38.1679);
    for (const key of ['progress', 'expectedValue', 'expectedProgress', 'pace', 'forecast', 'slopePerYear', 'gap'] as const) {
      const v = api[key] as number;
      expect(v).toBe(Number(v.toFixed(4)));
      expect(Math.abs(v - (result[key] as number))).toBeLessThanOrEqual(0.5e-4);
    }
    // The unrounded result is left as it was.
    expect(result.latest?.value).toBe((100 * 221) / 262);
  });
});
