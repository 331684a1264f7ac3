import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from './units';
import { users } from './users';

/**
 * A periodic status report of a unit for a period, in the layout of Decree 30/2020/NĐ-CP. A draft
 * is computed live; freezing stores its data snapshot, status method id and the audit chain head,
 * after which it never changes and regenerates byte-identical documents.
 */
export const statusReports = sqliteTable(
  'status_reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id),
    period: text('period').notNull(),
    asOf: text('as_of').notNull(),
    number: text('number'),
    issuingBody: text('issuing_body').notNull(),
    place: text('place').notNull(),
    issuedOn: text('issued_on').notNull(),
    title: text('title').notNull(),
    signerTitle: text('signer_title').notNull(),
    signerName: text('signer_name').notNull(),
    recipients: text('recipients', { mode: 'json' }).$type<string[]>().notNull(),
    state: text('state').notNull(),
    snapshot: text('snapshot', { mode: 'json' }),
    methodId: text('method_id'),
    chainHead: text('chain_head'),
    knownAt: text('known_at'),
    docxSha256: text('docx_sha256'),
    pdfSha256: text('pdf_sha256'),
    frozenAt: text('frozen_at'),
    frozenBy: integer('frozen_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    version: integer('version').notNull().default(1),
  },
  (t) => [index('status_reports_unit_idx').on(t.unitId, t.period), uniqueIndex('status_reports_number_uq').on(t.unitId, t.number)],
);
