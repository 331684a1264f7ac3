/** Reading and checking the cells of one record, by column name. */
import { isOneOf } from '@tiendo/shared/domain';
import { isIsoDate, parsePeriod } from '@tiendo/shared/periods';
import { cleanText } from '@tiendo/shared/text';
import type { ImportFileName, ImportProblemCode, ProblemList } from './problems';

export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
export const CODE_MAX_LENGTH = 64;

/**
 * A value read from a cell: the value; `null` when the cell is empty; `undefined` when the
 * column is absent from the file or the value is invalid (and a problem has been reported).
 */
export type Cell<T> = T | null | undefined;

const NUMBER_PATTERN = /^[+-]?\d+(?:\.\d+)?$/;
const PERIOD_FORMS = 'YYYY, YYYY-Qn, YYYY-Hn, YYYY-MM or YYYY-MM-DD (e.g. 2021, 2021-Q1, 2021-H2, 2021-06, 2021-06-30)';

/** A value quoted for a message, shortened when long. */
export const quoteValue = (v: string): string => `"${v.length > 80 ? `${v.slice(0, 77)}...` : v}"`;

/** A hint for dates written day/month/year, as Vietnamese texts do: "10/1/2020" → "2020-01-10". */
function dayMonthYearHint(value: string): string {
  const m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(value);
  if (!m) return '';
  const iso = `${m[3]}-${(m[2] ?? '').padStart(2, '0')}-${(m[1] ?? '').padStart(2, '0')}`;
  return isIsoDate(iso) ? `; if it is day/month/year, write ${iso}` : '';
}

function numberHint(value: string): string {
  if (value.includes(',')) return "write decimals with '.' (3.5, not 3,5) and no thousands separators (3000, not 3,000)";
  if (/\d\s\d/.test(value)) return 'write the number without spaces or thousands separators (3000, not 3 000)';
  if (/[%a-zA-Z\u00C0-\u1EF9]/.test(value) && /\d/.test(value)) return "write only the number, without units, words or '%' (the unit belongs in unit_label)";
  return "write a plain decimal number with '.' for decimals, such as 12 or 12.5";
}

export class RowReader {
  constructor(
    readonly file: ImportFileName,
    readonly line: number,
    private readonly cells: readonly string[],
    private readonly columns: ReadonlyMap<string, number>,
    private readonly problems: ProblemList,
  ) {}

  report(column: string | null, code: ImportProblemCode, message: string): void {
    this.problems.add(this.file, this.line, column, code, message);
  }

  hasColumn(column: string): boolean {
    return this.columns.has(column);
  }

  /** The cleaned cell (NFC, trimmed, inner spaces collapsed); null when empty; undefined when the column is absent. */
  cell(column: string): string | null | undefined {
    const i = this.columns.get(column);
    if (i === undefined) return undefined;
    const value = cleanText(this.cells[i] ?? '');
    return value === '' ? null : value;
  }

  private given(column: string, required: boolean): string | null | undefined {
    const value = this.cell(column);
    if (value === null && required) {
      this.report(column, 'REQUIRED', `${column} is empty: it is required, fill it in.`);
      return undefined;
    }
    return value;
  }

  text(column: string, required = false): Cell<string> {
    return this.given(column, required);
  }

  /** A code: `^[A-Za-z0-9][A-Za-z0-9._-]*$`, at most 64 characters (BAD_CODE). */
  code(column: string, required = false): Cell<string> {
    const value = this.given(column, required);
    if (value == null) return value;
    if (value.length > CODE_MAX_LENGTH) {
      this.report(column, 'BAD_CODE', `${column} ${quoteValue(value)} is ${value.length} characters long: codes are at most ${CODE_MAX_LENGTH} characters.`);
      return undefined;
    }
    if (!CODE_PATTERN.test(value)) {
      this.report(
        column,
        'BAD_CODE',
        `${column} ${quoteValue(value)} is not a valid code: use only ASCII letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. HD-STTTT).`,
      );
      return undefined;
    }
    return value;
  }

  /** A finite decimal written with '.' (BAD_NUMBER). */
  number(column: string, required = false): Cell<number> {
    const value = this.given(column, required);
    if (value == null) return value;
    const n = NUMBER_PATTERN.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(n)) {
      this.report(column, 'BAD_NUMBER', `${column} ${quoteValue(value)} is not a number: ${numberHint(value)}.`);
      return undefined;
    }
    return n === 0 ? 0 : n; // no -0
  }

  /** One of `values`, compared without case (BAD_ENUM). */
  oneOf<T extends string>(column: string, values: readonly T[], required = false): Cell<T> {
    const value = this.given(column, required);
    if (value == null) return value;
    const lower = value.toLowerCase();
    if (!isOneOf(values, lower)) {
      this.report(column, 'BAD_ENUM', `${column} ${quoteValue(value)} is not allowed: use one of ${values.join(', ')}.`);
      return undefined;
    }
    return lower;
  }

  /** A period key (BAD_PERIOD); `q`/`h` are accepted in lower case and returned in upper case. */
  period(column: string, required = false): Cell<string> {
    const value = this.given(column, required);
    if (value == null) return value;
    const key = value.toUpperCase();
    if (parsePeriod(key) === null) {
      this.report(column, 'BAD_PERIOD', `${column} ${quoteValue(value)} is not a period: write ${PERIOD_FORMS}${dayMonthYearHint(value)}.`);
      return undefined;
    }
    return key;
  }

  /** An ISO calendar date `YYYY-MM-DD` (BAD_DATE). */
  date(column: string, required = false): Cell<string> {
    const value = this.given(column, required);
    if (value == null) return value;
    if (!isIsoDate(value)) {
      this.report(
        column,
        'BAD_DATE',
        `${column} ${quoteValue(value)} is not a date: write an existing calendar date as YYYY-MM-DD, e.g. 2020-01-10${dayMonthYearHint(value)}.`,
      );
      return undefined;
    }
    return value;
  }
}

