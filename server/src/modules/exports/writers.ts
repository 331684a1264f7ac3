/**
 * Writing export rows to files with flat memory: rows are batched into ~64 KiB chunks, each chunk
 * waits for the file to take the previous ones (backpressure), and the SHA-256 of each file is
 * computed on the bytes as they are written.
 */
import { createHash } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { Writable } from 'node:stream';
import type ExcelJSModule from 'exceljs';
import type { ExportFormat } from '@tiendo/shared/schemas/exports';
import type { TableQuery } from './tables';
import { lazyRequire } from '../../lib/lazy-require';

const excel = lazyRequire<typeof ExcelJSModule>('exceljs');

export type Cell = string | number | bigint | null | Buffer;

/** A file being written: counts its bytes and hashes them on the way to the disk. */
export class HashingFileSink extends Writable {
  private readonly file: WriteStream;
  private readonly hash = createHash('sha256');
  bytes = 0;

  constructor(path: string) {
    super({ highWaterMark: 1 << 20 });
    this.file = createWriteStream(path);
    this.file.on('error', (err) => this.destroy(err));
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (this.file.write(chunk)) done();
    else this.file.once('drain', () => done());
  }

  override _final(done: (err?: Error | null) => void): void {
    this.file.end((err?: Error | null) => done(err));
  }

  override _destroy(err: Error | null, done: (err?: Error | null) => void): void {
    this.file.destroy();
    done(err);
  }

  /** Hex SHA-256 of everything written; call after `finished`. */
  digest(): string {
    return this.hash.digest('hex');
  }
}

const CHUNK = 64 * 1024;

/** Writes a string chunk; resolves at once unless the sink asks to wait. */
function push(sink: Writable, text: string): Promise<void> | null {
  return sink.write(text, 'utf8') ? null : drained(sink);
}

/** Resolves when the sink has room again. */
function drained(sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      sink.off('error', onError);
      resolve();
    };
    const onError = (err: Error) => {
      sink.off('drain', onDrain);
      reject(err);
    };
    sink.once('drain', onDrain);
    sink.once('error', onError);
  });
}

function close(sink: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    sink.once('error', reject);
    sink.end(() => resolve());
  });
}

/** One table's rows into one file (CSV, JSON Lines) or sheet (XLSX). */
export interface TableWriter {
  /** Adds a row; returns a promise to await before the next one when the file is behind. */
  row(cells: readonly Cell[]): Promise<void> | null;
  /** CSV only: adds ready CSV lines (a keyset page of the table's `csv.pageSql`). */
  lines?(bytes: Buffer): Promise<void> | null;
  /** Finishes the table. */
  end(): Promise<void>;
}

export interface ExportFileWriter {
  /** Starts a table; CSV rows come from `query.csv.sql`, the others' from `query.sql`. */
  table(query: TableQuery): Promise<TableWriter>;
  /** Finishes the file; returns its size and SHA-256. */
  close(): Promise<{ bytes: number; sha256: string }>;
  abort(): void;
}

const text = (v: Cell): string => (v === null ? '' : typeof v === 'string' ? v : Buffer.isBuffer(v) ? v.toString('base64') : String(v));

// --- CSV ------------------------------------------------------------------------------------

/** A column name, quoted as the CSV dialect quotes text. */
const csvHeader = (name: string) => `"${name.replace(/"/g, '""')}"`;

const CHUNK_BYTES = 256 * 1024;

/**
 * CSV in UTF-8 with a BOM (so Excel reads Vietnamese correctly), CRLF line ends, a header row.
 * The rows come from the table's CSV query: runs of ready CSV text as UTF-8 bytes, and REAL
 * numbers; they are copied into 256 KiB chunks, never turned into JavaScript strings.
 */
export function csvFile(path: string): ExportFileWriter {
  const sink = new HashingFileSink(path);
  let started = false;
  return {
    async table(query) {
      if (started) throw new Error('a CSV file holds one table');
      started = true;
      const parts = query.csv.parts;
      let chunk = Buffer.allocUnsafe(CHUNK_BYTES);
      let used = chunk.write(`\uFEFF${query.columns.map((c) => csvHeader(c.name)).join(',')}\r\n`, 0, 'utf8');
      const flush = (): Promise<void> | null => {
        const full = chunk.subarray(0, used);
        chunk = Buffer.allocUnsafe(CHUNK_BYTES);
        used = 0;
        return sink.write(full) ? null : drained(sink);
      };
      return {
        row(cells) {
          // Room for the row: its text runs, up to 24 characters per number, commas, CRLF.
          let need = parts.length + 2;
          for (let k = 0; k < parts.length; k++) {
            const v = cells[k];
            need += parts[k] === 'csv' ? (v as Buffer).length : 24;
          }
          let wait: Promise<void> | null = null;
          if (used + need > chunk.length) {
            if (used > 0) wait = flush();
            if (need > chunk.length) chunk = Buffer.allocUnsafe(need);
          }
          for (let k = 0; k < parts.length; k++) {
            if (k > 0) chunk[used++] = 0x2c;
            const v = cells[k] ?? null;
            if (v === null) continue;
            if (parts[k] === 'csv') used += (v as Buffer).copy(chunk, used);
            else used += chunk.write(String(v), used, 'latin1');
          }
          chunk[used++] = 0x0d;
          chunk[used++] = 0x0a;
          return wait;
        },
        lines(bytes) {
          const before = used > 0 ? flush() : null;
          const wrote = sink.write(bytes);
          return before ?? (wrote ? null : drained(sink));
        },
        async end() {
          if (used > 0) await flush();
        },
      };
    },
    async close() {
      await close(sink);
      return { bytes: sink.bytes, sha256: sink.digest() };
    },
    abort: () => sink.destroy(),
  };
}

// --- JSON Lines -----------------------------------------------------------------------------

/** JSON Lines: one object per row, keys in column order; `json` columns as JSON values. */
export function jsonLinesFile(path: string): ExportFileWriter {
  const sink = new HashingFileSink(path);
  let started = false;
  return {
    async table({ columns }) {
      if (started) throw new Error('a JSON Lines file holds one table');
      started = true;
      const keys = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
      const types = columns.map((c) => c.type);
      let buf = '';
      return {
        row(cells) {
          let line = '';
          for (let i = 0; i < keys.length; i++) {
            const v = cells[i] ?? null;
            // Stored JSON text is already JSON: it goes in as is.
            line += keys[i]! + (v === null ? 'null' : types[i] === 'json' ? text(v) : typeof v === 'number' ? String(v) : JSON.stringify(text(v)));
          }
          buf += `${line}}\n`;
          if (buf.length < CHUNK) return null;
          const out = buf;
          buf = '';
          return push(sink, out);
        },
        async end() {
          if (buf) await push(sink, buf);
          buf = '';
        },
      };
    },
    async close() {
      await close(sink);
      return { bytes: sink.bytes, sha256: sink.digest() };
    },
    abort: () => sink.destroy(),
  };
}

// --- XLSX -----------------------------------------------------------------------------------

/** Rows a worksheet can hold, the header included; longer tables continue on `name_2`, `name_3` … */
export const XLSX_MAX_ROWS = 1_048_576;

interface StreamLike {
  writableLength?: number;
  /** Streams of the `readable-stream` package (archiver's): their buffered bytes are in `_writableState`. */
  _writableState?: { length?: number };
  once?(event: 'drain', listener: () => void): unknown;
  removeListener?(event: 'drain', listener: () => void): unknown;
}

interface StreamBufInternals {
  buffers?: unknown[];
  pipes?: StreamLike[];
}

const XLSX_BUFFERED = 4 * 1024 * 1024;

/**
 * exceljs's streaming writer does not pass backpressure from the zip to the rows (its sheet buffer
 * ignores what the compressor's `write` returns), so every few hundred rows we wait while the
 * sheet's buffer or the compressor after it holds more than a few MiB, or while the file is behind.
 */
async function xlsxBackpressure(sheetStream: unknown, sink: HashingFileSink): Promise<void> {
  const s = sheetStream as StreamBufInternals;
  for (;;) {
    if (sink.writableNeedDrain) {
      await drained(sink);
      continue;
    }
    const behind = (s.pipes ?? []).find((p) => (p.writableLength ?? p._writableState?.length ?? 0) > XLSX_BUFFERED);
    if (behind?.once) {
      // 'drain', or a short wait should the compressor not announce it.
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          behind.removeListener?.('drain', done);
          resolve();
        };
        const timer = setTimeout(done, 50);
        behind.once!('drain', done);
      });
      continue;
    }
    if ((s.buffers?.length ?? 0) * 65_536 > XLSX_BUFFERED) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      continue;
    }
    return;
  }
}

/** An XLSX workbook (exceljs streaming writer), one sheet per table, values typed. */
export function xlsxFile(path: string): ExportFileWriter {
  const sink = new HashingFileSink(path);
  const workbook = new (excel().stream.xlsx.WorkbookWriter)({ stream: sink, useStyles: false, useSharedStrings: false });
  workbook.creator = 'Tiến Độ';
  return {
    async table({ name, columns }) {
      const types = columns.map((c) => c.type);
      const header = columns.map((c) => c.name);
      let part = 1;
      let rowsInSheet = 0;
      const open = () => {
        const sheet = workbook.addWorksheet(part === 1 ? name : `${name}_${part}`);
        sheet.addRow(header).commit();
        rowsInSheet = 1;
        return sheet;
      };
      let sheet = open();
      let sinceCheck = 0;
      return {
        row(cells) {
          if (rowsInSheet >= XLSX_MAX_ROWS) {
            sheet.commit();
            part++;
            sheet = open();
          }
          const values = new Array<string | number | null>(types.length);
          for (let i = 0; i < types.length; i++) {
            const v = cells[i] ?? null;
            values[i] = v === null ? null : typeof v === 'number' && (types[i] === 'number' || types[i] === 'integer') ? v : text(v);
          }
          sheet.addRow(values).commit();
          rowsInSheet++;
          if (++sinceCheck < 256) return null;
          sinceCheck = 0;
          return xlsxBackpressure((sheet as unknown as { stream: unknown }).stream, sink);
        },
        async end() {
          sheet.commit();
        },
      };
    },
    async close() {
      await workbook.commit();
      await new Promise<void>((resolve, reject) => {
        if (sink.writableFinished) return resolve();
        sink.once('finish', () => resolve());
        sink.once('error', reject);
      });
      return { bytes: sink.bytes, sha256: sink.digest() };
    },
    abort: () => sink.destroy(),
  };
}

export const CONTENT_TYPES: Record<ExportFormat | 'manifest', string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/x-ndjson; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  manifest: 'application/json; charset=utf-8',
};

export const EXTENSIONS: Record<ExportFormat, string> = { csv: 'csv', json: 'jsonl', xlsx: 'xlsx' };

export function openExportFile(format: ExportFormat, path: string): ExportFileWriter {
  return format === 'csv' ? csvFile(path) : format === 'json' ? jsonLinesFile(path) : xlsxFile(path);
}
