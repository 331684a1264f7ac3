import type Database from 'better-sqlite3';
import type { StatusName } from '@tiendo/shared/status';
import { and, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createStampedCache, type StateStamp } from '../../db/state-stamp';
import { indicatorContributors, indicatorRevisions, indicators, indicatorStatus, observations, plans, units } from '../../db/schema/index';
import { escapeLike } from '../units/repository';

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
/** Kept statuses of a roll-up's targets summed per group key and status (see `rollupSums`). */
export interface StatusSumsRow {
  key: number | string | null;
  status: StatusName;
  count: number;
  weightSum: number;
  pSum: number;
  eSum: number;
}

/** A target of a roll-up whose kept status does not hold for the date asked about. */
export interface StaleTargetRow {
  id: number;
  key: number | string | null;
  weight: number;
}

export type RollupKey = 'plan' | 'field' | 'unit';

export interface KeptAnswerRow {
  unitPath: string;
  asOfFrom: string;
  asOfUntil: string;
  answer: string | null;
}

export interface KeptFiguresRow {
  id: number;
  code: string;
  planId: number | null;
  status: string | null;
  pace: number | null;
  asOfFrom: string | null;
  asOfUntil: string | null;
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
  /** The answer's JSON (see indicator_status.answer); null on statuses kept before it was. */
  answer: string | null;
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

// What one target contributes to P and Ē, exactly as `contribution` in shared/src/status/rollup.ts
// (kept in step by a test in tests/server/status.test.ts): without p or e (maintain targets) it is
// p = 1 when holding (on_track, achieved) else 0, e = 1; otherwise both clamped to [0, 1].
const ROLLUP_P = `CASE WHEN s.progress IS NULL OR s.expected_progress IS NULL THEN (CASE WHEN s.status IN ('on_track', 'achieved') THEN 1.0 ELSE 0.0 END) ELSE min(1.0, max(0.0, s.progress)) END`;
const ROLLUP_E = `CASE WHEN s.progress IS NULL OR s.expected_progress IS NULL THEN 1.0 ELSE min(1.0, max(0.0, s.expected_progress)) END`;
const KEY_COLUMN: Record<RollupKey, string> = { plan: 'i.plan_id', field: 'i.field', unit: 'i.unit_id' };
// The kept figures are read from their covering index: the rows beside them carry each full result.
const STATUS_JOIN = 'LEFT JOIN indicator_status s INDEXED BY indicator_status_figures_idx ON s.indicator_id = i.id';
const HOLDS = 's.as_of_from <= @asOf AND @asOf < s.as_of_until';
const FILTER = '(@planId IS NULL OR i.plan_id = @planId) AND (@field IS NULL OR i.field = @field)';
// Targets whose unit, or a contributing unit, lies in the subtree: both found through the unit-path index.
const SUBTREE_TARGETS = `(WITH sub AS (SELECT id FROM units WHERE path >= @prefix AND path < @upper)
  SELECT i.id FROM indicators i WHERE i.unit_id IN (SELECT id FROM sub)
  UNION SELECT c.indicator_id FROM indicator_contributors c WHERE c.unit_id IN (SELECT id FROM sub))`;

/**
 * How much kept answer text the server remembers between commits, in characters: about 20,000
 * answers of the national benchmark's targets, 16 to 32 MB of memory.
 */
const REMEMBERED_ANSWERS_CHARS = 16 * 1024 * 1024;

/** `sqlite` is the same connection as `db`: roll-ups read tens of thousands of rows through plain prepared statements. */
export function createStatusRepository(db: Db, sqlite: Database.Database, stamp: StateStamp) {
  type SumsParams = { prefix: string; upper: string; asOf: string; planId: number | null; field: string | null };
  const statements = new Map<string, Database.Statement<SumsParams>>();
  // One statement per grouping, for the whole tree (no subtree search) or a subtree.
  const statement = (kind: 'sums' | 'stale' | 'count', by: RollupKey, whole: boolean): Database.Statement<SumsParams> => {
    const name = `${kind}:${by}:${whole}`;
    let stmt = statements.get(name);
    if (!stmt) {
      const from = whole ? 'indicators i' : `indicators i JOIN ${SUBTREE_TARGETS} t ON t.id = i.id`;
      // The sums take only targets with a kept status that holds (at most one per target). For the
      // whole tree SQLite is told to walk the kept figures' index and find each target by its id:
      // on its own it walks the targets and searches the index for each, about half as fast.
      const sumsFrom = whole ? `indicator_status s INDEXED BY indicator_status_figures_idx CROSS JOIN indicators i ON i.id = s.indicator_id` : `${from} ${STATUS_JOIN}`;
      const sqlText =
        kind === 'sums'
          ? `SELECT ${KEY_COLUMN[by]} AS key, s.status AS status, count(*) AS count, total(i.weight) AS weightSum,
               total(i.weight * ${ROLLUP_P}) AS pSum, total(i.weight * ${ROLLUP_E}) AS eSum
             FROM ${sumsFrom} WHERE ${FILTER} AND ${HOLDS} GROUP BY 1, 2`
          : kind === 'count'
            ? `SELECT count(*) FROM ${from} WHERE ${FILTER}`
            : `SELECT i.id AS id, ${KEY_COLUMN[by]} AS key, i.weight AS weight FROM ${from} ${STATUS_JOIN}
             WHERE ${FILTER} AND NOT (s.indicator_id IS NOT NULL AND ${HOLDS})`;
      stmt = sqlite.prepare<SumsParams>(sqlText);
      if (kind === 'count') stmt.pluck();
      statements.set(name, stmt);
    }
    return stmt;
  };
  // The sums and, when they do not account for every target, the targets left over: read in one
  // snapshot, so a commit by another process between the statements cannot make them disagree.
  const readSums = sqlite.transaction((by: RollupKey, whole: boolean, params: SumsParams): { sums: StatusSumsRow[]; stale: StaleTargetRow[] } => {
    const sums = statement('sums', by, whole).all(params) as StatusSumsRow[];
    const counted = sums.reduce((n, row) => n + row.count, 0);
    // Usually every target's kept status holds: then there is nothing left over to look for.
    const targets = statement('count', by, whole).get(params) as number;
    return { sums, stale: counted === targets ? [] : (statement('stale', by, whole).all(params) as StaleTargetRow[]) };
  });
  const planLabels = sqlite.prepare<[], { id: number; code: string; titleVi: string; titleEn: string | null }>('SELECT id, code, title_vi AS titleVi, title_en AS titleEn FROM plans');
  const unitPaths = sqlite.prepare<{ prefix: string; upper: string }, { id: number; path: string }>('SELECT id, path FROM units WHERE path >= @prefix AND path < @upper');
  const unitsOutside = sqlite.prepare<{ prefix: string; upper: string }, { n: number }>('SELECT count(*) AS n FROM units WHERE path < @prefix OR path >= @upper');

  const baseIndicators = () => db.select(indicatorSelection).from(indicators).innerJoin(units, eq(units.id, indicators.unitId)).leftJoin(plans, eq(plans.id, indicators.planId));
  // The read of one target's status, the most frequent request: prepared once.
  const oneIndicator = baseIndicators().where(eq(indicators.id, sql.placeholder('id'))).prepare();
  const oneCached = db.select().from(indicatorStatus).where(eq(indicatorStatus.indicatorId, sql.placeholder('id'))).prepare();
  // The read of one target's kept answer, the most frequent request: rows that need no mapping.
  // Read on every status read: a plain array, no per-row object built from column names. The target's
  // unit comes from the (code, unit_id) index, so the target's own row is not read (SQLite would pick
  // the unique index on code alone, hence INDEXED BY; the index is migration 0009's).
  const keptAnswer = db.$client
    .prepare<[string], [string, string, string, string | null]>(
      `SELECT un.path, k.as_of_from, k.as_of_until, k.answer
         FROM indicators i INDEXED BY indicators_code_unit_idx
         JOIN units un ON un.id = i.unit_id JOIN indicator_status k ON k.indicator_id = i.id
        WHERE i.code = ?`,
    )
    .raw(true);

  // The rows above as last read, while nothing has been committed since: a target read again (a
  // dashboard reloaded, many readers of one province) is answered without reading it again.
  const rememberedAnswers = createStampedCache<string, KeptAnswerRow | null>(stamp, REMEMBERED_ANSWERS_CHARS, (row) => 64 + (row?.answer?.length ?? 0));

  const keptFigures = db.$client.prepare<[string], KeptFiguresRow>(
    `SELECT i.id, i.code, i.plan_id AS planId, k.status, k.pace, k.as_of_from AS asOfFrom, k.as_of_until AS asOfUntil
       FROM indicators i LEFT JOIN indicator_status k ON k.indicator_id = i.id
      WHERE i.id IN (SELECT value FROM json_each(?))`,
  );

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

    /** A target's kept status by the target's code, with where the target lies: one indexed read, none while it is remembered. */
    keptAnswerByCode(code: string): KeptAnswerRow | null {
      return rememberedAnswers.get(code, () => {
        const r = keptAnswer.get(code);
        return r ? { unitPath: r[0], asOfFrom: r[1], asOfUntil: r[2], answer: r[3] } : null;
      });
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

    /**
     * For each target, what a list filters and sorts on: its code and plan, and its kept status
     * figures with the dates they hold for (null when nothing is kept). One query for any number.
     */
    keptFigures(ids: readonly number[]): KeptFiguresRow[] {
      return ids.length === 0 ? [] : keptFigures.all(JSON.stringify(ids));
    },

    async storeCached(rows: readonly CachedStatus[]): Promise<void> {
      for (const r of rows) {
        db.insert(indicatorStatus)
          .values(r)
          .onConflictDoUpdate({ target: indicatorStatus.indicatorId, set: { knownAt: r.knownAt, asOfFrom: r.asOfFrom, asOfUntil: r.asOfUntil, status: r.status, progress: r.progress, expectedProgress: r.expectedProgress, pace: r.pace, result: r.result, answer: r.answer } })
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
    /**
     * The targets of a subtree (responsible or contributing unit in it) for a roll-up grouped by
     * plan, field or unit: their kept statuses that hold for `asOf`, summed per group and status by
     * the database, and the targets whose kept status does not hold (to be computed).
     */
    async rollupSums(prefix: string, filter: { planId?: number; field?: string }, by: RollupKey, asOf: string): Promise<{ sums: StatusSumsRow[]; stale: StaleTargetRow[] }> {
      const range = { prefix, upper: `${prefix.slice(0, -1)}0` };
      const whole = unitsOutside.get(range)!.n === 0;
      const only = { asOf, planId: filter.planId ?? null, field: filter.field ?? null };
      // Named parameters must all be used by a statement: the whole-tree ones take no range.
      const params = (whole ? only : { ...range, ...only }) as SumsParams;
      return readSums(by, whole, params);
    },

    /** Ids of the indicators visible in a subtree (responsible or contributing unit in it). */
    async indicatorIdsUnder(prefix: string, filter: { planId?: number; field?: string; search?: string }): Promise<number[]> {
      const upper = `${prefix.slice(0, -1)}0`;
      const conds = [
        sql`(${units.path} >= ${prefix} AND ${units.path} < ${upper} OR EXISTS (SELECT 1 FROM indicator_contributors c JOIN units cu ON cu.id = c.unit_id WHERE c.indicator_id = ${indicators.id} AND cu.path >= ${prefix} AND cu.path < ${upper}))`,
      ];
      if (filter.planId !== undefined) conds.push(sql`${indicators.planId} = ${filter.planId}`);
      if (filter.field) conds.push(sql`${indicators.field} = ${filter.field}`);
      if (filter.search) conds.push(sql`${indicators.searchText} LIKE ${`%${escapeLike(filter.search)}%`} ESCAPE '\\'`);
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
