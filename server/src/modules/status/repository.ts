import type Database from 'better-sqlite3';
import { and, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { indicatorContributors, indicatorRevisions, indicators, indicatorStatus, observations, plans, units } from '../../db/schema/index';

export interface StatusIndicator {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  unitId: number;
  unitCode: string;
  unitPath: string;
  planId: number | null;
  planCode: string | null;
  field: string;
  measure: string;
  direction: string;
  tolerance: number | null;
  weight: number;
  aggregation: string;
  planStart: string | null;
  onTrack: number | null;
  atRisk: number | null;
}

export interface DefinitionRow {
  indicatorId: number;
  revisionNo: number;
  effectiveAt: string;
  baselineValue: number | null;
  baselineDate: string | null;
  targetValue: number | null;
  targetDate: string | null;
  milestones: { date: string; value: number }[];
}

export interface AcceptedRow {
  id: number;
  indicatorId: number;
  unitId: number;
  period: string;
  periodEnd: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  acceptedAt: string;
  supersededAt: string | null;
}

/** A target in a subtree with its kept status figures (null when none is kept): what roll-ups need. */
export interface LightStatusRow {
  id: number;
  field: string;
  weight: number;
  unitId: number;
  planId: number | null;
  status: string | null;
  progress: number | null;
  expectedProgress: number | null;
  /** 1 when the kept status holds for the `asOf` asked about. */
  current: number | null;
}

export interface CachedStatus {
  indicatorId: number;
  knownAt: string;
  asOfFrom: string;
  asOfUntil: string;
  status: string;
  progress: number | null;
  expectedProgress: number | null;
  pace: number | null;
  result: unknown;
}

const indicatorSelection = {
  id: indicators.id,
  code: indicators.code,
  nameVi: indicators.nameVi,
  nameEn: indicators.nameEn,
  unitId: indicators.unitId,
  unitCode: units.code,
  unitPath: units.path,
  planId: indicators.planId,
  planCode: plans.code,
  field: indicators.field,
  measure: indicators.measure,
  direction: indicators.direction,
  tolerance: indicators.tolerance,
  weight: indicators.weight,
  aggregation: indicators.aggregation,
  planStart: plans.startDate,
  onTrack: plans.onTrackThreshold,
  atRisk: plans.atRiskThreshold,
};

const chunks = <T>(xs: readonly T[], n = 500): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

// Numbers and two short words per target: a national roll-up reads every one of them.
const LIGHT_COLUMNS = `i.id AS id, i.field AS field, i.weight AS weight, i.unit_id AS unitId, i.plan_id AS planId,
  s.status AS status, s.progress AS progress, s.expected_progress AS expectedProgress, (s.as_of_from <= @asOf AND @asOf < s.as_of_until) AS current`;
// The kept figures are read from their covering index: the rows beside them carry each full result.
const LIGHT_JOINS = 'LEFT JOIN indicator_status s INDEXED BY indicator_status_figures_idx ON s.indicator_id = i.id';
const LIGHT_FILTER = '(@planId IS NULL OR i.plan_id = @planId) AND (@field IS NULL OR i.field = @field)';

/** `sqlite` is the same connection as `db`: roll-ups read tens of thousands of rows through plain prepared statements. */
export function createStatusRepository(db: Db, sqlite: Database.Database) {
  const lightAll = sqlite.prepare<{ asOf: string; planId: number | null; field: string | null }, LightStatusRow>(`SELECT ${LIGHT_COLUMNS} FROM indicators i ${LIGHT_JOINS} WHERE ${LIGHT_FILTER}`);
  // Targets whose unit, or a contributing unit, lies in the subtree: both found through the unit-path index.
  const lightSubtree = sqlite.prepare<{ prefix: string; upper: string; asOf: string; planId: number | null; field: string | null }, LightStatusRow>(
    `WITH sub AS (SELECT id FROM units WHERE path >= @prefix AND path < @upper),
     ids AS (SELECT i.id FROM indicators i WHERE i.unit_id IN (SELECT id FROM sub)
             UNION SELECT c.indicator_id FROM indicator_contributors c WHERE c.unit_id IN (SELECT id FROM sub))
     SELECT ${LIGHT_COLUMNS} FROM ids JOIN indicators i ON i.id = ids.id ${LIGHT_JOINS} WHERE ${LIGHT_FILTER}`,
  );
  // A subtree holding every unit (the nation's) needs no search: every target is in it.
  const planLabels = sqlite.prepare<[], { id: number; code: string; titleVi: string; titleEn: string | null }>('SELECT id, code, title_vi AS titleVi, title_en AS titleEn FROM plans');
  const unitPaths = sqlite.prepare<{ prefix: string; upper: string }, { id: number; path: string }>('SELECT id, path FROM units WHERE path >= @prefix AND path < @upper');
  const unitsOutside = sqlite.prepare<{ prefix: string; upper: string }, { n: number }>('SELECT count(*) AS n FROM units WHERE path < @prefix OR path >= @upper');

  const baseIndicators = () => db.select(indicatorSelection).from(indicators).innerJoin(units, eq(units.id, indicators.unitId)).leftJoin(plans, eq(plans.id, indicators.planId));
  // The read of one target's status, the most frequent request: prepared once.
  const oneIndicator = baseIndicators().where(eq(indicators.id, sql.placeholder('id'))).prepare();
  const oneCached = db.select().from(indicatorStatus).where(eq(indicatorStatus.indicatorId, sql.placeholder('id'))).prepare();
  const oneByCode = db
    .select({ indicator: indicatorSelection, kept: indicatorStatus })
    .from(indicators)
    .innerJoin(units, eq(units.id, indicators.unitId))
    .leftJoin(plans, eq(plans.id, indicators.planId))
    .leftJoin(indicatorStatus, eq(indicatorStatus.indicatorId, indicators.id))
    .where(eq(indicators.code, sql.placeholder('code')))
    .prepare();

  return {
    async indicatorsByIds(ids: readonly number[]): Promise<StatusIndicator[]> {
      if (ids.length === 1) {
        const row = oneIndicator.get({ id: ids[0]! });
        return row ? [row] : [];
      }
      return chunks(ids).flatMap((c) => baseIndicators().where(inArray(indicators.id, c)).all());
    },

    /** Every plan's code and titles, by id (roll-ups label their groups with them). */
    async planLabels(): Promise<Map<number, { code: string; titleVi: string; titleEn: string | null }>> {
      return new Map(planLabels.all().map((p) => [p.id, p]));
    },

    /** The materialized path of every unit in a subtree, by id. */
    async unitPathsUnder(prefix: string): Promise<Map<number, string>> {
      return new Map(unitPaths.all({ prefix, upper: `${prefix.slice(0, -1)}0` }).map((u) => [u.id, u.path]));
    },

    /** A target by its code with its kept status, if any: one indexed read. */
    async byCodeWithKept(code: string): Promise<{ indicator: StatusIndicator; kept: CachedStatus | null } | null> {
      return oneByCode.get({ code }) ?? null;
    },

    /** The definitions in force at `knownAt`: for each indicator its newest revision effective by then. */
    async definitionsAt(ids: readonly number[], knownAt: string): Promise<Map<number, DefinitionRow>> {
      const out = new Map<number, DefinitionRow>();
      for (const c of chunks(ids)) {
        const rows = db
          .select()
          .from(indicatorRevisions)
          .where(and(inArray(indicatorRevisions.indicatorId, c), lte(indicatorRevisions.effectiveAt, knownAt)))
          .orderBy(indicatorRevisions.indicatorId, desc(indicatorRevisions.revisionNo))
          .all();
        for (const r of rows) if (!out.has(r.indicatorId)) out.set(r.indicatorId, r);
      }
      return out;
    },

    /** Every accepted version (current or superseded) of the indicators' observations. */
    async acceptedObservations(ids: readonly number[]): Promise<Map<number, AcceptedRow[]>> {
      const out = new Map<number, AcceptedRow[]>();
      for (const c of chunks(ids)) {
        const rows = db
          .select({
            id: observations.id,
            indicatorId: observations.indicatorId,
            unitId: observations.unitId,
            period: observations.period,
            periodEnd: observations.periodEnd,
            value: observations.value,
            numerator: observations.numerator,
            denominator: observations.denominator,
            acceptedAt: sql<string>`${observations.acceptedAt}`,
            supersededAt: observations.supersededAt,
          })
          .from(observations)
          .where(and(inArray(observations.indicatorId, c), isNotNull(observations.acceptedAt), eq(observations.state, 'accepted')))
          .orderBy(observations.indicatorId, observations.periodEnd, observations.acceptedAt)
          .all();
        for (const r of rows) {
          const list = out.get(r.indicatorId) ?? [];
          list.push(r);
          out.set(r.indicatorId, list);
        }
      }
      return out;
    },

    async contributorCounts(ids: readonly number[]): Promise<Map<number, number>> {
      const out = new Map<number, number>();
      for (const c of chunks(ids)) {
        for (const r of db.select({ id: indicatorContributors.indicatorId, n: sql<number>`count(*)` }).from(indicatorContributors).where(inArray(indicatorContributors.indicatorId, c)).groupBy(indicatorContributors.indicatorId).all()) out.set(r.id, r.n);
      }
      return out;
    },

    async cached(ids: readonly number[]): Promise<Map<number, CachedStatus>> {
      const out = new Map<number, CachedStatus>();
      if (ids.length === 1) {
        const row = oneCached.get({ id: ids[0]! });
        if (row) out.set(row.indicatorId, row);
        return out;
      }
      for (const c of chunks(ids)) for (const r of db.select().from(indicatorStatus).where(inArray(indicatorStatus.indicatorId, c)).all()) out.set(r.indicatorId, r);
      return out;
    },

    async storeCached(rows: readonly CachedStatus[]): Promise<void> {
      for (const r of rows) {
        db.insert(indicatorStatus)
          .values(r)
          .onConflictDoUpdate({ target: indicatorStatus.indicatorId, set: { knownAt: r.knownAt, asOfFrom: r.asOfFrom, asOfUntil: r.asOfUntil, status: r.status, progress: r.progress, expectedProgress: r.expectedProgress, pace: r.pace, result: r.result } })
          .run();
      }
    },

    /** Drops kept statuses (after a bulk change); the next reader recomputes them. */
    async invalidate(ids: readonly number[]): Promise<void> {
      for (const c of chunks(ids)) db.delete(indicatorStatus).where(inArray(indicatorStatus.indicatorId, c)).run();
    },

    async invalidatePlan(planId: number): Promise<void> {
      db.delete(indicatorStatus).where(sql`${indicatorStatus.indicatorId} IN (SELECT id FROM indicators WHERE plan_id = ${planId})`).run();
    },

    /**
     * The targets of a subtree (responsible or contributing unit in it) with their kept status
     * figures, without the full results: one query, driven by the unit-path index on both sides.
     */
    async lightUnder(prefix: string, filter: { planId?: number; field?: string }, asOf: string): Promise<LightStatusRow[]> {
      const range = { prefix, upper: `${prefix.slice(0, -1)}0` };
      const only = { asOf, planId: filter.planId ?? null, field: filter.field ?? null };
      return unitsOutside.get(range)!.n === 0 ? lightAll.all(only) : lightSubtree.all({ ...range, ...only });
    },

    /** Ids of the indicators visible in a subtree (responsible or contributing unit in it). */
    async indicatorIdsUnder(prefix: string, filter: { planId?: number; field?: string }): Promise<number[]> {
      const upper = `${prefix.slice(0, -1)}0`;
      const conds = [
        sql`(${units.path} >= ${prefix} AND ${units.path} < ${upper} OR EXISTS (SELECT 1 FROM indicator_contributors c JOIN units cu ON cu.id = c.unit_id WHERE c.indicator_id = ${indicators.id} AND cu.path >= ${prefix} AND cu.path < ${upper}))`,
      ];
      if (filter.planId !== undefined) conds.push(sql`${indicators.planId} = ${filter.planId}`);
      if (filter.field) conds.push(sql`${indicators.field} = ${filter.field}`);
      return db
        .select({ id: indicators.id })
        .from(indicators)
        .innerJoin(units, eq(units.id, indicators.unitId))
        .where(and(...conds))
        .orderBy(indicators.code)
        .all()
        .map((r) => r.id);
    },
  };
}

export type StatusRepository = ReturnType<typeof createStatusRepository>;
