import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { indicators } from './indicators';

/**
 * Each indicator's current status, kept up to date on every write that can change it (an accepted
 * value, a target revision, an import). The result is the same for every `asOf` in
 * [asOfFrom, asOfUntil) and every `knownAt` after `knownAt`; outside that range it is recomputed.
 */
export const indicatorStatus = sqliteTable(
  'indicator_status',
  {
    indicatorId: integer('indicator_id')
      .primaryKey()
      .references(() => indicators.id),
    knownAt: text('known_at').notNull(),
    asOfFrom: text('as_of_from').notNull(),
    asOfUntil: text('as_of_until').notNull(),
    status: text('status').notNull(),
    progress: real('progress'),
    expectedProgress: real('expected_progress'),
    pace: real('pace'),
    result: text('result', { mode: 'json' }).notNull(),
    /**
     * The API answer for this kept status, as JSON, without the fields each request sets (code,
     * asOf, knownAt): a read of one target sends it as it is. Null on statuses kept before it was.
     */
    answer: text('answer'),
  },
  (t) => [
    index('indicator_status_status_idx').on(t.status),
    // The figures roll-ups read, without the full result beside them: a national roll-up scans it.
    index('indicator_status_figures_idx').on(t.indicatorId, t.asOfFrom, t.asOfUntil, t.status, t.progress, t.expectedProgress),
  ],
);
