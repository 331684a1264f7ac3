import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import { rowVersion, timestamps } from './columns';

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    code: text('code').notNull().unique(),
    nameVi: text('name_vi').notNull(),
    nameEn: text('name_en'),
    type: text('type').notNull(),
    parentId: integer('parent_id').references((): AnySQLiteColumn => units.id),
    /** Materialized path of ids, `/1/7/12/`: a subtree is one indexed prefix match. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    validFrom: text('valid_from'),
    validTo: text('valid_to'),
    searchText: text('search_text').notNull(),
    sortKey: text('sort_key').notNull(),
    ...rowVersion,
    ...timestamps,
  },
  (t) => [
    index('units_parent_idx').on(t.parentId),
    index('units_path_idx').on(t.path),
    index('units_sort_idx').on(t.sortKey),
    check('units_valid_range', sql`${t.validTo} IS NULL OR ${t.validFrom} IS NULL OR ${t.validFrom} <= ${t.validTo}`),
  ],
);

/** Mergers, splits, renames and transfers: how a unit's history continues in its successors. */
export const unitSuccessions = sqliteTable(
  'unit_successions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    predecessorId: integer('predecessor_id')
      .notNull()
      .references(() => units.id),
    successorId: integer('successor_id')
      .notNull()
      .references(() => units.id),
    kind: text('kind').notNull(),
    effectiveOn: text('effective_on').notNull(),
    legalRef: text('legal_ref'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('unit_successions_pred_idx').on(t.predecessorId), index('unit_successions_succ_idx').on(t.successorId)],
);
