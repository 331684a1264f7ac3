/**
 * Reading one CSV file of the import format into records with their physical line numbers.
 * RFC 4180 quoting, a UTF-8 BOM and CRLF line ends are accepted. No validation of content.
 */
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  /** Physical line of the file (1-based) where the record starts. */
  line: number;
  /** The raw cells, not yet cleaned. */
  cells: string[];
}

export interface CsvSyntaxError {
  line: number;
  message: string;
}

export interface CsvReadResult {
  /** Records read, the header included; with a syntax error, the records before it. */
  records: CsvRecord[];
  error: CsvSyntaxError | null;
}

const countNewlines = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('\n'); i !== -1; i = s.indexOf('\n', i + 1)) n++;
  return n;
};

const isBlankRecord = (cells: readonly string[]): boolean => cells.every((c) => c.trim() === '');

const REST_NOT_READ = 'the rest of the file was not read.';

function describeCsvError(err: CsvError, recordStart: number): CsvSyntaxError {
  const at = typeof err.lines === 'number' && err.lines >= 1 ? err.lines : recordStart;
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        line: recordStart,
        message: `A quoted field in the record starting on line ${recordStart} is never closed: add the closing '"' (a '"' inside a quoted field is written '""'); ${REST_NOT_READ}`,
      };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return {
        line: at,
        message: `A quoted field is followed by other characters before the next ',' on line ${at}: quote the whole field and write each '"' inside it as '""'; ${REST_NOT_READ}`,
      };
    case 'INVALID_OPENING_QUOTE':
      return {
        line: at,
        message: `A '"' appears inside a field that is not quoted on line ${at}: quote the whole field and write each '"' inside it as '""'; ${REST_NOT_READ}`,
      };
    default:
      return {
        line: at,
        message: `The file is not valid CSV near line ${at} (${err.message}); ${REST_NOT_READ}`,
      };
  }
}

/** The first line after `afterLine` that is not blank (where the next record starts). */
function nextNonBlankLine(lines: readonly string[], afterLine: number): number {
  for (let i = afterLine; i < lines.length; i++) {
    if ((lines[i] ?? '').trim() !== '') return i + 1;
  }
  return Math.min(afterLine + 1, Math.max(lines.length, 1));
}

/**
 * Reads CSV text. Blank lines and records whose cells are all blank are skipped.
 * Records keep their cell count (a wrong count is for the caller to report).
 */
export function readCsv(text: string): CsvReadResult {
  // One line-end convention, so that csv-parse counts physical lines as an editor does.
  // Text inside quoted fields loses its CR, which cleaning would collapse anyway.
  const normalized = text.replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let lastEndLine = 0;
  try {
    parse(normalized, {
      bom: true,
      delimiter: ',',
      record_delimiter: '\n',
      quote: '"',
      escape: '"',
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (cells: string[], info) => {
        // `info.lines` is the line where the record ends; every newline inside the record
        // belongs to a quoted field, so the cells say how many lines it spans.
        lastEndLine = info.lines;
        const line = info.lines - cells.reduce((n, c) => n + countNewlines(c), 0);
        if (!isBlankRecord(cells)) records.push({ line, cells });
        return null;
      },
    });
  } catch (err) {
    if (!(err instanceof CsvError)) throw err;
    const start = nextNonBlankLine(normalized.split('\n'), lastEndLine);
    return { records, error: describeCsvError(err, start) };
  }
  return { records, error: null };
}
