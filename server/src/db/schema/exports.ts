import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * An export for auditors: files written to the data directory with flat memory, a manifest
 * (filters, row counts, SHA-256 of each file, the audit chain head at export time), and progress.
 */
export const exportJobs = sqliteTable(
  'export_jobs',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind').notNull(),
    format: text('format').notNull(),
    filters: text('filters', { mode: 'json' }).notNull(),
    status: text('status').notNull(),
    rowsWritten: integer('rows_written').notNull().default(0),
    totalRows: integer('total_rows'),
    files: text('files', { mode: 'json' }),
    manifest: text('manifest', { mode: 'json' }),
    chainHead: text('chain_head'),
    error: text('error'),
    actorId: integer('actor_id').references(() => users.id),
    actorLabel: text('actor_label').notNull(),
    createdAt: text('created_at').notNull(),
    finishedAt: text('finished_at'),
    /** When the files of an expired export were removed (TIENDO_EXPORT_KEEP_DAYS after it finished). */
    filesRemovedAt: text('files_removed_at'),
  },
  (t) => [index('export_jobs_actor_idx').on(t.actorId)],
);
