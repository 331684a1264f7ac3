/** One import file as a table: the header checked, each record wrapped in a RowReader. */
import { cleanText } from '@tiendo/shared/text';
import { readCsv } from './csv';
import type { ImportFileName, ProblemList } from './problems';
import { RowReader } from './row';

export interface FileSpec {
  file: ImportFileName;
  /** Columns the header must have (the README's columns); their cells may still be empty. */
  required: readonly string[];
  /** Further columns read when present. */
  optional: readonly string[];
}

export interface TableRow {
  reader: RowReader;
  /** The record's cell count differs from the header's; its cells are not checked. */
  wrongCount: boolean;
}

export interface Table {
  rows: TableRow[];
  /** False when the file could not be read to its end (CSV_SYNTAX) or has no header. */
  readToEnd: boolean;
  /** Columns of the spec that the header has. */
  columns: ReadonlySet<string>;
}

export function readTable(text: string, spec: FileSpec, problems: ProblemList): Table {
  const { file } = spec;
  const { records, error } = readCsv(text);
  if (error) problems.addFileProblem(file, error.line, null, 'CSV_SYNTAX', error.message);

  const [header, ...body] = records;
  if (!header) {
    if (!error) {
      problems.addFileProblem(file, 1, null, 'MISSING_HEADER', `${file} is empty: it needs a header row naming its columns (${spec.required.join(',')}).`);
    }
    return { rows: [], readToEnd: false, columns: new Set() };
  }

  const names = header.cells.map((c) => cleanText(c).toLowerCase());
  const only = names.length === 1 ? (names[0] ?? '') : '';
  const otherSeparator = only.includes(';') ? "';'" : only.includes('\t') ? 'tabs' : null;
  if (otherSeparator) {
    problems.addFileProblem(
      file,
      header.line,
      null,
      'CSV_SYNTAX',
      `The header of ${file} is separated by ${otherSeparator}: the import format separates columns with ',' (save the file as "CSV UTF-8, comma delimited").`,
    );
    return { rows: [], readToEnd: false, columns: new Set() };
  }

  const known = new Set([...spec.required, ...spec.optional]);
  const index = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') return;
    const first = index.get(name);
    if (first === undefined) {
      index.set(name, i);
    } else if (known.has(name)) {
      problems.addFileProblem(
        file,
        header.line,
        name,
        'DUPLICATE_COLUMN',
        `Column "${name}" appears twice in the header (columns ${first + 1} and ${i + 1}): keep only one.`,
      );
    }
  });
  for (const name of spec.required) {
    if (!index.has(name)) {
      problems.addFileProblem(
        file,
        header.line,
        name,
        'MISSING_COLUMN',
        `The header has no column "${name}": add it (it may be left empty where the value is optional); ${file} needs ${spec.required.join(',')}.`,
      );
    }
  }
  const columns = new Map([...index].filter(([name]) => known.has(name)));

  const rows = body.map((record): TableRow => {
    const reader = new RowReader(file, record.line, record.cells, columns, problems);
    const n = record.cells.length;
    // No leniency for extra empty cells: a value shifted by an unquoted ',' often leaves one.
    const wrongCount = n !== names.length;
    if (wrongCount) {
      reader.report(
        null,
        'WRONG_COLUMN_COUNT',
        `This record has ${n} cells but the header has ${names.length} columns: quote any value containing ',' ("a, b") and check for missing or extra commas.`,
      );
    }
    return { reader, wrongCount };
  });
  return { rows, readToEnd: error === null, columns: new Set(columns.keys()) };
}
