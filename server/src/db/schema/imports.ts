import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/** One accepted import: what it brought in, and by whom. Imported observations point here. */
export const imports = sqliteTable('imports', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  at: text('at').notNull(),
  actorId: integer('actor_id').references(() => users.id),
  actorLabel: text('actor_label').notNull(),
  files: text('files', { mode: 'json' }).$type<string[]>().notNull(),
  summary: text('summary', { mode: 'json' }).$type<Record<string, { created: number; updated: number; unchanged: number }>>().notNull(),
});
