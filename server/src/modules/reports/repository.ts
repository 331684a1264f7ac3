import { and, desc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { ChainHead, ReportData } from '@tiendo/shared/schemas/reports';
import type { Db } from '../../db/client';
import { auditEvents, indicators, observations, plans, statusReports, units, users } from '../../db/schema/index';

export interface ReportRecord {
  id: number;
  unitId: number;
  unitCode: string;
  unitName: string;
  unitPath: string;
  period: string;
  asOf: string;
  number: string | null;
  issuingBody: string;
  place: string;
  issuedOn: string;
  title: string;
  signerTitle: string;
  signerName: string;
  recipients: string[];
  state: string;
  snapshot: ReportData | null;
  methodId: string | null;
  chainHead: ChainHead | null;
  knownAt: string | null;
  docxSha256: string | null;
  pdfSha256: string | null;
  frozenAt: string | null;
  frozenById: number | null;
  frozenByName: string | null;
  createdById: number | null;
  createdByName: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The fields a draft's author sets; the rest is the unit, the state and the freeze. */
export interface ReportValues {
  period: string;
  asOf: string;
  number: string;
  issuingBody: string;
  place: string;
  issuedOn: string;
  title: string;
  signerTitle: string;
  signerName: string;
  recipients: string[];
}

export interface FreezeValues {
  snapshot: ReportData;
  methodId: string;
  chainHead: ChainHead | null;
  knownAt: string;
  docxSha256: string;
  pdfSha256: string;
  frozenBy: number | null;
}

/** What the report shows of a target beyond its status: how its values are written, its plan. */
export interface IndicatorLabels {
  unitLabel: string | null;
  planTitle: string | null;
  planRef: string | null;
  planStart: string | null;
  planEnd: string | null;
}

const creator = alias(users, 'creator');
const freezer = alias(users, 'freezer');

const selection = {
  r: statusReports,
  unitCode: units.code,
  unitName: units.nameVi,
  unitPath: units.path,
  createdByName: creator.name,
  frozenByName: freezer.name,
};

type Row = { r: typeof statusReports.$inferSelect; unitCode: string; unitName: string; unitPath: string; createdByName: string | null; frozenByName: string | null };

function toRecord({ r, ...joined }: Row): ReportRecord {
  return {
    id: r.id,
    unitId: r.unitId,
    ...joined,
    period: r.period,
    asOf: r.asOf,
    number: r.number,
    issuingBody: r.issuingBody,
    place: r.place,
    issuedOn: r.issuedOn,
    title: r.title,
    signerTitle: r.signerTitle,
    signerName: r.signerName,
    recipients: r.recipients,
    state: r.state,
    snapshot: (r.snapshot as ReportData | null) ?? null,
    methodId: r.methodId,
    chainHead: r.chainHead === null ? null : (JSON.parse(r.chainHead) as ChainHead),
    knownAt: r.knownAt,
    docxSha256: r.docxSha256,
    pdfSha256: r.pdfSha256,
    frozenAt: r.frozenAt,
    frozenById: r.frozenBy,
    createdById: r.createdBy,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

const within = (prefix: string): SQL => sql`${units.path} >= ${prefix} AND ${units.path} < ${`${prefix.slice(0, -1)}0`}`;

export function createReportsRepository(db: Db) {
  const base = () =>
    db
      .select(selection)
      .from(statusReports)
      .innerJoin(units, eq(units.id, statusReports.unitId))
      .leftJoin(creator, eq(creator.id, statusReports.createdBy))
      .leftJoin(freezer, eq(freezer.id, statusReports.frozenBy));

  return {
    async findById(id: number): Promise<ReportRecord | null> {
      const row = base().where(eq(statusReports.id, id)).get();
      return row ? toRecord(row) : null;
    },

    async list(filter: { under: string; unitId?: number; period?: string; state?: string; offset: number; limit: number }): Promise<{ rows: ReportRecord[]; total: number }> {
      const where: SQL[] = [within(filter.under)];
      if (filter.unitId !== undefined) where.push(eq(statusReports.unitId, filter.unitId));
      if (filter.period) where.push(eq(statusReports.period, filter.period));
      if (filter.state) where.push(eq(statusReports.state, filter.state));
      const cond = and(...where);
      const total = db.select({ n: sql<number>`count(*)` }).from(statusReports).innerJoin(units, eq(units.id, statusReports.unitId)).where(cond).get()?.n ?? 0;
      const rows = base().where(cond).orderBy(desc(statusReports.period), desc(statusReports.id)).limit(filter.limit).offset(filter.offset).all();
      return { rows: rows.map(toRecord), total };
    },

    /** True when another report of the unit already has this number and code. */
    async numberTaken(unitId: number, number: string, exceptId?: number): Promise<boolean> {
      const conds = [eq(statusReports.unitId, unitId), eq(statusReports.number, number)];
      if (exceptId !== undefined) conds.push(ne(statusReports.id, exceptId));
      return db.select({ id: statusReports.id }).from(statusReports).where(and(...conds)).get() !== undefined;
    },

    async insert(unitId: number, values: ReportValues, createdBy: number | null, now: string): Promise<number> {
      return db
        .insert(statusReports)
        .values({ unitId, ...values, state: 'draft', createdBy, createdAt: now, updatedAt: now })
        .returning({ id: statusReports.id })
        .get().id;
    },

    /** Changes a draft; false when it is no longer a draft at `expectedVersion`. */
    async update(id: number, expectedVersion: number, values: ReportValues, now: string): Promise<boolean> {
      return (
        db
          .update(statusReports)
          .set({ ...values, updatedAt: now, version: sql`${statusReports.version} + 1` })
          .where(and(eq(statusReports.id, id), eq(statusReports.version, expectedVersion), eq(statusReports.state, 'draft')))
          .run().changes === 1
      );
    },

    async freeze(id: number, expectedVersion: number, f: FreezeValues, now: string): Promise<boolean> {
      return (
        db
          .update(statusReports)
          .set({
            state: 'frozen',
            snapshot: f.snapshot,
            methodId: f.methodId,
            chainHead: f.chainHead === null ? null : JSON.stringify(f.chainHead),
            knownAt: f.knownAt,
            docxSha256: f.docxSha256,
            pdfSha256: f.pdfSha256,
            frozenAt: f.knownAt,
            frozenBy: f.frozenBy,
            updatedAt: now,
            version: sql`${statusReports.version} + 1`,
          })
          .where(and(eq(statusReports.id, id), eq(statusReports.version, expectedVersion), eq(statusReports.state, 'draft')))
          .run().changes === 1
      );
    },

    /**
     * The head of the audit chain: the last event's sequence number and hash (null until the
     * chain is computed). Read inside the freeze's transaction, so no event can slip in between.
     */
    async chainHead(): Promise<ChainHead | null> {
      const row = db.select({ seq: auditEvents.seq, hash: auditEvents.hash }).from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1).get();
      return row ? { seq: row.seq, hash: row.hash ?? null } : null;
    },

    async indicatorLabels(ids: readonly number[]): Promise<Map<number, IndicatorLabels>> {
      const out = new Map<number, IndicatorLabels>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = db
          .select({ id: indicators.id, unitLabel: indicators.unitLabel, planTitle: plans.titleVi, planRef: plans.documentRef, planStart: plans.startDate, planEnd: plans.endDate })
          .from(indicators)
          .leftJoin(plans, eq(plans.id, indicators.planId))
          .where(inArray(indicators.id, ids.slice(i, i + 500) as number[]))
          .all();
        for (const { id, ...labels } of rows) out.set(id, labels);
      }
      return out;
    },

    /** The period and comment of observations (the latest values the report quotes). */
    async observationNotes(ids: readonly number[]): Promise<Map<number, { period: string; comment: string | null }>> {
      if (ids.length === 0) return new Map();
      const rows = db.select({ id: observations.id, period: observations.period, comment: observations.comment }).from(observations).where(inArray(observations.id, ids as number[])).all();
      return new Map(rows.map((r) => [r.id, { period: r.period, comment: r.comment }]));
    },
  };
}

export type ReportsRepository = ReturnType<typeof createReportsRepository>;
