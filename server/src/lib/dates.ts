import type { FieldError } from '@tiendo/shared/errors';
import { isIsoDate, isPeriodKey } from '@tiendo/shared/periods';
import { AppError } from './errors';

/** A date or period key of a request, with the field it came from (`/body/period`). */
export interface DateField {
  field: string;
  value: string | null | undefined;
}

/**
 * The request schemas check only the shape of dates and period keys (`YYYY-MM-DD`, `2021-Q1` …).
 * This refuses those that name no real day or period (2021-02-30, 2021-13, 0000-00-00, years
 * outside 1900–2200) with field errors, before any code computes with them or stores them.
 */
export function requireRealDates(dates: DateField[], periods: DateField[] = []): void {
  const errors: FieldError[] = [];
  for (const { field, value } of dates) {
    if (value != null && !isIsoDate(value)) errors.push({ field, message: `"${value}" is not a calendar date (YYYY-MM-DD)` });
  }
  for (const { field, value } of periods) {
    if (value != null && !isPeriodKey(value)) errors.push({ field, message: `"${value}" is not a period (2021, 2021-H1, 2021-Q1, 2021-06 or 2021-06-30, years 1900–2200)` });
  }
  if (errors.length) throw new AppError('VALIDATION_FAILED', `The request is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
}
