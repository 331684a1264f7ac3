import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { indicators, plans, units } from '../../db/schema/index';
import { upperBound } from '../audit/repository';
import { escapeLike } from '../units/repository';

export interface PlanRecord {
  id: number;
  code: string;
  provinceUnitId: number | null;
  provinceCode: string | null;
  provincePath: string | null;
  titleVi: string;
  titleEn: string | null;
  kind: string;
  documentRef: string | null;
  issuedOn: string | null;
  issuingBody: string | null;
  periodStart: string | null;
  periodEnd: string | null;
  startDate: string | null;
  endDate: string | null;
  ownerUnitId: number | null;
  ownerUnitCode: string | null;
  ownerPath: string | null;
  onTrackThreshold: number | null;
  atRiskThreshold: number | null;
  graceDays: number;
  source: string | null;
  isSample: boolean;
  indicatorCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type PlanValues = Omit<PlanRecord, 'id' | 'provinceCode' | 'provincePath' | 'ownerUnitCode' | 'ownerPath' | 'indicatorCount' | 'version' | 'createdAt' | 'updatedAt'> & {
  searchText: string;
  sortKey: string;
};

export interface PlanListFilter {
  /** Only plans the actor may see: anchored in, above, or with an indicator in this subtree. */
  visibleTo?: string;
  /** Only plans anchored in, or with an indicator in, this subtree. */
  under?: string;
  search?: string;
  kind?: string;
  sort: 'code' | 'title';
  offset: number;
  limit: number;
}

const owner = alias(units, 'owner');
const province = alias(units, 'province');

const selection = {
  id: plans.id,
  code: plans.code,
  provinceUnitId: plans.provinceUnitId,
  provinceCode: province.code,
  provincePath: province.path,
  titleVi: plans.titleVi,
  titleEn: plans.titleEn,
  kind: plans.kind,
  documentRef: plans.documentRef,
  issuedOn: plans.issuedOn,
  issuingBody: plans.issuingBody,
  periodStart: plans.periodStart,
  periodEnd: plans.periodEnd,
  startDate: plans.startDate,
  endDate: plans.endDate,
  ownerUnitId: plans.ownerUnitId,
  ownerUnitCode: owner.code,
  ownerPath: owner.path,
  onTrackThreshold: plans.onTrackThreshold,
  atRiskThreshold: plans.atRiskThreshold,
  graceDays: plans.graceDays,
  source: plans.source,
  isSample: plans.isSample,
  indicatorCount: sql<number>`(SELECT count(*) FROM indicators i WHERE i.plan_id = ${plans.id})`,
  version: plans.version,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
};

const anchorPath = sql`coalesce(${owner.path}, ${province.path})`;

function hasIndicatorUnder(prefix: string): SQL {
  return sql`EXISTS (SELECT 1 FROM indicators i JOIN units iu ON iu.id = i.unit_id WHERE i.plan_id = ${plans.id} AND iu.path >= ${prefix} AND iu.path < ${upperBound(prefix)})`;
}

export function createPlansRepository(db: Db) {
  const base = () =>
    db.select(selection).from(plans).leftJoin(owner, eq(owner.id, plans.ownerUnitId)).leftJoin(province, eq(province.id, plans.provinceUnitId));

  return {
    async findByCode(code: string): Promise<PlanRecord | null> {
      return base().where(eq(plans.code, code)).get() ?? null;
    },
    async findById(id: number): Promise<PlanRecord | null> {
      return base().where(eq(plans.id, id)).get() ?? null;
    },
    async allCodes(): Promise<Set<string>> {
      return new Set(db.select({ code: plans.code }).from(plans).all().map((r) => r.code));
    },
    /** True when the plan has an indicator whose responsible unit lies under the prefix. */
    async hasIndicatorUnder(planId: number, prefix: string): Promise<boolean> {
      return (
        db
          .select({ one: sql<number>`1` })
          .from(indicators)
          .innerJoin(units, eq(units.id, indicators.unitId))
          .where(and(eq(indicators.planId, planId), sql`${units.path} >= ${prefix} AND ${units.path} < ${upperBound(prefix)}`))
          .get() !== undefined
      );
    },
    async list(filter: PlanListFilter): Promise<{ rows: PlanRecord[]; total: number }> {
      const where: SQL[] = [];
      if (filter.visibleTo && filter.visibleTo !== '/') {
        const p = filter.visibleTo;
        where.push(
          sql`(${anchorPath} IS NULL OR (${anchorPath} >= ${p} AND ${anchorPath} < ${upperBound(p)}) OR instr(${p}, ${anchorPath}) = 1 OR ${hasIndicatorUnder(p)})`,
        );
      }
      if (filter.under) {
        const p = filter.under;
        where.push(sql`((${anchorPath} >= ${p} AND ${anchorPath} < ${upperBound(p)}) OR ${hasIndicatorUnder(p)})`);
      }
      if (filter.search) where.push(sql`${plans.searchText} LIKE ${`%${escapeLike(filter.search)}%`} ESCAPE '\\'`);
      if (filter.kind) where.push(eq(plans.kind, filter.kind));
      const cond = where.length ? and(...where) : undefined;
      const total =
        db
          .select({ n: sql<number>`count(*)` })
          .from(plans)
          .leftJoin(owner, eq(owner.id, plans.ownerUnitId))
          .leftJoin(province, eq(province.id, plans.provinceUnitId))
          .where(cond)
          .get()?.n ?? 0;
      const order = filter.sort === 'title' ? [asc(plans.sortKey), asc(plans.code)] : [asc(plans.code)];
      const rows = base().where(cond).orderBy(...order).limit(filter.limit).offset(filter.offset).all();
      return { rows, total };
    },
    async insert(values: PlanValues, now: string): Promise<number> {
      return db
        .insert(plans)
        .values({ ...values, createdAt: now, updatedAt: now })
        .returning({ id: plans.id })
        .get().id;
    },
    async update(id: number, expectedVersion: number, values: Partial<PlanValues>, now: string): Promise<boolean> {
      return (
        db
          .update(plans)
          .set({ ...values, updatedAt: now, version: sql`${plans.version} + 1` })
          .where(and(eq(plans.id, id), eq(plans.version, expectedVersion)))
          .run().changes === 1
      );
    },
  };
}

export type PlansRepository = ReturnType<typeof createPlansRepository>;
