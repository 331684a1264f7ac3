import { describe, expect, test } from 'vitest';
import { parseLocaleNumber } from '../../../web/src/lib/parse-number';

describe('parseLocaleNumber', () => {
  test.each([
    ['1,44', 'vi', 1.44],
    ['1.44', 'vi', 1.44],
    ['1.000', 'vi', 1000],
    ['1.234.567,89', 'vi', 1234567.89],
    ['  262 ', 'vi', 262],
    ['-2,5', 'vi', -2.5],
    [',5', 'vi', 0.5],
    ['1,000', 'en', 1000],
    ['1,000.5', 'en', 1000.5],
    ['1.44', 'en', 1.44],
    ['1,44', 'en', 1.44],
  ] as const)('%s (%s) is %d', (text, locale, expected) => {
    expect(parseLocaleNumber(text, locale)).toBe(expected);
  });

  test('empty is null and nonsense is NaN', () => {
    expect(parseLocaleNumber('   ', 'vi')).toBeNull();
    expect(parseLocaleNumber('abc', 'vi')).toBeNaN();
    expect(parseLocaleNumber('1,2,3', 'vi')).toBeNaN();
    expect(parseLocaleNumber('1.2.3', 'en')).toBeNaN();
  });
});
