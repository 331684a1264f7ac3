import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { rowVersion, timestamps } from './columns';
import { plans } from './plans';
import { units } from './units';
import { users } from './users';

export const indicators = sqliteTable(
  'indicators',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    planId: integer('plan_id').references(() => plans.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    field: text('field').notNull(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    measure: text('measure').notNull(),
    unitLabel: text('unit_label'),
    direction: text('direction').notNull(),
    baselineValue: real('baseline_value'),
    baselineDate: text('baseline_date'),
    targetValue: real('target_value'),
    /** The deadline as a date, and the period it was written as (`2025` → 2025-12-31). */
    targetDate: text('target_date'),
    targetPeriod: text('target_period'),
    tolerance: real('tolerance'),
    frequency: text('frequency').notNull().default('yearly'),
    dataSource: text('data_source'),
    notes: text('notes'),
    weight: real('weight').notNull().default(1),
    /**
     * How a roll-out indicator is computed from its units' observations below it: `none` (reported
     * directly), `sum` (of counts), `ratio` (Σ numerators / Σ denominators) or `share_done` (share of
     * units whose milestone is done). Never an average of ratios.
     */
    aggregation: text('aggregation').notNull().default('none'),
    isSample: integer('is_sample', { mode: 'boolean' }).notNull().default(false),
    searchText: text('search_text').notNull(),
    sortKey: text('sort_key').notNull(),
    ...rowVersion,
    ...timestamps,
  },
  (t) => [
    index('indicators_plan_idx').on(t.planId),
    index('indicators_unit_idx').on(t.unitId),
    index('indicators_field_idx').on(t.field),
    index('indicators_sort_idx').on(t.sortKey),
    // A target's unit by its code without reading the target's row: the status read (one query per
    // request, modules/status/repository.ts) names this index.
    index('indicators_code_unit_idx').on(t.code, t.unitId),
  ],
);

export const indicatorContributors = sqliteTable(
  'indicator_contributors',
  {
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.indicatorId, t.unitId] }), index('indicator_contributors_unit_idx').on(t.unitId)],
);

export const indicatorMilestones = sqliteTable(
  'indicator_milestones',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    date: text('date').notNull(),
    value: real('value').notNull(),
  },
  (t) => [uniqueIndex('indicator_milestones_uq').on(t.indicatorId, t.date)],
);

/**
 * Every definition of a target that was ever in force. Revision 1 is the original; each later one
 * carries the reason and the legal reference of the decision that changed it, and `effectiveAt`
 * (the moment it became known), so a status for a past `knownAt` uses the target in force then.
 */
export const indicatorRevisions = sqliteTable(
  'indicator_revisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    indicatorId: integer('indicator_id')
      .notNull()
      .references(() => indicators.id),
    revisionNo: integer('revision_no').notNull(),
    effectiveAt: text('effective_at').notNull(),
    baselineValue: real('baseline_value'),
    baselineDate: text('baseline_date'),
    targetValue: real('target_value'),
    targetDate: text('target_date'),
    milestones: text('milestones', { mode: 'json' }).$type<{ date: string; value: number }[]>().notNull(),
    reason: text('reason').notNull(),
    legalRef: text('legal_ref'),
    actorId: integer('actor_id').references(() => users.id),
  },
  (t) => [uniqueIndex('indicator_revisions_uq').on(t.indicatorId, t.revisionNo)],
);
