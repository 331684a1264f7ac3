import { index, integer, real, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { indicators } from './indicators';
import { imports } from './imports';
import { units } from './units';
import { users } from './users';

/**
 * A reported value for an indicator, unit and period. Rows are versions: a correction is a new row
 * in the same series (`seriesId`, `versionNo`), and the replaced accepted row gets `supersededAt`
 * when the correction is accepted. No row is ever deleted.
 */
export const observations = sqliteTable(
  'observations',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    seriesId: integer('series_id').references((): AnySQLiteColumn => observations.id),
    versionNo: integer('version_no').notNull().default(1),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    period: text('period').notNull(),
    periodEnd: text('period_end').notNull(),
    value: real('value'),
    numerator: real('numerator'),
    denominator: real('denominator'),
    qualifier: text('qualifier'),
    valueTo: real('value_to'),
    comment: text('comment'),
    source: text('source'),
    quote: text('quote'),
    state: text('state').notNull(),
    origin: text('origin').notNull(),
    importId: integer('import_id').references(() => imports.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    submittedBy: integer('submitted_by').references(() => users.id),
    submittedAt: text('submitted_at'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: text('reviewed_at'),
    acceptedAt: text('accepted_at'),
    returnReason: text('return_reason'),
    supersededAt: text('superseded_at'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('observations_indicator_idx').on(t.indicatorId, t.unitId, t.period),
    index('observations_unit_idx').on(t.unitId, t.state),
    index('observations_series_idx').on(t.seriesId),
    index('observations_state_idx').on(t.state),
  ],
);
