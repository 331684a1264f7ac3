import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * The first answer to a write sent with an `Idempotency-Key`, kept so a retry gets that answer
 * back instead of writing again. Stored in the same transaction as the write it answers.
 */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    /** The route as declared (`POST /api/v1/observations/:id/submit`): keys are per user and route. */
    route: text('route').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the canonical JSON of the request's path parameters and body. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    /** The response body as sent (JSON). */
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.route, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);
