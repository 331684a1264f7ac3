import { and, asc, eq, gte, inArray, isNull, lte, ne, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { indicatorContributors, indicators, observations, plans, units } from '../../db/schema/index';
import { upperBound } from '../audit/repository';

/** Which indicators the calendar covers: those of a unit subtree, optionally of one plan or field. */
export interface CalendarScope {
  /** Materialized path of the unit whose subtree is asked for. */
  under: string;
  planId?: number;
  field?: string;
}

export interface CalendarIndicator {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  field: string;
  frequency: string;
  aggregation: string;
  baselineDate: string | null;
  targetDate: string | null;
  unitId: number;
  unitCode: string;
  unitPath: string;
  unitValidFrom: string | null;
  unitValidTo: string | null;
  planCode: string | null;
  planStartDate: string | null;
  planEndDate: string | null;
  planGraceDays: number | null;
}

export interface CalendarContributor {
  indicatorId: number;
  unitId: number;
  unitCode: string;
  unitPath: string;
  validFrom: string | null;
  validTo: string | null;
}

/** The current (not superseded) report versions, only what the calendar needs of them. */
export interface CalendarObservation {
  id: number;
  indicatorId: number;
  unitId: number;
  period: string;
  state: string;
  returnReason: string | null;
  updatedAt: string;
}

/**
 * Same visibility as the indicators list: the responsible unit or a contributing unit lies in
 * the subtree. Both are index ranges on the materialized path.
 */
function visibleUnder(prefix: string): SQL {
  const end = upperBound(prefix);
  return sql`(${units.path} >= ${prefix} AND ${units.path} < ${end} OR EXISTS (SELECT 1 FROM indicator_contributors c JOIN units cu ON cu.id = c.unit_id WHERE c.indicator_id = ${indicators.id} AND cu.path >= ${prefix} AND cu.path < ${end}))`;
}

export function createCalendarRepository(db: Db) {
  const conditions = (scope: CalendarScope): SQL => {
    const where: SQL[] = [];
    if (scope.under !== '/') where.push(visibleUnder(scope.under));
    if (scope.planId !== undefined) where.push(eq(indicators.planId, scope.planId));
    if (scope.field !== undefined) where.push(eq(indicators.field, scope.field));
    return and(...where) ?? sql`1 = 1`;
  };

  /** The ids of the covered indicators, as a subquery: no parameter list however many there are. */
  const coveredIds = (scope: CalendarScope) =>
    db.select({ id: indicators.id }).from(indicators).innerJoin(units, eq(units.id, indicators.unitId)).where(conditions(scope));

  return {
    /** Every covered indicator with its responsible unit and plan, in one query. */
    async indicators(scope: CalendarScope): Promise<CalendarIndicator[]> {
      return db
        .select({
          id: indicators.id,
          code: indicators.code,
          nameVi: indicators.nameVi,
          nameEn: indicators.nameEn,
          field: indicators.field,
          frequency: indicators.frequency,
          aggregation: indicators.aggregation,
          baselineDate: indicators.baselineDate,
          targetDate: indicators.targetDate,
          unitId: indicators.unitId,
          unitCode: units.code,
          unitPath: units.path,
          unitValidFrom: units.validFrom,
          unitValidTo: units.validTo,
          planCode: plans.code,
          planStartDate: plans.startDate,
          planEndDate: plans.endDate,
          planGraceDays: plans.graceDays,
        })
        .from(indicators)
        .innerJoin(units, eq(units.id, indicators.unitId))
        .leftJoin(plans, eq(plans.id, indicators.planId))
        .where(conditions(scope))
        .orderBy(asc(indicators.code))
        .all();
    },

    /** The contributing units of the covered roll-out indicators (aggregation other than `none`), in one query. */
    async rolloutContributors(scope: CalendarScope): Promise<CalendarContributor[]> {
      return db
        .select({
          indicatorId: indicatorContributors.indicatorId,
          unitId: units.id,
          unitCode: units.code,
          unitPath: units.path,
          validFrom: units.validFrom,
          validTo: units.validTo,
        })
        .from(indicatorContributors)
        .innerJoin(indicators, eq(indicators.id, indicatorContributors.indicatorId))
        .innerJoin(units, eq(units.id, indicatorContributors.unitId))
        .where(and(ne(indicators.aggregation, 'none'), inArray(indicatorContributors.indicatorId, coveredIds(scope))))
        .orderBy(asc(units.code))
        .all();
    },

    /**
     * The current report versions of the covered indicators for periods ending within [from, to]
     * (every period due in that range ends in it), in one query.
     */
    async currentObservations(scope: CalendarScope, from: string, to: string): Promise<CalendarObservation[]> {
      return db
        .select({
          id: observations.id,
          indicatorId: observations.indicatorId,
          unitId: observations.unitId,
          period: observations.period,
          state: observations.state,
          returnReason: observations.returnReason,
          updatedAt: observations.updatedAt,
        })
        .from(observations)
        .where(
          and(
            inArray(observations.indicatorId, coveredIds(scope)),
            gte(observations.periodEnd, from),
            lte(observations.periodEnd, to),
            isNull(observations.supersededAt),
          ),
        )
        .all();
    },
  };
}

export type CalendarRepository = ReturnType<typeof createCalendarRepository>;
