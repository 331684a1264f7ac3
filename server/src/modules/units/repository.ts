import { and, asc, eq, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/client';
import { createStampedCache, type StateStamp } from '../../db/state-stamp';
import { unitSuccessions, units } from '../../db/schema/index';
import { upperBound } from '../audit/repository';

export interface UnitRecord {
  id: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  type: string;
  parentId: number | null;
  parentCode: string | null;
  path: string;
  depth: number;
  validFrom: string | null;
  validTo: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SuccessionRecord {
  kind: string;
  predecessorCode: string;
  successorCode: string;
  effectiveOn: string;
  legalRef: string | null;
}

export interface UnitListFilter {
  pathPrefix?: string;
  search?: string;
  type?: string;
  activeOn?: string;
  sort: 'code' | 'name';
  offset: number;
  limit: number;
}

export interface NewUnit {
  code: string;
  nameVi: string;
  nameEn: string | null;
  type: string;
  parentId: number | null;
  validFrom: string | null;
  validTo: string | null;
  searchText: string;
  sortKey: string;
  now: string;
}

export type UnitChanges = Partial<Pick<NewUnit, 'nameVi' | 'nameEn' | 'type' | 'validFrom' | 'validTo' | 'searchText' | 'sortKey'>>;

const parent = alias(units, 'parent');

const selection = {
  id: units.id,
  code: units.code,
  nameVi: units.nameVi,
  nameEn: units.nameEn,
  type: units.type,
  parentId: units.parentId,
  parentCode: parent.code,
  path: units.path,
  depth: units.depth,
  validFrom: units.validFrom,
  validTo: units.validTo,
  version: units.version,
  createdAt: units.createdAt,
  updatedAt: units.updatedAt,
};

/** Condition: the unit's path lies under a prefix (index range, no LIKE). */
export function pathUnder(column: typeof units.path, prefix: string): SQL {
  return and(gte(column, prefix), lt(column, upperBound(prefix))) as SQL;
}

/** A unit as a new report on it is checked: what it is and where it lies. */
export interface UnitPlace {
  id: number;
  code: string;
  path: string;
}

/** How many units' places the server remembers (the country has about 4,100 units). */
const REMEMBERED_PLACES = 20_000;

export function createUnitsRepository(db: Db, stamp: StateStamp) {
  const base = () => db.select(selection).from(units).leftJoin(parent, eq(parent.id, units.parentId));
  // Hot lookups, prepared once; by code (every report names its unit) as SQL whose rows need no mapping.
  const byCode = db.$client.prepare<[string], UnitRecord>(
    `SELECT u.id, u.code, u.name_vi AS nameVi, u.name_en AS nameEn, u.type, u.parent_id AS parentId, p.code AS parentCode,
            u.path, u.depth, u.valid_from AS validFrom, u.valid_to AS validTo, u.version, u.created_at AS createdAt, u.updated_at AS updatedAt
       FROM units u LEFT JOIN units p ON p.id = u.parent_id WHERE u.code = ?`,
  );
  const byId = base().where(eq(units.id, sql.placeholder('id'))).prepare();
  const placeByCode = db.$client.prepare<[string], UnitPlace>('SELECT id, code, path FROM units WHERE code = ?');
  // Shared by every request that asks: frozen.
  const rememberedPlaces = createStampedCache<string, UnitPlace | null>(stamp.reference, REMEMBERED_PLACES);

  return {
    async findByCode(code: string): Promise<UnitRecord | null> {
      return byCode.get(code) ?? null;
    },

    /** A unit's id and path by its code, remembered while no account, unit or target has changed (`stamp.reference`). */
    async findPlace(code: string): Promise<UnitPlace | null> {
      return rememberedPlaces.get(code, () => {
        const place = placeByCode.get(code);
        return place ? Object.freeze(place) : null;
      });
    },

    async findById(id: number): Promise<UnitRecord | null> {
      return byId.get({ id }) ?? null;
    },

    async findByCodes(codes: readonly string[]): Promise<Map<string, UnitRecord>> {
      const out = new Map<string, UnitRecord>();
      for (let i = 0; i < codes.length; i += 500) {
        for (const row of base().where(inArray(units.code, codes.slice(i, i + 500) as string[])).all()) out.set(row.code, row);
      }
      return out;
    },

    async allCodes(): Promise<Set<string>> {
      return new Set(db.select({ code: units.code }).from(units).all().map((r) => r.code));
    },

    async list(filter: UnitListFilter): Promise<{ rows: UnitRecord[]; total: number }> {
      const where: SQL[] = [];
      if (filter.pathPrefix) where.push(pathUnder(units.path, filter.pathPrefix));
      if (filter.search) where.push(sql`${units.searchText} LIKE ${`%${escapeLike(filter.search)}%`} ESCAPE '\\'`);
      if (filter.type) where.push(eq(units.type, filter.type));
      if (filter.activeOn) {
        const d = filter.activeOn;
        where.push(and(or(isNull(units.validFrom), sql`${units.validFrom} <= ${d}`), or(isNull(units.validTo), sql`${units.validTo} >= ${d}`)) as SQL);
      }
      const cond = where.length ? and(...where) : undefined;
      const total = db.select({ n: sql<number>`count(*)` }).from(units).where(cond).get()?.n ?? 0;
      const order = filter.sort === 'name' ? [asc(units.sortKey), asc(units.code)] : [asc(units.code)];
      const rows = base()
        .where(cond)
        .orderBy(...order)
        .limit(filter.limit)
        .offset(filter.offset)
        .all();
      return { rows, total };
    },

    /** Inserts a unit under its parent (or as a root) and returns its id. */
    async insert(unit: NewUnit): Promise<number> {
      const parentRow = unit.parentId === null ? null : db.select({ path: units.path, depth: units.depth }).from(units).where(eq(units.id, unit.parentId)).get();
      const { id } = db
        .insert(units)
        .values({
          code: unit.code,
          nameVi: unit.nameVi,
          nameEn: unit.nameEn,
          type: unit.type,
          parentId: unit.parentId,
          path: '',
          depth: parentRow ? parentRow.depth + 1 : 0,
          validFrom: unit.validFrom,
          validTo: unit.validTo,
          searchText: unit.searchText,
          sortKey: unit.sortKey,
          createdAt: unit.now,
          updatedAt: unit.now,
        })
        .returning({ id: units.id })
        .get();
      db.update(units)
        .set({ path: `${parentRow?.path ?? '/'}${id}/` })
        .where(eq(units.id, id))
        .run();
      return id;
    },

    /** Applies changes if the row is still at `expectedVersion`; returns false when it was not. */
    async update(id: number, expectedVersion: number, changes: UnitChanges, now: string): Promise<boolean> {
      const res = db
        .update(units)
        .set({ ...changes, updatedAt: now, version: sql`${units.version} + 1` })
        .where(and(eq(units.id, id), eq(units.version, expectedVersion)))
        .run();
      return res.changes === 1;
    },

    /** Moves a unit and its whole subtree under a new parent, rewriting their paths. */
    async move(id: number, newParentId: number | null): Promise<void> {
      const self = db.select({ path: units.path, depth: units.depth }).from(units).where(eq(units.id, id)).get();
      if (!self) return;
      const np = newParentId === null ? null : db.select({ path: units.path, depth: units.depth }).from(units).where(eq(units.id, newParentId)).get();
      const newPath = `${np?.path ?? '/'}${id}/`;
      const depthDelta = (np ? np.depth + 1 : 0) - self.depth;
      db.update(units).set({ parentId: newParentId }).where(eq(units.id, id)).run();
      db.update(units)
        .set({
          path: sql`${newPath} || substr(${units.path}, ${self.path.length + 1})`,
          depth: sql`${units.depth} + ${depthDelta}`,
        })
        .where(pathUnder(units.path, self.path))
        .run();
    },

    async insertSuccession(s: { predecessorId: number; successorId: number; kind: string; effectiveOn: string; legalRef: string | null; now: string }): Promise<number> {
      return db
        .insert(unitSuccessions)
        .values({ ...s, createdAt: s.now })
        .returning({ id: unitSuccessions.id })
        .get().id;
    },

    async successionsOf(unitIds: readonly number[]): Promise<SuccessionRecord[]> {
      if (unitIds.length === 0) return [];
      const pred = alias(units, 'pred');
      const succ = alias(units, 'succ');
      return db
        .select({
          kind: unitSuccessions.kind,
          predecessorCode: pred.code,
          successorCode: succ.code,
          effectiveOn: unitSuccessions.effectiveOn,
          legalRef: unitSuccessions.legalRef,
        })
        .from(unitSuccessions)
        .innerJoin(pred, eq(pred.id, unitSuccessions.predecessorId))
        .innerJoin(succ, eq(succ.id, unitSuccessions.successorId))
        .where(or(inArray(unitSuccessions.predecessorId, unitIds as number[]), inArray(unitSuccessions.successorId, unitIds as number[])))
        .orderBy(asc(unitSuccessions.effectiveOn))
        .all();
    },
  };
}

export type UnitsRepository = ReturnType<typeof createUnitsRepository>;

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
