import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createStampedCache, type StateStamp } from '../../db/state-stamp';
import { indicatorContributors, indicatorMilestones, indicatorRevisions, indicators, plans, units, users } from '../../db/schema/index';
import { upperBound } from '../audit/repository';
import { escapeLike } from '../units/repository';

export interface IndicatorRecord {
  id: number;
  code: string;
  planId: number | null;
  planCode: string | null;
  unitId: number;
  unitCode: string;
  unitPath: string;
  field: string;
  nameVi: string;
  nameEn: string | null;
  measure: string;
  unitLabel: string | null;
  direction: string;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  targetPeriod: string | null;
  tolerance: number | null;
  frequency: string;
  dataSource: string | null;
  notes: string | null;
  weight: number;
  aggregation: string;
  isSample: boolean;
  revisionNo: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface IndicatorDetail extends IndicatorRecord {
  contributingUnitCodes: string[];
  contributingUnitPaths: string[];
  milestones: { date: string; value: number }[];
}

export type IndicatorValues = Omit<IndicatorRecord, 'id' | 'planCode' | 'unitCode' | 'unitPath' | 'revisionNo' | 'version' | 'createdAt' | 'updatedAt'> & {
  searchText: string;
  sortKey: string;
};

export interface RevisionValues {
  effectiveAt: string;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  milestones: { date: string; value: number }[];
  reason: string;
  legalRef: string | null;
  actorId: number | null;
}

export interface IndicatorListFilter {
  visibleTo?: string;
  under?: string;
  planId?: number;
  field?: string;
  measure?: string;
  hasTarget?: boolean;
  search?: string;
  sort: 'code' | 'name';
  offset: number;
  limit: number;
}

const selection = {
  id: indicators.id,
  code: indicators.code,
  planId: indicators.planId,
  planCode: plans.code,
  unitId: indicators.unitId,
  unitCode: units.code,
  unitPath: units.path,
  field: indicators.field,
  nameVi: indicators.nameVi,
  nameEn: indicators.nameEn,
  measure: indicators.measure,
  unitLabel: indicators.unitLabel,
  direction: indicators.direction,
  baselineValue: indicators.baselineValue,
  baselineDate: indicators.baselineDate,
  targetValue: indicators.targetValue,
  targetDate: indicators.targetDate,
  targetPeriod: indicators.targetPeriod,
  tolerance: indicators.tolerance,
  frequency: indicators.frequency,
  dataSource: indicators.dataSource,
  notes: indicators.notes,
  weight: indicators.weight,
  aggregation: indicators.aggregation,
  isSample: indicators.isSample,
  revisionNo: sql<number>`coalesce((SELECT max(r.revision_no) FROM indicator_revisions r WHERE r.indicator_id = ${indicators.id}), 0)`,
  version: indicators.version,
  createdAt: indicators.createdAt,
  updatedAt: indicators.updatedAt,
};

export interface ReportTarget {
  id: number;
  code: string;
  unitPath: string;
  measure: string;
  contributingUnitPaths: string[];
}

function under(prefix: string): SQL {
  return sql`(${units.path} >= ${prefix} AND ${units.path} < ${upperBound(prefix)} OR EXISTS (SELECT 1 FROM indicator_contributors c JOIN units cu ON cu.id = c.unit_id WHERE c.indicator_id = ${indicators.id} AND cu.path >= ${prefix} AND cu.path < ${upperBound(prefix)}))`;
}

/** How much of the targets a new report is checked against the server remembers: characters of codes and unit paths. */
const REMEMBERED_REPORT_TARGETS_CHARS = 8_000_000;

export function createIndicatorsRepository(db: Db, stamp: StateStamp) {
  const base = () => db.select(selection).from(indicators).innerJoin(units, eq(units.id, indicators.unitId)).leftJoin(plans, eq(plans.id, indicators.planId));
  // One target with its contributors and milestones: read by most requests, prepared once.
  const byCode = base().where(eq(indicators.code, sql.placeholder('code'))).prepare();
  const byId = base().where(eq(indicators.id, sql.placeholder('id'))).prepare();
  const contributorsOf = db
    .select({ code: units.code, path: units.path })
    .from(indicatorContributors)
    .innerJoin(units, eq(units.id, indicatorContributors.unitId))
    .where(eq(indicatorContributors.indicatorId, sql.placeholder('id')))
    .orderBy(asc(units.code))
    .prepare();
  const milestonesOf = db.select({ date: indicatorMilestones.date, value: indicatorMilestones.value }).from(indicatorMilestones).where(eq(indicatorMilestones.indicatorId, sql.placeholder('id'))).orderBy(asc(indicatorMilestones.date)).prepare();
  // What a new report on a target is checked against (who may report, the measure): one read.
  const forReport = db.$client.prepare<[string], ReportTarget & { contributors: string | null }>(
    `SELECT i.id, i.code, u.path AS unitPath, i.measure,
            (SELECT group_concat(cu.path, ' ') FROM indicator_contributors c JOIN units cu ON cu.id = c.unit_id WHERE c.indicator_id = i.id) AS contributors
       FROM indicators i JOIN units u ON u.id = i.unit_id WHERE i.code = ?`,
  );
  const detail = (r: IndicatorRecord): IndicatorDetail => {
    const contributors = contributorsOf.all({ id: r.id });
    return { ...r, contributingUnitCodes: contributors.map((c) => c.code), contributingUnitPaths: contributors.map((c) => c.path), milestones: milestonesOf.all({ id: r.id }) };
  };

  async function details(rows: IndicatorRecord[]): Promise<IndicatorDetail[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const contributors = db
      .select({ indicatorId: indicatorContributors.indicatorId, code: units.code, path: units.path })
      .from(indicatorContributors)
      .innerJoin(units, eq(units.id, indicatorContributors.unitId))
      .where(inArray(indicatorContributors.indicatorId, ids))
      .orderBy(asc(units.code))
      .all();
    const milestones = db
      .select()
      .from(indicatorMilestones)
      .where(inArray(indicatorMilestones.indicatorId, ids))
      .orderBy(asc(indicatorMilestones.date))
      .all();
    return rows.map((r) => ({
      ...r,
      contributingUnitCodes: contributors.filter((c) => c.indicatorId === r.id).map((c) => c.code),
      contributingUnitPaths: contributors.filter((c) => c.indicatorId === r.id).map((c) => c.path),
      milestones: milestones.filter((m) => m.indicatorId === r.id).map((m) => ({ date: m.date, value: m.value })),
    }));
  }

  // Targets as new reports are checked against them, remembered while no account, unit or target
  // has changed (`stamp.reference`: reports and statuses being written leave them so). Shared by
  // every request that asks, so frozen.
  const rememberedForReport = createStampedCache<string, ReportTarget | null>(stamp.reference, REMEMBERED_REPORT_TARGETS_CHARS, (t) =>
    t === null ? 16 : 64 + t.code.length + t.unitPath.length + t.contributingUnitPaths.reduce((n, p) => n + 16 + p.length, 0),
  );
  const readForReport = (code: string): ReportTarget | null => {
    const row = forReport.get(code);
    if (!row) return null;
    const { contributors, ...target } = row;
    // Unit paths are digits and slashes: a space cannot occur in one.
    return Object.freeze({ ...target, contributingUnitPaths: Object.freeze(contributors ? contributors.split(' ') : []) as string[] });
  };

  return {
    /** A target as a new report on it needs it: where it and its contributing units lie, and its measure. */
    async findForReport(code: string): Promise<ReportTarget | null> {
      return rememberedForReport.get(code, () => readForReport(code));
    },
    async findByCode(code: string): Promise<IndicatorDetail | null> {
      const row = byCode.get({ code });
      return row ? detail(row) : null;
    },
    async findById(id: number): Promise<IndicatorDetail | null> {
      const row = byId.get({ id });
      return row ? detail(row) : null;
    },
    async measuresByCode(): Promise<Map<string, { measure: string; direction: string }>> {
      return new Map(db.select({ code: indicators.code, measure: indicators.measure, direction: indicators.direction }).from(indicators).all().map((r) => [r.code, r]));
    },
    async list(filter: IndicatorListFilter): Promise<{ rows: IndicatorDetail[]; total: number }> {
      const where: SQL[] = [];
      if (filter.visibleTo && filter.visibleTo !== '/') where.push(under(filter.visibleTo));
      if (filter.under) where.push(under(filter.under));
      if (filter.planId !== undefined) where.push(eq(indicators.planId, filter.planId));
      if (filter.field) where.push(eq(indicators.field, filter.field));
      if (filter.measure) where.push(eq(indicators.measure, filter.measure));
      if (filter.hasTarget !== undefined) where.push(filter.hasTarget ? isNotNull(indicators.targetValue) : isNull(indicators.targetValue));
      if (filter.search) where.push(sql`${indicators.searchText} LIKE ${`%${escapeLike(filter.search)}%`} ESCAPE '\\'`);
      const cond = where.length ? and(...where) : undefined;
      const total = db.select({ n: sql<number>`count(*)` }).from(indicators).innerJoin(units, eq(units.id, indicators.unitId)).where(cond).get()?.n ?? 0;
      const order = filter.sort === 'name' ? [asc(indicators.sortKey), asc(indicators.code)] : [asc(indicators.code)];
      const rows = base().where(cond).orderBy(...order).limit(filter.limit).offset(filter.offset).all();
      return { rows: await details(rows), total };
    },
    async insert(values: IndicatorValues, now: string): Promise<number> {
      return db.insert(indicators).values({ ...values, createdAt: now, updatedAt: now }).returning({ id: indicators.id }).get().id;
    },
    async update(id: number, expectedVersion: number | null, values: Partial<IndicatorValues>, now: string): Promise<boolean> {
      const where = expectedVersion === null ? eq(indicators.id, id) : and(eq(indicators.id, id), eq(indicators.version, expectedVersion));
      return db.update(indicators).set({ ...values, updatedAt: now, version: sql`${indicators.version} + 1` }).where(where).run().changes === 1;
    },
    async setContributors(id: number, unitIds: number[]): Promise<void> {
      db.delete(indicatorContributors).where(eq(indicatorContributors.indicatorId, id)).run();
      if (unitIds.length) db.insert(indicatorContributors).values(unitIds.map((unitId) => ({ indicatorId: id, unitId }))).run();
    },
    async setMilestones(id: number, milestones: { date: string; value: number }[]): Promise<void> {
      db.delete(indicatorMilestones).where(eq(indicatorMilestones.indicatorId, id)).run();
      if (milestones.length) db.insert(indicatorMilestones).values(milestones.map((m) => ({ indicatorId: id, ...m }))).run();
    },
    async addRevision(id: number, r: RevisionValues): Promise<number> {
      const next = (db.select({ n: sql<number>`coalesce(max(${indicatorRevisions.revisionNo}), 0)` }).from(indicatorRevisions).where(eq(indicatorRevisions.indicatorId, id)).get()?.n ?? 0) + 1;
      db.insert(indicatorRevisions).values({ indicatorId: id, revisionNo: next, ...r }).run();
      return next;
    },
    async revisions(id: number) {
      return db
        .select({ r: indicatorRevisions, actor: users.email })
        .from(indicatorRevisions)
        .leftJoin(users, eq(users.id, indicatorRevisions.actorId))
        .where(eq(indicatorRevisions.indicatorId, id))
        .orderBy(asc(indicatorRevisions.revisionNo))
        .all()
        .map(({ r, actor }) => ({ ...r, actor }));
    },
  };
}

export type IndicatorsRepository = ReturnType<typeof createIndicatorsRepository>;
