/**
 * Exports for auditors: a job reads the rows of its filters from one consistent snapshot of the
 * database (its own read-only connection, one read transaction), streams them to files under
 * `<dataDir>/exports/<id>/` with flat memory, and writes a manifest (filters, row counts, SHA-256
 * of each file, the audit chain head of the snapshot). Starting and finishing are audit events;
 * the finishing event carries the manifest's SHA-256, so the chain vouches for the export.
 */
import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { EXPORT_FILTERS, type CreateExportBody, type ExportFile, type ExportFilters, type ExportFormat, type ExportJob, type ExportKind } from '@tiendo/shared/schemas/exports';
import type { Deps } from '../../deps';
import { inScope, nowIso, systemContext, type RequestContext } from '../../lib/context';
import { requireRealDates } from '../../lib/dates';
import { AppError, notFound } from '../../lib/errors';
import { CHAIN_METHOD } from '../audit/chain';
import { resolveScope } from '../audit/scope';
import type { ExportJobRecord } from './repository';
import { filesExpireAt } from './retention';
import { EXPORT_METHOD, tablesFor, withKeyRange, type ResolvedFilters, type TableQuery } from './tables';
import { CONTENT_TYPES, EXTENSIONS, openExportFile, type Cell, type ExportFileWriter } from './writers';

class ExportInterrupted extends Error {}

/** How often a running export reports progress, and gives other requests a turn. */
const PROGRESS_MS = 250;
const YIELD_MS = 20;
/** Rows per keyset page of ready CSV lines. */
const CSV_PAGE_ROWS = 2000;

export interface ExportManifest {
  method: string;
  export: { id: number; kind: string; format: string };
  filters: Record<string, string>;
  scope: { unit: string | null; includesEventsWithoutUnit: boolean };
  generatedAt: string;
  generatedBy: { id: number | null; label: string; role: string };
  auditChain: { method: string; head: { seq: number; hash: string | null } | null };
  tables: { name: string; file: string; rows: number; columns: string[] }[];
  files: Omit<ExportFile, 'rows'>[];
  encoding: Record<string, string>;
}

const ENCODING: Record<ExportFormat, Record<string, string>> = {
  csv: {
    csv: "UTF-8 with a byte-order mark, CRLF line ends, RFC 4180 quoting, a header row; an empty cell is null; a text cell starting with = + - @ (or a tab or CR) is written with a leading apostrophe (') so spreadsheets do not run it as a formula; 'json' columns hold JSON text",
  },
  json: { json: 'JSON Lines (one JSON object per line, UTF-8, LF), keys in column order; JSON columns (before, after, milestones) as JSON values' },
  xlsx: { xlsx: 'Office Open XML workbook, one sheet per table (a table over 1,048,575 rows continues on <name>_2 …), header row first; JSON columns as text' },
};

export function parseChainHead(text: string | null): { seq: number; hash: string } | null {
  const m = /^(\d+):([0-9a-f]{64})$/.exec(text ?? '');
  return m ? { seq: Number(m[1]), hash: m[2]! } : null;
}

/** The manifest.json text as written beside the files (its SHA-256 is the one the job lists). */
export const manifestText = (manifest: unknown): string => `${JSON.stringify(manifest, null, 2)}\n`;

/** An export as the API shows it; `keepDays` (TIENDO_EXPORT_KEEP_DAYS) dates a completed export's expiry. */
export function toExportDto(j: ExportJobRecord, keepDays: number): ExportJob {
  return {
    id: j.id,
    kind: j.kind,
    format: j.format,
    filters: j.filters,
    status: j.status as ExportJob['status'],
    rowsWritten: j.rowsWritten,
    totalRows: j.totalRows,
    files: j.files,
    manifest: j.manifest,
    chainHead: parseChainHead(j.chainHead),
    error: j.error,
    createdBy: j.actorLabel,
    createdAt: j.createdAt,
    finishedAt: j.finishedAt,
    expiresAt: j.status === 'completed' && j.finishedAt ? filesExpireAt(j.finishedAt, keepDays) : null,
    filesRemovedAt: j.filesRemovedAt,
  };
}

const sha256 = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

interface Planned {
  id: number;
  ctx: RequestContext;
  kind: ExportKind;
  format: ExportFormat;
  filters: Record<string, string>;
  resolved: ResolvedFilters;
  unitId: number | null;
}

export function createExportService(deps: Deps) {
  const { repos, transact, audit, config, dbh } = deps;
  const root = path.join(config.dataDir, 'exports');
  let queue: Promise<unknown> = Promise.resolve();
  const running = new Map<number, { abort: AbortController; done: Promise<void> }>();

  /** Streams one table's rows from the snapshot into the file; returns the row count. */
  async function writeTable(reader: Database.Database, format: ExportFormat, file: ExportFileWriter, table: TableQuery, progress: (rows: number) => Promise<void>, signal: AbortSignal): Promise<number> {
    const writer = await file.table(table);
    const csv = format === 'csv';
    let rows = 0;
    let lastYield = Date.now();
    const turn = async () => {
      if (signal.aborted) throw new ExportInterrupted('the export was interrupted (the server is shutting down)');
      const now = Date.now();
      if (now - lastYield < YIELD_MS) return;
      await new Promise((resolve) => setImmediate(resolve));
      lastYield = Date.now();
      await progress(rows);
    };
    if (csv && table.csv.pageSql && writer.lines) {
      // Keyset pages of ready CSV lines, all in the same read transaction (so the same snapshot).
      const page = reader.prepare<Record<string, string | number>, { lines: Buffer | null; last: number | null; n: number }>(table.csv.pageSql);
      // A table with a key range starts just before its first key.
      const first = table.params.firstKey;
      for (let after = typeof first === 'number' ? Math.max(0, first - 1) : 0; ; ) {
        const p = page.get({ ...table.params, after, pageSize: CSV_PAGE_ROWS });
        if (!p || p.n === 0 || p.lines === null || p.last === null) break;
        const wait = writer.lines(p.lines);
        if (wait) await wait;
        rows += p.n;
        after = p.last;
        await turn();
      }
      await writer.end();
      return rows;
    }
    const stmt = reader.prepare(csv ? table.csv.sql : table.sql).raw(true);
    for (const row of stmt.iterate(table.params) as IterableIterator<Cell[]>) {
      const wait = writer.row(row);
      if (wait) await wait;
      rows++;
      if ((rows & 1023) === 0) await turn();
    }
    await writer.end();
    return rows;
  }

  async function execute(job: Planned, signal: AbortSignal): Promise<void> {
    if (signal.aborted) throw new ExportInterrupted('the export was interrupted before it started (the server was shutting down)');
    const dir = path.join(root, String(job.id));
    await mkdir(dir, { recursive: true });
    const ext = EXTENSIONS[job.format];
    const files: ExportFile[] = [];
    const tableInfo: ExportManifest['tables'] = [];
    let written = 0;
    let lastProgress = 0;
    let head: { seq: number; hash: string | null } | null;
    let generatedAt: string;

    // One read transaction on a connection of its own: every table comes from the same snapshot,
    // the one whose audit chain head the manifest names, while the server goes on writing.
    const reader = new Database(dbh.file, { readonly: true, fileMustExist: true });
    try {
      reader.pragma('busy_timeout = 5000');
      reader.exec('BEGIN');
      head = reader.prepare<[], { seq: number; hash: string | null }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1').get() ?? null;
      generatedAt = nowIso();
      // A scope at the top of a one-rooted tree is everything: no per-row subtree test needed.
      const roots = reader.prepare<[], { n: number }>('SELECT count(*) AS n FROM units WHERE parent_id IS NULL').get()?.n ?? 0;
      const tables = tablesFor(job.kind, job.resolved.includeUnscoped && roots === 1 ? { ...job.resolved, prefix: '/' } : job.resolved).map((t) =>
        withKeyRange(t, (sql, params) => reader.prepare<Record<string, string | number>, { first: number | null; last: number | null }>(sql).get(params)),
      );
      const total = tables.reduce((sum, t) => sum + (reader.prepare<Record<string, string | number>, { n: number }>(t.countSql).get(t.params)?.n ?? 0), 0);
      await transact(() => repos.exports.start(job.id, total, head?.hash ? `${head.seq}:${head.hash}` : null));

      const progress = async (inTable: number) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_MS) return;
        lastProgress = now;
        await transact(() => repos.exports.progress(job.id, written + inTable));
      };
      const finishFile = async (name: string, file: ExportFileWriter, rows: number) => {
        const { bytes, sha256: hash } = await file.close();
        files.push({ name, contentType: CONTENT_TYPES[job.format], bytes, sha256: hash, rows });
      };

      if (job.format === 'xlsx') {
        const name = `${job.kind}.xlsx`;
        const file = openExportFile('xlsx', path.join(dir, name));
        let rows = 0;
        try {
          for (const t of tables) {
            const n = await writeTable(reader, job.format, file, t, progress, signal);
            tableInfo.push({ name: t.name, file: name, rows: n, columns: t.columns.map((c) => c.name) });
            rows += n;
            written += n;
          }
        } catch (err) {
          file.abort();
          throw err;
        }
        await finishFile(name, file, rows);
      } else {
        for (const t of tables) {
          const name = `${t.name}.${ext}`;
          const file = openExportFile(job.format, path.join(dir, name));
          let n: number;
          try {
            n = await writeTable(reader, job.format, file, t, progress, signal);
          } catch (err) {
            file.abort();
            throw err;
          }
          await finishFile(name, file, n);
          tableInfo.push({ name: t.name, file: name, rows: n, columns: t.columns.map((c) => c.name) });
          written += n;
        }
      }
      reader.exec('COMMIT');
    } finally {
      reader.close();
    }

    const manifest: ExportManifest = {
      method: EXPORT_METHOD,
      export: { id: job.id, kind: job.kind, format: job.format },
      filters: job.filters,
      scope: { unit: job.filters.under ?? null, includesEventsWithoutUnit: job.resolved.includeUnscoped },
      generatedAt,
      generatedBy: { id: job.ctx.actor.id, label: job.ctx.actor.label, role: job.ctx.actor.role },
      auditChain: { method: CHAIN_METHOD, head },
      tables: tableInfo,
      files: files.map(({ rows: _rows, ...f }) => f),
      encoding: ENCODING[job.format],
    };
    const text = manifestText(manifest);
    await writeFile(path.join(dir, 'manifest.json'), text);
    const manifestFile: ExportFile = { name: 'manifest.json', contentType: CONTENT_TYPES.manifest, bytes: Buffer.byteLength(text), sha256: sha256(text), rows: 0 };

    await transact(async () => {
      await repos.exports.complete(job.id, { rowsWritten: written, files: [...files, manifestFile], manifest, now: nowIso() });
      await audit(job.ctx, {
        action: 'export.complete',
        entity: 'export',
        entityId: job.id,
        unitId: job.unitId,
        after: {
          kind: job.kind,
          format: job.format,
          rows: Object.fromEntries(tableInfo.map((t) => [t.name, t.rows])),
          chainHead: head,
          files: [...files, manifestFile].map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
        },
      });
    });
  }

  async function fail(job: Planned, err: unknown): Promise<void> {
    const message = err instanceof ExportInterrupted ? err.message : `the export failed: ${err instanceof Error ? err.message : String(err)}`;
    await rm(path.join(root, String(job.id)), { recursive: true, force: true }).catch(() => undefined);
    if (!dbh.sqlite.open) return;
    await transact(async () => {
      await repos.exports.fail(job.id, message, nowIso());
      await audit(job.ctx, { action: 'export.fail', entity: 'export', entityId: job.id, unitId: job.unitId, after: { error: message } });
    });
  }

  function schedule(job: Planned): void {
    const abort = new AbortController();
    // One export at a time: each reads a whole snapshot and keeps a disk busy.
    const done = queue.then(() => execute(job, abort.signal)).catch((err: unknown) => fail(job, err)).catch(() => undefined);
    queue = done;
    running.set(job.id, { abort, done });
    void done.finally(() => running.delete(job.id));
  }

  async function scopePathOf(job: ExportJobRecord): Promise<string> {
    const code = job.filters.under;
    if (!code) return '/';
    return (await repos.units.findByCode(code))?.path ?? '/';
  }

  return {
    async create(ctx: RequestContext, body: CreateExportBody): Promise<ExportJobRecord> {
      const filters: ExportFilters = body.filters ?? {};
      const allowed = EXPORT_FILTERS[body.kind];
      const given = Object.entries(filters).filter(([, v]) => v !== undefined) as [keyof ExportFilters, string][];
      const refused = given.filter(([k]) => !allowed.includes(k));
      if (refused.length) {
        const errors = refused.map(([k]) => ({ field: `/body/filters/${k}`, message: `does not apply to ${body.kind} exports (they take ${allowed.join(', ')})` }));
        throw new AppError('VALIDATION_FAILED', `The request is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
      }
      requireRealDates([], [{ field: '/body/filters/period', value: filters.period }]);
      for (const k of ['from', 'to'] as const) {
        const v = filters[k];
        if (v !== undefined && Number.isNaN(Date.parse(v))) {
          throw new AppError('VALIDATION_FAILED', `filters.${k} "${v}" is not an ISO-8601 date or time.`, { errors: [{ field: `/body/filters/${k}`, message: 'is not an ISO-8601 date or time' }] });
        }
      }
      if (filters.from && filters.to && filters.from > filters.to) {
        throw new AppError('VALIDATION_FAILED', 'filters.from is after filters.to.', { errors: [{ field: '/body/filters/from', message: 'is after filters.to' }] });
      }
      const scope = await resolveScope(deps, ctx.actor, filters.under);
      if (filters.plan && !(await repos.plans.findByCode(filters.plan))) throw notFound('Plan', filters.plan);

      const recorded: Record<string, string> = Object.fromEntries(given);
      if (scope.unitCode) recorded.under = scope.unitCode;
      const { under: _under, ...rest } = filters;
      const resolved: ResolvedFilters = { ...rest, prefix: scope.unitPathPrefix, includeUnscoped: scope.includeUnscoped ?? false };
      const id = await transact(async () => {
        const jobId = await repos.exports.insert({ kind: body.kind, format: body.format, filters: recorded, actorId: ctx.actor.id, actorLabel: ctx.actor.label, now: nowIso() });
        await audit(ctx, { action: 'export.create', entity: 'export', entityId: jobId, unitId: scope.unitId, after: { kind: body.kind, format: body.format, filters: recorded } });
        return jobId;
      });
      schedule({ id, ctx, kind: body.kind, format: body.format, filters: recorded, resolved, unitId: scope.unitId });
      return (await repos.exports.findById(id))!;
    },

    /** A job its creator, or anyone whose subtree holds the export's scope, may see. */
    async get(ctx: RequestContext, id: number): Promise<ExportJobRecord> {
      const job = await repos.exports.findById(id);
      if (!job) throw notFound('Export', id);
      if (job.actorId !== ctx.actor.id && !inScope(ctx.actor, await scopePathOf(job))) throw notFound('Export', id);
      return job;
    },

    async list(ctx: RequestContext, page: { offset: number; limit: number }) {
      return repos.exports.listByActor(ctx.actor.id, page);
    },

    /**
     * A finished export's file: its path, or for an expired export's manifest.json (the only file
     * it still has) the text, written again from the record exactly as it was.
     */
    async file(ctx: RequestContext, id: number, name: string): Promise<{ contentType: string; name: string; bytes: number } & ({ path: string } | { text: string })> {
      const job = await this.get(ctx, id);
      const file = job.files.find((f) => f.name === name);
      if (job.status === 'expired') {
        if (file?.name === 'manifest.json') return { contentType: file.contentType, name: file.name, bytes: file.bytes, text: manifestText(job.manifest) };
        throw new AppError(
          'INVALID_STATE',
          `Export ${id}'s files were removed on ${job.filesRemovedAt?.slice(0, 10) ?? 'an earlier day'}: the server keeps an export's files ${config.exportKeepDays} days after it finishes (TIENDO_EXPORT_KEEP_DAYS). Its manifest.json can still be downloaded; start the export again to get the files.`,
        );
      }
      if (job.status !== 'completed') throw new AppError('INVALID_STATE', `Export ${id} is ${job.status}; its files can be downloaded once it is completed.`);
      if (!file) throw notFound('File', name);
      return { path: path.join(root, String(id), file.name), contentType: file.contentType, name: file.name, bytes: file.bytes };
    },

    /** Resolves when the export has finished (completed or failed). */
    async settled(id: number): Promise<void> {
      await running.get(id)?.done;
    },

    /** Marks the jobs a stopped process left unfinished as failed. */
    async recoverInterrupted(): Promise<void> {
      for (const job of await repos.exports.unfinished()) {
        if (running.has(job.id)) continue;
        const unitId = job.filters.under ? ((await repos.units.findByCode(job.filters.under))?.id ?? null) : null;
        const planned: Planned = { id: job.id, ctx: systemContext('server-start'), kind: job.kind as ExportKind, format: job.format as ExportFormat, filters: job.filters, resolved: { prefix: '/', includeUnscoped: false }, unitId };
        await fail(planned, new ExportInterrupted('the export was interrupted: the server stopped before it finished'));
      }
    },

    /** Stops running exports (they end as failed) and waits for them: call before closing the database. */
    async close(): Promise<void> {
      const all = [...running.values()];
      for (const r of all) r.abort.abort();
      await Promise.all(all.map((r) => r.done));
    },
  };
}

export type ExportService = ReturnType<typeof createExportService>;
