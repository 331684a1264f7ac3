/** What the files of one import declare, and checks of references between them. */
import type { ImportFileName } from './problems';
import { CODE_PATTERN, CODE_MAX_LENGTH, type Cell, type RowReader } from './row';
import type { Table } from './table';

/** A record being read: its reader, and whether its cells were checked (false: wrong cell count). */
export interface Draft {
  reader: RowReader;
  checked: boolean;
}

export interface CodedDraft extends Draft {
  code: Cell<string>;
}

/** The codes a file of the import declares (first declaration of each). */
export interface Declared<D> {
  file: ImportFileName;
  /** The file is part of the import. */
  given: boolean;
  /** Every code of the file is known: it was read to its end and has its code column. */
  complete: boolean;
  byCode: ReadonlyMap<string, D>;
}

/** The code of a record whose cells are not checked (wrong cell count), when it looks valid. */
export function peekCode(reader: RowReader, column: string): string | undefined {
  const value = reader.cell(column);
  return value && value.length <= CODE_MAX_LENGTH && CODE_PATTERN.test(value) ? value : undefined;
}

/** Collects the codes of a file, reporting each code declared again as DUPLICATE_CODE. */
export function declareCodes<D extends CodedDraft>(file: ImportFileName, given: boolean, table: Table, drafts: readonly D[]): Declared<D> {
  const byCode = new Map<string, D>();
  for (const draft of drafts) {
    if (typeof draft.code !== 'string') continue;
    const first = byCode.get(draft.code);
    if (first) {
      draft.reader.report(
        'code',
        'DUPLICATE_CODE',
        `code "${draft.code}" is already used on line ${first.reader.line} of ${file}: each code may appear only once; rename it or merge the two rows.`,
      );
    } else {
      byCode.set(draft.code, draft);
    }
  }
  return { file, given, complete: !given || (table.readToEnd && table.columns.has('code')), byCode };
}

export interface ReferenceTarget {
  /** "a unit", "a plan", "an indicator". */
  noun: string;
  declared: Declared<unknown>;
  inDatabase: (code: string) => boolean;
}

/**
 * Checks that `value` names a record of the import or of the database (UNKNOWN_REFERENCE).
 * When the target file could not be read completely, an unknown code is not reported.
 */
export function checkReference(reader: RowReader, column: string, value: Cell<string>, target: ReferenceTarget): void {
  if (typeof value !== 'string') return;
  const { declared } = target;
  if (declared.byCode.has(value) || target.inDatabase(value)) return;
  if (!declared.complete) return;
  const where = declared.given ? `in ${declared.file} or in the database` : `in the database (this import has no ${declared.file})`;
  reader.report(
    column,
    'UNKNOWN_REFERENCE',
    `${column} "${value}" is not ${target.noun} ${where}: add it to ${declared.file} or correct the code.`,
  );
}

/** Asserts a value the checks have guaranteed (a record without problems has all its required values). */
export function req<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error('import parser: a required value is missing in a record without problems');
  return value;
}

/** An optional value of a record without problems. */
export const opt = <T>(value: T | null | undefined): T | null => value ?? null;
