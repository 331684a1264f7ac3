/**
 * Dates and instants as the method reads them: a period key stands for its last day, and
 * times without a UTC offset are the province's clock (Asia/Ho_Chi_Minh, UTC+7).
 */
import { parsePeriod } from '../periods';

/** The date a date or period key stands for, or null when it is neither. */
export function dateOf(value: string): string | null {
  return parsePeriod(value)?.end ?? null;
}

/** Like dateOf, but throws a RangeError naming the field. */
export function requireDate(value: string, field: string): string {
  const date = dateOf(value);
  if (date === null) throw new RangeError(`${field} is not a date or period key: ${value}`);
  return date;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_OFFSET = /(?:Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO instant in milliseconds. Times without a UTC offset are Vietnam time; a bare date
 * means the end of that day there, so "known on 30 June" includes everything accepted that day.
 */
export function parseInstant(value: string, field = 'instant'): number {
  let text = value.trim();
  if (DATE_ONLY.test(text)) text = `${text}T23:59:59.999+07:00`;
  else if (!HAS_OFFSET.test(text)) text = `${text}+07:00`;
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new RangeError(`${field} is not an ISO date-time: ${value}`);
  return ms;
}
