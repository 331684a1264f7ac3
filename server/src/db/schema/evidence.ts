import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { observations } from './observations';
import { users } from './users';

/** Evidence file contents, stored once per SHA-256 in the data directory (content-addressed). */
export const evidenceFiles = sqliteTable('evidence_files', {
  sha256: text('sha256').primaryKey(),
  size: integer('size').notNull(),
  mediaType: text('media_type').notNull(),
  createdAt: text('created_at').notNull(),
});

/** A file attached to one observation version, under the name it was uploaded with. */
export const observationEvidence = sqliteTable(
  'observation_evidence',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    observationId: integer('observation_id')
      .notNull()
      .references(() => observations.id),
    sha256: text('sha256')
      .notNull()
      .references(() => evidenceFiles.sha256),
    fileName: text('file_name').notNull(),
    addedBy: integer('added_by').references(() => users.id),
    addedAt: text('added_at').notNull(),
  },
  (t) => [index('observation_evidence_obs_idx').on(t.observationId), index('observation_evidence_sha_idx').on(t.sha256)],
);
