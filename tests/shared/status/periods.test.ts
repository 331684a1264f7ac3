// Period keys and the dates they stand for (shared/src/periods.ts), used by the status method.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  dateInVietnam,
  parsePeriod,
  periodEnd,
  periodKeyFor,
  periodsDue,
  type ReportingFrequency,
} from '../../../shared/src/periods';

describe('parsePeriod / periodEnd', () => {
  it('a period stands for its last day', () => {
    expect(periodEnd('2021')).toBe('2021-12-31');
    expect(periodEnd('2021-H1')).toBe('2021-06-30');
    expect(periodEnd('2021-H2')).toBe('2021-12-31');
    expect(periodEnd('2021-Q1')).toBe('2021-03-31');
    expect(periodEnd('2021-Q3')).toBe('2021-09-30');
    expect(periodEnd('2021-06')).toBe('2021-06-30');
    expect(periodEnd('2021-06-15')).toBe('2021-06-15');
  });

  it('knows leap years', () => {
    expect(periodEnd('2020-02')).toBe('2020-02-29');
    expect(periodEnd('2021-02')).toBe('2021-02-28');
    expect(periodEnd('2000-02')).toBe('2000-02-29');
    expect(periodEnd('1900-02')).toBe('1900-02-28');
    expect(parsePeriod('2020-02-29')?.kind).toBe('day');
    expect(parsePeriod('2021-02-29')).toBeNull();
  });

  it('rejects invalid keys', () => {
    for (const key of ['2021-13', '2021-00', '2021-02-30', '2021-Q5', '2021-Q0', '2021-H3', '21', '2021-1', '2021-Q1-01', '']) {
      expect(parsePeriod(key)).toBeNull();
    }
    expect(() => periodEnd('2021-13')).toThrow(RangeError);
  });

  it('gives first and last days and the kind', () => {
    expect(parsePeriod('2021-Q2')).toEqual({ key: '2021-Q2', kind: 'quarter', start: '2021-04-01', end: '2021-06-30' });
    expect(parsePeriod('2021-H2')).toMatchObject({ kind: 'half', start: '2021-07-01' });
  });

  it('counts whole days between dates', () => {
    expect(daysBetween('2014-12-31', '2019-12-31')).toBe(1826);
    expect(daysBetween('2019-12-31', '2014-12-31')).toBe(-1826);
    expect(daysBetween('2020-02-28', '2020-03-01')).toBe(2);
  });

  it('dates an instant in Vietnam time (UTC+7)', () => {
    expect(dateInVietnam(new Date('2021-06-30T16:59:59Z'))).toBe('2021-06-30');
    expect(dateInVietnam(new Date('2021-06-30T17:00:00Z'))).toBe('2021-07-01');
  });
});

describe('periodKeyFor', () => {
  it('names the period of each frequency that contains a date', () => {
    expect(periodKeyFor('monthly', '2021-02-14')).toBe('2021-02');
    expect(periodKeyFor('quarterly', '2021-02-14')).toBe('2021-Q1');
    expect(periodKeyFor('quarterly', '2021-10-01')).toBe('2021-Q4');
    expect(periodKeyFor('half_yearly', '2021-06-30')).toBe('2021-H1');
    expect(periodKeyFor('half_yearly', '2021-07-01')).toBe('2021-H2');
    expect(periodKeyFor('yearly', '2021-07-01')).toBe('2021');
    expect(() => periodKeyFor('monthly', '2021-02-30')).toThrow(RangeError);
  });
});

describe('periodsDue', () => {
  it('lists the periods whose last day falls within [from, to]', () => {
    expect(periodsDue('quarterly', '2021-01-01', '2021-12-31')).toEqual(['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4']);
    expect(periodsDue('quarterly', '2021-03-31', '2021-06-29')).toEqual(['2021-Q1']);
    expect(periodsDue('quarterly', '2021-04-01', '2021-06-29')).toEqual([]);
    expect(periodsDue('half_yearly', '2020-07-01', '2022-06-30')).toEqual(['2020-H2', '2021-H1', '2021-H2', '2022-H1']);
    expect(periodsDue('yearly', '2021-01-01', '2025-12-31')).toEqual(['2021', '2022', '2023', '2024', '2025']);
    expect(periodsDue('yearly', '2021-01-01', '2025-12-30')).toEqual(['2021', '2022', '2023', '2024']);
    expect(periodsDue('monthly', '2024-01-31', '2024-03-31')).toEqual(['2024-01', '2024-02', '2024-03']);
    expect(periodsDue('monthly', '2024-02-01', '2024-02-28')).toEqual([]);
    expect(periodsDue('monthly', '2024-02-01', '2024-02-29')).toEqual(['2024-02']);
    expect(periodsDue('monthly', '2024-03-01', '2024-02-01')).toEqual([]);
    expect(periodsDue('yearly', '2200-01-01', '2200-12-31')).toEqual(['2200']);
    expect(() => periodsDue('monthly', '2024-02-30', '2024-03-01')).toThrow(RangeError);
  });

  const frequency = fc.constantFrom<ReportingFrequency>('monthly', 'quarterly', 'half_yearly', 'yearly');
  const date = fc
    .integer({ min: 0, max: 20 * 366 })
    .map((n) => new Date(Date.parse('2015-01-01T00:00:00Z') + n * 86_400_000).toISOString().slice(0, 10));

  it('returns consecutive periods, each ending within the range, and misses none', () => {
    fc.assert(
      fc.property(frequency, date, date, (f, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const keys = periodsDue(f, from, to);
        keys.forEach((key, i) => {
          const end = periodEnd(key);
          expect(end >= from && end <= to).toBe(true);
          expect(periodKeyFor(f, end)).toBe(key);
          const next = keys[i + 1];
          if (next !== undefined) expect(daysBetween(end, parsePeriod(next)?.start ?? '')).toBe(1);
        });
        // The period before the first and the one after the last end outside the range.
        const first = keys[0] ?? periodKeyFor(f, from);
        const beforeFirst = periodKeyFor(f, new Date(Date.parse(`${parsePeriod(first)?.start}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10));
        expect(periodEnd(beforeFirst) < from).toBe(true);
      }),
    );
  });
});
