/**
 * Reporting periods. A period is written as a key and stands for its last day
 * (tiendo-status/1, "Dates"): `2021` → 2021-12-31, `2021-H1` → 2021-06-30,
 * `2021-Q1` → 2021-03-31, `2021-06` → 2021-06-30, `2021-06-15` → itself.
 */

export type PeriodKind = 'year' | 'half' | 'quarter' | 'month' | 'day';

export interface Period {
  key: string;
  kind: PeriodKind;
  /** First day, ISO `YYYY-MM-DD`. */
  start: string;
  /** Last day, ISO `YYYY-MM-DD`: the date the period stands for. */
  end: string;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');
const pad4 = (n: number): string => String(n).padStart(4, '0');

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function ymd(year: number, month: number, day: number): string {
  return `${pad4(year)}-${pad2(month)}-${pad2(day)}`;
}

function monthRange(year: number, firstMonth: number, lastMonth: number): { start: string; end: string } {
  return { start: ymd(year, firstMonth, 1), end: ymd(year, lastMonth, daysInMonth(year, lastMonth)) };
}

const YEAR_MIN = 1900;
const YEAR_MAX = 2200;

/** Parses a period key; returns null when it is not a valid key. */
export function parsePeriod(key: string): Period | null {
  const m = /^(\d{4})(?:-(H[12]|Q[1-4]|\d{2})(?:-(\d{2}))?)?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < YEAR_MIN || year > YEAR_MAX) return null;
  const part = m[2];
  const dayPart = m[3];
  if (part === undefined) return { key, kind: 'year', ...monthRange(year, 1, 12) };
  if (part.startsWith('H')) {
    if (dayPart !== undefined) return null;
    const h = Number(part.slice(1));
    return { key, kind: 'half', ...monthRange(year, h * 6 - 5, h * 6) };
  }
  if (part.startsWith('Q')) {
    if (dayPart !== undefined) return null;
    const q = Number(part.slice(1));
    return { key, kind: 'quarter', ...monthRange(year, q * 3 - 2, q * 3) };
  }
  const month = Number(part);
  if (month < 1 || month > 12) return null;
  if (dayPart === undefined) return { key, kind: 'month', ...monthRange(year, month, month) };
  const day = Number(dayPart);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  const date = ymd(year, month, day);
  return { key, kind: 'day', start: date, end: date };
}

export function isPeriodKey(key: string): boolean {
  return parsePeriod(key) !== null;
}

/** The last day of a period, or throws for a key that is not a period. */
export function periodEnd(key: string): string {
  const p = parsePeriod(key);
  if (!p) throw new RangeError(`Not a period key: ${key}`);
  return p.end;
}

/** The first day of a period, or throws for a key that is not a period. */
export function periodStart(key: string): string {
  const p = parsePeriod(key);
  if (!p) throw new RangeError(`Not a period key: ${key}`);
  return p.start;
}

/** True for an ISO calendar date `YYYY-MM-DD` that exists. */
export function isIsoDate(value: string): boolean {
  const p = parsePeriod(value);
  return p !== null && p.kind === 'day';
}

/** Whole days from date `a` to date `b` (both ISO `YYYY-MM-DD`); negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The calendar date of an instant in the province's time zone (Asia/Ho_Chi_Minh, UTC+7, no DST). */
export function dateInVietnam(instant: Date = new Date()): string {
  const shifted = new Date(instant.getTime() + 7 * 3_600_000);
  return shifted.toISOString().slice(0, 10);
}

/** How often an indicator is reported. */
export type ReportingFrequency = 'monthly' | 'quarterly' | 'half_yearly' | 'yearly';

function requireIsoDate(value: string, name: string): void {
  if (!isIsoDate(value)) throw new RangeError(`${name} is not an ISO date (YYYY-MM-DD): ${value}`);
}

/** The key of the period of the given frequency that contains `date` (ISO `YYYY-MM-DD`). */
export function periodKeyFor(frequency: ReportingFrequency, date: string): string {
  requireIsoDate(date, 'date');
  const year = date.slice(0, 4);
  const month = Number(date.slice(5, 7));
  switch (frequency) {
    case 'monthly':
      return `${year}-${pad2(month)}`;
    case 'quarterly':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'half_yearly':
      return `${year}-H${month <= 6 ? 1 : 2}`;
    case 'yearly':
      return year;
  }
}

function dayAfter(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/**
 * The keys of the periods of the given frequency whose last day falls within [from, to]
 * (ISO dates, both inclusive), oldest first: the reports that fell due in that span.
 */
export function periodsDue(frequency: ReportingFrequency, from: string, to: string): string[] {
  requireIsoDate(from, 'from');
  requireIsoDate(to, 'to');
  const keys: string[] = [];
  if (from > to) return keys;
  let key = periodKeyFor(frequency, from);
  for (;;) {
    const end = periodEnd(key);
    if (end > to) break;
    // The period containing `from` always ends on or after it, so every key here is due.
    keys.push(key);
    // Stop before stepping past `to`: the day after may be beyond the last valid year.
    if (end >= to) break;
    key = periodKeyFor(frequency, dayAfter(end));
  }
  return keys;
}
