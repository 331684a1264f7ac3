import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { rowVersion, timestamps } from './columns';
import { units } from './units';

export const plans = sqliteTable(
  'plans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    provinceUnitId: integer('province_unit_id').references(() => units.id),
    titleVi: text('title_vi').notNull(),
    titleEn: text('title_en'),
    kind: text('kind').notNull(),
    documentRef: text('document_ref'),
    issuedOn: text('issued_on'),
    issuingBody: text('issuing_body'),
    /** Period as written (`2021`, `2021-06-30`); the dates are what it stands for. */
    periodStart: text('period_start'),
    periodEnd: text('period_end'),
    startDate: text('start_date'),
    endDate: text('end_date'),
    ownerUnitId: integer('owner_unit_id').references(() => units.id),
    onTrackThreshold: real('on_track_threshold'),
    atRiskThreshold: real('at_risk_threshold'),
    graceDays: integer('grace_days').notNull().default(15),
    source: text('source'),
    isSample: integer('is_sample', { mode: 'boolean' }).notNull().default(false),
    searchText: text('search_text').notNull(),
    sortKey: text('sort_key').notNull(),
    ...rowVersion,
    ...timestamps,
  },
  (t) => [
    index('plans_owner_idx').on(t.ownerUnitId),
    index('plans_province_idx').on(t.provinceUnitId),
    index('plans_sort_idx').on(t.sortKey),
  ],
);
