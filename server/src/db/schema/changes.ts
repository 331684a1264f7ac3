import { integer, sqliteTable } from 'drizzle-orm/sqlite-core';

/**
 * One row counting the changes to the records the server remembers reads of while reports are
 * being written (db/state-stamp.ts, `reference`): accounts (what the access check reads of them),
 * units, targets and their contributing units. Triggers move it in the same transaction as the
 * change, whoever makes it (migration 0010).
 */
export const referenceVersion = sqliteTable('reference_version', {
  id: integer('id').primaryKey(),
  n: integer('n').notNull(),
});
