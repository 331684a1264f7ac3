import { describe, expect, test } from 'vitest';
import { changedFields } from '../../../web/src/features/audit/components/audit-event-table';
import { readObservationForm, EMPTY_FORM } from '../../../web/src/features/observations/observation-values';
import { createFormatter } from '../../../web/src/i18n/format';
import { createTranslate } from '../../../web/src/i18n/locale';
import { periodLabel } from '../../../web/src/i18n/period-label';
import { toQueryString } from '../../../web/src/lib/query-string';
import { withParam } from '../../../web/src/lib/url-state';

describe('formatting for people', () => {
  test('numbers and dates the Vietnamese way, and the British way', () => {
    const vi = createFormatter('vi');
    const en = createFormatter('en');
    expect(vi.number(1.44)).toBe('1,44');
    expect(vi.number(12345.678)).toBe('12.345,68');
    expect(en.number(12345.678)).toBe('12,345.68');
    expect(vi.date('2021-06-30')).toBe('30/06/2021');
    expect(en.date('2021-06-30')).toBe('30/06/2021');
    expect(vi.decimal4(0.833)).toBe('0,8330');
    expect(vi.percent(0.8833)).toBe('88,33 %');
    expect(en.percent(0.8833)).toBe('88.33%');
    // Moments in Vietnam's time, whatever the computer's zone: 17:30 UTC is 00:30 the next day.
    expect(vi.dateTime('2021-06-30T17:30:00Z')).toBe('01/07/2021 00:30');
    expect(vi.number(null)).toBe('—');
  });

  test('periods as people write them', () => {
    expect(periodLabel('2021', 'vi')).toBe('Năm 2021');
    expect(periodLabel('2021-Q3', 'vi')).toBe('Quý III/2021');
    expect(periodLabel('2021-H1', 'vi')).toBe('6 tháng đầu năm 2021');
    expect(periodLabel('2021-06', 'vi')).toBe('Tháng 06/2021');
    expect(periodLabel('2021-06-30', 'vi')).toBe('30/06/2021');
    expect(periodLabel('2021-Q3', 'en')).toBe('Q3 2021');
    expect(periodLabel('2021-06', 'en')).toBe('June 2021');
    expect(periodLabel('not a period', 'vi')).toBe('not a period');
  });
});

describe('counted things', () => {
  test('English says "1 target" and "2 targets"; Vietnamese needs no plural', () => {
    const en = createTranslate('en');
    const vi = createTranslate('vi');
    expect(en('grid.targets', { count: '1' })).toBe('1 target');
    expect(en('grid.targets', { count: '2' })).toBe('2 targets');
    expect(en('grid.targets', { count: '1,234' })).toBe('1,234 targets');
    expect(en('grid.targets', { count: 0 })).toBe('0 targets');
    expect(en('reports.excluded', { count: '1' })).toBe('1 target is left out: its plan or deadline ended before this period.');
    expect(en('home.returned', { count: '3' })).toBe('3 returned reports to fix');
    expect(vi('grid.targets', { count: '1' })).toBe('1 chỉ tiêu');
  });
});

describe('URLs', () => {
  test('a link keeps the chosen date, before any fragment, unless it sets its own', () => {
    expect(withParam('/targets/X', 'asOf', '2020-06-30')).toBe('/targets/X?asOf=2020-06-30');
    expect(withParam('/targets?field=postal#list', 'asOf', '2020-06-30')).toBe('/targets?field=postal&asOf=2020-06-30#list');
    expect(withParam('/dashboard?asOf=2019-12-31', 'asOf', '2020-06-30')).toBe('/dashboard?asOf=2019-12-31');
    expect(withParam('/dashboard', 'asOf', undefined)).toBe('/dashboard');
  });

  test('query strings leave out what has no value', () => {
    expect(toQueryString({ under: 'HT', plan: undefined, q: '', page: 2, includeSuperseded: true, x: null })).toBe('?under=HT&page=2&includeSuperseded=true');
    expect(toQueryString({})).toBe('');
  });
});

describe('reading the observation form', () => {
  test('a deliverable is percent complete, from 0 to 100', () => {
    const result = readObservationForm({ ...EMPTY_FORM, period: '2023-06-30', value: '120' }, { measure: 'boolean', locale: 'vi' });
    expect(result.errors).toEqual({ value: 'report.percentRange' });
  });

  test('a ratio without parts needs a value; parts are not sent for other measures', () => {
    expect(readObservationForm({ ...EMPTY_FORM, period: '2020' }, { measure: 'ratio', locale: 'vi' }).errors).toEqual({ value: 'report.valueOrParts' });
    const count = readObservationForm({ ...EMPTY_FORM, period: '2020', value: '700', numerator: '3' }, { measure: 'count', locale: 'vi' });
    expect(count.values).toMatchObject({ value: 700, numerator: null, denominator: null });
  });
});

describe('audit changes', () => {
  test('lists what changed, names people and formats moments', () => {
    const changes = changedFields(
      { state: 'submitted', reviewedBy: null, version: 2, value: 98 },
      { state: 'returned', reviewedBy: { id: 2, name: 'Trần Thị Bình' }, version: 3, value: 98, reviewedAt: '2026-11-22T20:58:55.912Z' },
      createFormatter('vi').dateTime,
    );
    expect(changes).toEqual([
      { field: 'state', before: 'submitted', after: 'returned' },
      { field: 'reviewedBy', before: '∅', after: 'Trần Thị Bình' },
      { field: 'reviewedAt', before: '', after: '23/11/2026 03:58' },
    ]);
  });
});
