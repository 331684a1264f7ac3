import { and, asc, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { alias, type AnySQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { indicators, observations, units, users } from '../../db/schema/index';
import { upperBound } from '../audit/repository';

export interface ObservationRecord {
  id: number;
  seriesId: number | null;
  versionNo: number;
  indicatorId: number;
  indicatorCode: string;
  indicatorUnitPath: string;
  unitId: number;
  unitCode: string;
  unitPath: string;
  period: string;
  periodEnd: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  qualifier: string | null;
  valueTo: number | null;
  comment: string | null;
  source: string | null;
  quote: string | null;
  state: string;
  origin: string;
  importId: number | null;
  createdBy: number | null;
  createdByName: string | null;
  createdAt: string;
  submittedBy: number | null;
  submittedByName: string | null;
  submittedAt: string | null;
  reviewedBy: number | null;
  reviewedByName: string | null;
  reviewedAt: string | null;
  acceptedAt: string | null;
  returnReason: string | null;
  supersededAt: string | null;
  version: number;
  updatedAt: string;
}

export interface NewObservation {
  seriesId: number | null;
  versionNo: number;
  indicatorId: number;
  unitId: number;
  period: string;
  periodEnd: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  qualifier: string | null;
  valueTo: number | null;
  comment: string | null;
  source: string | null;
  quote: string | null;
  state: string;
  origin: string;
  importId: number | null;
  createdBy: number | null;
  acceptedAt: string | null;
  reviewedAt: string | null;
  now: string;
}

export type ObservationChanges = Partial<Pick<NewObservation, 'value' | 'numerator' | 'denominator' | 'qualifier' | 'valueTo' | 'comment' | 'source' | 'state' | 'acceptedAt' | 'reviewedAt'>> & {
  supersededAt?: string | null;
  submittedBy?: number | null;
  submittedAt?: string | null;
  reviewedBy?: number | null;
  returnReason?: string | null;
};

export interface ObservationListFilter {
  visibleTo?: string;
  under?: string;
  indicatorId?: number;
  planId?: number;
  field?: string;
  period?: string;
  state?: string;
  includeSuperseded: boolean;
  offset: number;
  limit: number;
}

const ind = alias(units, 'ind_unit');
const creator = alias(users, 'creator');
const submitter = alias(users, 'submitter');
const reviewer = alias(users, 'reviewer');

const selection = {
  id: observations.id,
  seriesId: observations.seriesId,
  versionNo: observations.versionNo,
  indicatorId: observations.indicatorId,
  indicatorCode: indicators.code,
  indicatorUnitPath: ind.path,
  unitId: observations.unitId,
  unitCode: units.code,
  unitPath: units.path,
  period: observations.period,
  periodEnd: observations.periodEnd,
  value: observations.value,
  numerator: observations.numerator,
  denominator: observations.denominator,
  qualifier: observations.qualifier,
  valueTo: observations.valueTo,
  comment: observations.comment,
  source: observations.source,
  quote: observations.quote,
  state: observations.state,
  origin: observations.origin,
  importId: observations.importId,
  createdBy: observations.createdBy,
  createdByName: creator.name,
  createdAt: observations.createdAt,
  submittedBy: observations.submittedBy,
  submittedByName: submitter.name,
  submittedAt: observations.submittedAt,
  reviewedBy: observations.reviewedBy,
  reviewedByName: reviewer.name,
  reviewedAt: observations.reviewedAt,
  acceptedAt: observations.acceptedAt,
  returnReason: observations.returnReason,
  supersededAt: observations.supersededAt,
  version: observations.version,
  updatedAt: observations.updatedAt,
};

const within = (col: AnySQLiteColumn, prefix: string) => sql`(${col} >= ${prefix} AND ${col} < ${upperBound(prefix)})`;

export function createObservationsRepository(db: Db) {
  const base = () =>
    db
      .select(selection)
      .from(observations)
      .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
      .innerJoin(ind, eq(ind.id, indicators.unitId))
      .innerJoin(units, eq(units.id, observations.unitId))
      .leftJoin(creator, eq(creator.id, observations.createdBy))
      .leftJoin(submitter, eq(submitter.id, observations.submittedBy))
      .leftJoin(reviewer, eq(reviewer.id, observations.reviewedBy));
  // Written by every new report and read by every workflow step: prepared once, as SQL whose
  // parameters need no mapping.
  const insertStmt = db.$client.prepare<[NewObservation & { id: number; seriesId: number }]>(
    `INSERT INTO observations (id, series_id, version_no, indicator_id, unit_id, period, period_end, value, numerator, denominator, qualifier, value_to,
                               comment, source, quote, state, origin, import_id, created_by, accepted_at, reviewed_at, created_at, updated_at)
     VALUES (@id, @seriesId, @versionNo, @indicatorId, @unitId, @period, @periodEnd, @value, @numerator, @denominator, @qualifier, @valueTo,
             @comment, @source, @quote, @state, @origin, @importId, @createdBy, @acceptedAt, @reviewedAt, @now, @now)`,
  );
  // The id a new report gets, as AUTOINCREMENT would give it (never one used before): known before
  // the insert, so the first version of a series is written with its series id in one statement.
  // Read and used in the same synchronous step on the one connection: nothing can insert in between.
  const nextId = db.$client.prepare<[], number>(
    `SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'observations'), 0), coalesce((SELECT max(id) FROM observations), 0)) + 1`,
  ).pluck();
  const byId = base().where(eq(observations.id, sql.placeholder('id'))).prepare();
  const states = db.$client.prepare<[number, number, string], { id: number; state: string; supersededAt: string | null }>(
    'SELECT id, state, superseded_at AS supersededAt FROM observations WHERE indicator_id = ? AND unit_id = ? AND period = ?',
  );
  // An import reads this once for each of its rows: built and parsed once.
  const current = base()
    .where(and(eq(observations.indicatorId, sql.placeholder('indicatorId')), eq(observations.unitId, sql.placeholder('unitId')), eq(observations.period, sql.placeholder('period')), isNull(observations.supersededAt)))
    .orderBy(desc(observations.versionNo))
    .prepare();
  const versions = base()
    .where(and(eq(observations.indicatorId, sql.placeholder('indicatorId')), eq(observations.unitId, sql.placeholder('unitId')), eq(observations.period, sql.placeholder('period'))))
    .orderBy(asc(observations.versionNo), asc(observations.id))
    .prepare();

  return {
    async findById(id: number): Promise<ObservationRecord | null> {
      return byId.get({ id }) ?? null;
    },
    /** The current (not superseded) accepted version for an indicator, unit and period, if any. */
    async findCurrent(indicatorId: number, unitId: number, period: string): Promise<ObservationRecord | null> {
      return current.get({ indicatorId, unitId, period }) ?? null;
    },
    /** Every version reported for an indicator, unit and period, oldest first. */
    /** The state of each version for an indicator, unit and period: what a new report is checked against. */
    async statesFor(indicatorId: number, unitId: number, period: string): Promise<{ id: number; state: string; supersededAt: string | null }[]> {
      return states.all(indicatorId, unitId, period);
    },
    async versionsFor(indicatorId: number, unitId: number, period: string): Promise<ObservationRecord[]> {
      return versions.all({ indicatorId, unitId, period });
    },
    async seriesVersions(seriesId: number): Promise<ObservationRecord[]> {
      return base().where(eq(observations.seriesId, seriesId)).orderBy(asc(observations.versionNo)).all();
    },
    async commentsByIds(ids: readonly number[]): Promise<Map<number, string | null>> {
      if (ids.length === 0) return new Map();
      return new Map(db.select({ id: observations.id, comment: observations.comment }).from(observations).where(inArray(observations.id, ids as number[])).all().map((r) => [r.id, r.comment]));
    },
    async list(filter: ObservationListFilter): Promise<{ rows: ObservationRecord[]; total: number }> {
      const where: SQL[] = [];
      if (filter.visibleTo && filter.visibleTo !== '/') where.push(sql`(${within(units.path, filter.visibleTo)} OR ${within(ind.path, filter.visibleTo)})`);
      if (filter.under) where.push(sql`(${within(units.path, filter.under)} OR ${within(ind.path, filter.under)})`);
      if (filter.indicatorId !== undefined) where.push(eq(observations.indicatorId, filter.indicatorId));
      if (filter.planId !== undefined) where.push(eq(indicators.planId, filter.planId));
      if (filter.field) where.push(eq(indicators.field, filter.field));
      if (filter.period) where.push(eq(observations.period, filter.period));
      if (filter.state) where.push(eq(observations.state, filter.state));
      if (!filter.includeSuperseded) where.push(isNull(observations.supersededAt));
      const cond = where.length ? and(...where) : undefined;
      const total =
        db
          .select({ n: sql<number>`count(*)` })
          .from(observations)
          .innerJoin(indicators, eq(indicators.id, observations.indicatorId))
          .innerJoin(ind, eq(ind.id, indicators.unitId))
          .innerJoin(units, eq(units.id, observations.unitId))
          .where(cond)
          .get()?.n ?? 0;
      const rows = base()
        .where(cond)
        .orderBy(asc(indicators.code), desc(observations.periodEnd), desc(observations.versionNo))
        .limit(filter.limit)
        .offset(filter.offset)
        .all();
      return { rows, total };
    },
    async insert(o: NewObservation): Promise<number> {
      const { now, ...values } = o;
      const id = nextId.get()!;
      // The first version of a report starts its series.
      insertStmt.run({ ...values, id, seriesId: values.seriesId ?? id, now });
      return id;
    },
    async update(id: number, expectedVersion: number | null, changes: ObservationChanges, now: string): Promise<boolean> {
      const where = expectedVersion === null ? eq(observations.id, id) : and(eq(observations.id, id), eq(observations.version, expectedVersion));
      return db.update(observations).set({ ...changes, updatedAt: now, version: sql`${observations.version} + 1` }).where(where).run().changes === 1;
    },
  };
}

export type ObservationsRepository = ReturnType<typeof createObservationsRepository>;
