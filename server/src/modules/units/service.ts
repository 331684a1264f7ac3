import type { CreateSuccessionBody, CreateUnitBody, Unit, UnitList, UnitListQuery, UpdateUnitBody } from '@tiendo/shared/schemas/units';
import { cleanText, foldForSearch, vietnameseSortKey } from '@tiendo/shared/text';
import type { Deps } from '../../deps';
import { inScope, nowIso, type RequestContext } from '../../lib/context';
import { requireRealDates } from '../../lib/dates';
import { AppError, notFound, outOfScope, versionConflict } from '../../lib/errors';
import { paging } from '../../lib/paging';
import type { SuccessionRecord, UnitRecord } from './repository';

export function unitSearchText(code: string, nameVi: string, nameEn: string | null): string {
  return foldForSearch(`${code} ${nameVi} ${nameEn ?? ''}`);
}

function toDto(u: UnitRecord, successions: SuccessionRecord[], today: string): Unit {
  return {
    code: u.code,
    nameVi: u.nameVi,
    nameEn: u.nameEn,
    type: u.type as Unit['type'],
    parentCode: u.parentCode,
    depth: u.depth,
    validFrom: u.validFrom,
    validTo: u.validTo,
    active: (u.validFrom === null || u.validFrom <= today) && (u.validTo === null || u.validTo >= today),
    successors: successions
      .filter((s) => s.predecessorCode === u.code)
      .map((s) => ({ kind: s.kind as 'merge', unitCode: s.successorCode, effectiveOn: s.effectiveOn, legalRef: s.legalRef })),
    predecessors: successions
      .filter((s) => s.successorCode === u.code)
      .map((s) => ({ kind: s.kind as 'merge', unitCode: s.predecessorCode, effectiveOn: s.effectiveOn, legalRef: s.legalRef })),
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

export function createUnitsService(deps: Deps) {
  const { repos, transact, audit } = deps;
  const today = () => new Date().toISOString().slice(0, 10);

  async function requireUnit(code: string): Promise<UnitRecord> {
    const unit = await repos.units.findByCode(code);
    if (!unit) throw notFound('Unit', code);
    return unit;
  }

  async function withSuccessions(rows: UnitRecord[]): Promise<Unit[]> {
    const successions = await repos.units.successionsOf(rows.map((r) => r.id));
    const t = today();
    return rows.map((r) => toDto(r, successions, t));
  }

  return {
    requireUnit,

    /** The organisational tree is reference data every signed-in user may read. */
    async list(_ctx: RequestContext, query: UnitListQuery): Promise<UnitList> {
      const { page, pageSize, offset, limit } = paging(query);
      const under = query.under ? await requireUnit(query.under) : null;
      const { rows, total } = await repos.units.list({
        pathPrefix: under?.path,
        search: query.q ? foldForSearch(query.q) : undefined,
        type: query.type,
        activeOn: query.activeOn,
        sort: query.sort ?? 'code',
        offset,
        limit,
      });
      return { items: await withSuccessions(rows), total, page, pageSize };
    },

    async get(_ctx: RequestContext, code: string): Promise<Unit> {
      const [dto] = await withSuccessions([await requireUnit(code)]);
      return dto!;
    },

    async create(ctx: RequestContext, body: CreateUnitBody): Promise<Unit> {
      requireRealDates([{ field: '/body/validFrom', value: body.validFrom }, { field: '/body/validTo', value: body.validTo }]);
      const code = body.code.trim();
      const nameVi = cleanText(body.nameVi);
      const nameEn = body.nameEn ? cleanText(body.nameEn) : null;
      if (body.validFrom && body.validTo && body.validFrom > body.validTo) {
        throw new AppError('VALIDATION_FAILED', 'validFrom must be on or before validTo.', { errors: [{ field: '/body/validTo', message: 'must not be before validFrom' }] });
      }
      let parent: UnitRecord | null = null;
      if (body.parentCode) {
        parent = await requireUnit(body.parentCode);
        if (!inScope(ctx.actor, parent.path)) throw outOfScope(`Unit "${parent.code}"`);
        if (body.type === 'nation') throw new AppError('VALIDATION_FAILED', 'A unit of type nation is a root: its parentCode must be null.');
      } else if (body.type !== 'nation' || ctx.actor.unitPath.split('/').length > 3) {
        throw new AppError('VALIDATION_FAILED', 'Only a nation has no parent, and only a nation-level administrator may create one; give parentCode.', {
          errors: [{ field: '/body/parentCode', message: 'is required for this unit type' }],
        });
      }
      return transact(async () => {
        if (await repos.units.findByCode(code)) throw new AppError('DUPLICATE_CODE', `A unit with code "${code}" already exists; unit codes are never reused.`);
        const now = nowIso();
        const id = await repos.units.insert({
          code,
          nameVi,
          nameEn,
          type: body.type,
          parentId: parent?.id ?? null,
          validFrom: body.validFrom ?? null,
          validTo: body.validTo ?? null,
          searchText: unitSearchText(code, nameVi, nameEn),
          sortKey: vietnameseSortKey(nameVi),
          now,
        });
        const created = (await repos.units.findById(id))!;
        const [dto] = await withSuccessions([created]);
        await audit(ctx, { action: 'unit.create', entity: 'unit', entityId: code, unitId: id, after: dto });
        return dto!;
      });
    },

    async update(ctx: RequestContext, code: string, body: UpdateUnitBody): Promise<Unit> {
      requireRealDates([{ field: '/body/validFrom', value: body.validFrom }, { field: '/body/validTo', value: body.validTo }]);
      return transact(async () => {
        const unit = await requireUnit(code);
        if (!inScope(ctx.actor, unit.path)) throw outOfScope(`Unit "${code}"`);
        if (unit.version !== body.version) throw versionConflict(`Unit "${code}"`, unit.version, body.version);
        const [before] = await withSuccessions([unit]);
        const nameVi = body.nameVi !== undefined ? cleanText(body.nameVi) : unit.nameVi;
        const nameEn = body.nameEn !== undefined ? (body.nameEn ? cleanText(body.nameEn) : null) : unit.nameEn;
        const validFrom = body.validFrom !== undefined ? body.validFrom : unit.validFrom;
        const validTo = body.validTo !== undefined ? body.validTo : unit.validTo;
        if (validFrom && validTo && validFrom > validTo) throw new AppError('VALIDATION_FAILED', 'validFrom must be on or before validTo.');
        if (body.parentCode !== undefined && body.parentCode !== unit.parentCode) {
          if (body.parentCode === null) throw new AppError('VALIDATION_FAILED', 'A unit cannot be made a root; give the new parentCode.');
          const parent = await requireUnit(body.parentCode);
          if (!inScope(ctx.actor, parent.path)) throw outOfScope(`Unit "${parent.code}"`);
          if (parent.path.startsWith(unit.path)) throw new AppError('VALIDATION_FAILED', `Unit "${parent.code}" is inside "${code}"; a unit cannot move under its own subtree.`);
          await repos.units.move(unit.id, parent.id);
        }
        const now = nowIso();
        const ok = await repos.units.update(
          unit.id,
          body.version,
          {
            nameVi,
            nameEn,
            type: body.type ?? unit.type,
            validFrom,
            validTo,
            searchText: unitSearchText(code, nameVi, nameEn),
            sortKey: vietnameseSortKey(nameVi),
          },
          now,
        );
        if (!ok) throw versionConflict(`Unit "${code}"`, unit.version + 1, body.version);
        const [after] = await withSuccessions([(await repos.units.findById(unit.id))!]);
        await audit(ctx, { action: 'unit.update', entity: 'unit', entityId: code, unitId: unit.id, before, after });
        return after!;
      });
    },

    async addSuccession(ctx: RequestContext, body: CreateSuccessionBody): Promise<Unit> {
      requireRealDates([{ field: '/body/effectiveOn', value: body.effectiveOn }]);
      return transact(async () => {
        const pred = await requireUnit(body.predecessorCode);
        const succ = await requireUnit(body.successorCode);
        for (const u of [pred, succ]) if (!inScope(ctx.actor, u.path)) throw outOfScope(`Unit "${u.code}"`);
        if (pred.id === succ.id) throw new AppError('VALIDATION_FAILED', 'A unit cannot succeed itself.');
        const now = nowIso();
        await repos.units.insertSuccession({ predecessorId: pred.id, successorId: succ.id, kind: body.kind, effectiveOn: body.effectiveOn, legalRef: body.legalRef ?? null, now });
        if (body.closePredecessor) {
          const validTo = dayBefore(body.effectiveOn);
          if (pred.validFrom && pred.validFrom > validTo) throw new AppError('VALIDATION_FAILED', `Unit "${pred.code}" starts after ${validTo}; it cannot be closed before it began.`);
          await repos.units.update(pred.id, pred.version, { validTo }, now);
        }
        const [after] = await withSuccessions([(await repos.units.findById(pred.id))!]);
        await audit(ctx, { action: 'unit.succession', entity: 'unit', entityId: pred.code, unitId: pred.id, after: { ...body } });
        return after!;
      });
    },
  };
}

export type UnitsService = ReturnType<typeof createUnitsService>;
