import { and, asc, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { ExportFile } from '@tiendo/shared/schemas/exports';
import type { Db } from '../../db/client';
import { exportJobs } from '../../db/schema/index';

export interface ExportJobRecord {
  id: number;
  kind: string;
  format: string;
  filters: Record<string, string>;
  status: string;
  rowsWritten: number;
  totalRows: number | null;
  files: ExportFile[];
  manifest: unknown;
  /** `seq:hash` of the audit chain head the export was read at. */
  chainHead: string | null;
  error: string | null;
  actorId: number | null;
  actorLabel: string;
  createdAt: string;
  finishedAt: string | null;
  /** When the files of an expired export were removed. */
  filesRemovedAt: string | null;
}

type Row = typeof exportJobs.$inferSelect;
const toRecord = (r: Row): ExportJobRecord => ({
  ...r,
  filters: (r.filters ?? {}) as Record<string, string>,
  files: (r.files ?? []) as ExportFile[],
  manifest: r.manifest ?? null,
});

export function createExportsRepository(db: Db) {
  return {
    async insert(job: { kind: string; format: string; filters: Record<string, string>; actorId: number | null; actorLabel: string; now: string }): Promise<number> {
      return db
        .insert(exportJobs)
        .values({ kind: job.kind, format: job.format, filters: job.filters, status: 'queued', actorId: job.actorId, actorLabel: job.actorLabel, createdAt: job.now })
        .returning({ id: exportJobs.id })
        .get().id;
    },
    async findById(id: number): Promise<ExportJobRecord | null> {
      const r = db.select().from(exportJobs).where(eq(exportJobs.id, id)).get();
      return r ? toRecord(r) : null;
    },
    async listByActor(actorId: number | null, page: { offset: number; limit: number }): Promise<{ rows: ExportJobRecord[]; total: number }> {
      const cond = actorId === null ? sql`${exportJobs.actorId} IS NULL` : eq(exportJobs.actorId, actorId);
      const total = db.select({ n: sql<number>`count(*)` }).from(exportJobs).where(cond).get()?.n ?? 0;
      const rows = db.select().from(exportJobs).where(cond).orderBy(desc(exportJobs.id)).limit(page.limit).offset(page.offset).all();
      return { total, rows: rows.map(toRecord) };
    },
    async start(id: number, totalRows: number, chainHead: string | null): Promise<void> {
      db.update(exportJobs).set({ status: 'running', totalRows, chainHead }).where(eq(exportJobs.id, id)).run();
    },
    async progress(id: number, rowsWritten: number): Promise<void> {
      db.update(exportJobs).set({ rowsWritten }).where(eq(exportJobs.id, id)).run();
    },
    async complete(id: number, done: { rowsWritten: number; files: ExportFile[]; manifest: unknown; now: string }): Promise<void> {
      db.update(exportJobs)
        .set({ status: 'completed', rowsWritten: done.rowsWritten, files: done.files, manifest: done.manifest, finishedAt: done.now })
        .where(eq(exportJobs.id, id))
        .run();
    },
    async fail(id: number, error: string, now: string): Promise<void> {
      db.update(exportJobs).set({ status: 'failed', error, finishedAt: now }).where(eq(exportJobs.id, id)).run();
    },
    /** Completed exports that finished at or before `cutoff`: their files are due for removal. */
    async completedBefore(cutoff: string): Promise<{ id: number; filters: Record<string, string> }[]> {
      return db
        .select({ id: exportJobs.id, filters: exportJobs.filters })
        .from(exportJobs)
        .where(and(eq(exportJobs.status, 'completed'), lte(exportJobs.finishedAt, cutoff)))
        .orderBy(asc(exportJobs.id))
        .all()
        .map((r) => ({ id: r.id, filters: (r.filters ?? {}) as Record<string, string> }));
    },
    /** Marks a completed export expired, its files removed at `now`; false when it is no longer completed. */
    async expire(id: number, now: string): Promise<boolean> {
      return db.update(exportJobs).set({ status: 'expired', filesRemovedAt: now }).where(and(eq(exportJobs.id, id), eq(exportJobs.status, 'completed'))).run().changes === 1;
    },
    /** The statuses of the given exports (those that exist). */
    async statuses(ids: readonly number[]): Promise<Map<number, string>> {
      if (ids.length === 0) return new Map();
      return new Map(db.select({ id: exportJobs.id, status: exportJobs.status }).from(exportJobs).where(inArray(exportJobs.id, ids as number[])).all().map((r) => [r.id, r.status]));
    },
    /** Jobs that a stopped process left unfinished. */
    async unfinished(): Promise<ExportJobRecord[]> {
      return db.select().from(exportJobs).where(inArray(exportJobs.status, ['queued', 'running'])).all().map(toRecord);
    },
    /** Chain heads recorded by completed exports (expired ones too): the audit chain must still contain each. */
    async anchors(): Promise<{ seq: number; hash: string; source: string }[]> {
      return db
        .select({ id: exportJobs.id, head: exportJobs.chainHead })
        .from(exportJobs)
        .where(and(inArray(exportJobs.status, ['completed', 'expired']), isNotNull(exportJobs.chainHead)))
        .all()
        .flatMap(({ id, head }) => {
          const m = /^(\d+):([0-9a-f]{64})$/.exec(head ?? '');
          return m ? [{ seq: Number(m[1]), hash: m[2]!, source: `export ${id}` }] : [];
        });
    },
  };
}

export type ExportsRepository = ReturnType<typeof createExportsRepository>;
