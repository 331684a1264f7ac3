import { integer, text } from 'drizzle-orm/sqlite-core';

/** ISO-8601 UTC timestamps as text: sortable, readable in any SQLite client, portable to PostgreSQL. */
export const timestamps = {
  createdAt: text('created_at').notNull(),
  updatedAt: text('updated_at').notNull(),
};

/** Row version for optimistic concurrency: every update must name the version it read. */
export const rowVersion = {
  version: integer('version').notNull().default(1),
};
