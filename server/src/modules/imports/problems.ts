/** Problems found in an import, and where they are collected. */

export type ImportFileName = 'units.csv' | 'plans.csv' | 'indicators.csv' | 'observations.csv';

/** Files in the order they are read and reported. */
export const IMPORT_FILE_NAMES = ['units.csv', 'plans.csv', 'indicators.csv', 'observations.csv'] as const satisfies readonly ImportFileName[];

/** The problem codes the parser reports; stable, for clients to branch on. */
export const IMPORT_PROBLEM_CODES = [
  /** The file is not valid CSV (quoting); the rest of the file is not read. */
  'CSV_SYNTAX',
  /** The file is empty: it has no header row. */
  'MISSING_HEADER',
  /** A required column is not in the header (line 1). */
  'MISSING_COLUMN',
  /** A column name appears twice in the header. */
  'DUPLICATE_COLUMN',
  /** A record has a different number of cells than the header; its other cells are not checked. */
  'WRONG_COLUMN_COUNT',
  /** A required value is empty, or a value that must accompany another one is missing. */
  'REQUIRED',
  /** A value is given where it must be empty. */
  'NOT_ALLOWED',
  /** A code is not of the form `^[A-Za-z0-9][A-Za-z0-9._-]*$` (at most 64 characters). */
  'BAD_CODE',
  /** A number is not a plain decimal written with '.'. */
  'BAD_NUMBER',
  /** A date is not an ISO `YYYY-MM-DD` calendar date. */
  'BAD_DATE',
  /** A period is not a period key (`YYYY`, `YYYY-Qn`, `YYYY-Hn`, `YYYY-MM`, `YYYY-MM-DD`). */
  'BAD_PERIOD',
  /** A value is not one of the allowed values of its column. */
  'BAD_ENUM',
  /** Two values that are each allowed may not be used together (measure and direction). */
  'BAD_COMBINATION',
  /** A code (or an observation's indicator, unit and as_of) appears twice in a file. */
  'DUPLICATE_CODE',
  /** A reference names a code that is neither in the import nor in the database. */
  'UNKNOWN_REFERENCE',
  /** A reference names a unit of the wrong type (a plan's province_code must be a province or the nation). */
  'WRONG_UNIT_TYPE',
  /** Units' parent_code links form a cycle. */
  'CYCLE',
  /** A start is after its end, or a range's upper bound is not above its lower bound. */
  'BAD_RANGE',
  /** A number is outside the values its measure allows. */
  'OUT_OF_RANGE',
] as const;
export type ImportProblemCode = (typeof IMPORT_PROBLEM_CODES)[number];

export interface ImportProblem {
  file: ImportFileName;
  /** Physical line of the file where the record starts; the header is line 1. */
  line: number;
  /** The column the problem is in, or null when it concerns the whole record or file. */
  column: string | null;
  /** One of IMPORT_PROBLEM_CODES. */
  code: string;
  /** An English sentence saying what is wrong and what to fix, naming the value. */
  message: string;
}

const rowKey = (file: ImportFileName, line: number): string => `${file}:${line}`;

export class ProblemList {
  readonly items: ImportProblem[] = [];
  private readonly rows = new Set<string>();
  private readonly files = new Set<ImportFileName>();

  /** A problem of one record. */
  add(file: ImportFileName, line: number, column: string | null, code: ImportProblemCode, message: string): void {
    this.items.push({ file, line, column, code, message });
    this.rows.add(rowKey(file, line));
  }

  /** A problem that makes the whole file unusable for import (syntax, header). */
  addFileProblem(file: ImportFileName, line: number, column: string | null, code: ImportProblemCode, message: string): void {
    this.add(file, line, column, code, message);
    this.files.add(file);
  }

  rowHasProblem(file: ImportFileName, line: number): boolean {
    return this.rows.has(rowKey(file, line));
  }

  fileHasProblem(file: ImportFileName): boolean {
    return this.files.has(file);
  }

  /**
   * Problems in file order, then line order, then by `columnRank` (whole-record problems first);
   * otherwise in the order they were found.
   */
  sorted(columnRank: (file: ImportFileName, column: string) => number): ImportProblem[] {
    const order = (f: ImportFileName): number => IMPORT_FILE_NAMES.indexOf(f);
    const rank = (p: ImportProblem): number => (p.column === null ? -1 : columnRank(p.file, p.column));
    return this.items
      .map((p, i) => ({ p, i }))
      .sort((a, b) => order(a.p.file) - order(b.p.file) || a.p.line - b.p.line || rank(a.p) - rank(b.p) || a.i - b.i)
      .map(({ p }) => p);
  }
}
