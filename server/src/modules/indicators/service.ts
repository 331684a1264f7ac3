import type { CreateIndicatorBody, Indicator, IndicatorList, IndicatorListQuery, IndicatorRevisionList, UpdateIndicatorBody } from '@tiendo/shared/schemas/indicators';
import { cleanText, foldForSearch, vietnameseSortKey } from '@tiendo/shared/text';
import type { Deps } from '../../deps';
import { inScope, nowIso, type RequestContext } from '../../lib/context';
import { requireRealDates } from '../../lib/dates';
import { AppError, notFound, outOfScope, versionConflict } from '../../lib/errors';
import { paging } from '../../lib/paging';
import type { UnitRecord } from '../units/repository';
import { definitionProblems, periodDate, type Definition } from './definition';
import type { IndicatorDetail, IndicatorValues } from './repository';

export function toIndicatorDto(i: IndicatorDetail): Indicator {
  return {
    code: i.code,
    planCode: i.planCode,
    unitCode: i.unitCode,
    contributingUnitCodes: i.contributingUnitCodes,
    field: i.field as Indicator['field'],
    nameVi: i.nameVi,
    nameEn: i.nameEn,
    measure: i.measure as Indicator['measure'],
    unitLabel: i.unitLabel,
    direction: i.direction as Indicator['direction'],
    baseline: i.baselineValue !== null && i.baselineDate !== null ? { value: i.baselineValue, date: i.baselineDate } : null,
    target: i.targetValue !== null && i.targetDate !== null ? { value: i.targetValue, date: i.targetDate, period: i.targetPeriod } : null,
    milestones: i.milestones,
    tolerance: i.tolerance,
    frequency: i.frequency as Indicator['frequency'],
    dataSource: i.dataSource,
    notes: i.notes,
    weight: i.weight,
    aggregation: i.aggregation as Indicator['aggregation'],
    isSample: i.isSample,
    revisionNo: i.revisionNo,
    version: i.version,
    createdAt: i.createdAt,
    updatedAt: i.updatedAt,
  };
}

const opt = (v: string | null | undefined): string | null => (v ? cleanText(v) : null);

export interface IndicatorInput {
  code: string;
  field: string;
  nameVi: string;
  nameEn?: string | null;
  measure: string;
  unitLabel?: string | null;
  direction: string;
  baselineValue?: number | null;
  baselineDate?: string | null;
  targetValue?: number | null;
  targetDate?: string | null;
  tolerance?: number | null;
  frequency?: string | null;
  dataSource?: string | null;
  notes?: string | null;
  weight?: number;
  aggregation?: string;
  isSample?: boolean;
}

/** Normalised stored values of an indicator; shared with import. Dates arrive as period keys. */
export function indicatorValues(input: IndicatorInput, planId: number | null, unitId: number): IndicatorValues {
  const nameVi = cleanText(input.nameVi);
  const nameEn = opt(input.nameEn);
  return {
    code: input.code,
    planId,
    unitId,
    field: input.field,
    nameVi,
    nameEn,
    measure: input.measure,
    unitLabel: opt(input.unitLabel),
    direction: input.direction,
    baselineValue: input.baselineValue ?? null,
    baselineDate: periodDate(input.baselineDate),
    targetValue: input.targetValue ?? null,
    targetDate: periodDate(input.targetDate),
    targetPeriod: input.targetDate ?? null,
    tolerance: input.tolerance ?? null,
    frequency: input.frequency ?? 'yearly',
    dataSource: opt(input.dataSource),
    notes: opt(input.notes),
    weight: input.weight ?? 1,
    aggregation: input.aggregation ?? 'none',
    isSample: input.isSample ?? false,
    searchText: foldForSearch(`${input.code} ${nameVi} ${nameEn ?? ''}`),
    sortKey: vietnameseSortKey(nameVi),
  };
}

const definitionOf = (v: Pick<IndicatorValues, 'measure' | 'direction' | 'baselineValue' | 'baselineDate' | 'targetValue' | 'targetDate'>, milestones: { date: string; value: number }[]): Definition => ({
  measure: v.measure,
  direction: v.direction,
  baselineValue: v.baselineValue,
  baselineDate: v.baselineDate,
  targetValue: v.targetValue,
  targetDate: v.targetDate,
  milestones,
});

function rejectDefinition(d: Definition): void {
  const errors = definitionProblems(d);
  if (errors.length) {
    throw new AppError('INVALID_TARGET', `The target definition is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
  }
}

/** Checked before indicatorValues computes the periods' dates. */
const requireDefinitionDates = (body: Pick<CreateIndicatorBody, 'baselineDate' | 'targetDate' | 'milestones'>) =>
  requireRealDates(
    (body.milestones ?? []).map((m, i) => ({ field: `/body/milestones/${i}/date`, value: m.date })),
    [
      { field: '/body/baselineDate', value: body.baselineDate },
      { field: '/body/targetDate', value: body.targetDate },
    ],
  );

const sameDefinition = (a: Definition, b: Definition) => JSON.stringify(a) === JSON.stringify(b);

export function createIndicatorsService(deps: Deps) {
  const { repos, transact, audit } = deps;

  /** Visible when its responsible unit or a contributing unit lies in the actor's subtree. */
  function visible(ctx: RequestContext, i: IndicatorDetail): boolean {
    return inScope(ctx.actor, i.unitPath) || i.contributingUnitPaths.some((p) => inScope(ctx.actor, p));
  }

  async function requireVisible(ctx: RequestContext, code: string): Promise<IndicatorDetail> {
    const ind = await repos.indicators.findByCode(code);
    if (!ind || !visible(ctx, ind)) throw notFound('Indicator', code);
    return ind;
  }

  async function unitsFor(codes: readonly string[], field: string): Promise<UnitRecord[]> {
    const found = await repos.units.findByCodes(codes);
    const missing = codes.filter((c) => !found.has(c));
    if (missing.length) {
      throw new AppError('VALIDATION_FAILED', `Unknown unit code(s) in ${field}: ${missing.join(', ')}.`, { errors: missing.map((c) => ({ field: `/body/${field}`, message: `"${c}" is not a known unit` })) });
    }
    return codes.map((c) => found.get(c)!);
  }

  /**
   * Naming a contributing unit lets its staff see the target and report on it, so an actor names
   * only units of their own subtree. Units already contributing (`kept`, named by a wider-scoped
   * administrator) may stay when the list is sent again; removing any of them is allowed.
   */
  function requireContributorsInScope(ctx: RequestContext, contributors: readonly UnitRecord[], kept: readonly string[] = []): void {
    const outside = contributors.filter((u) => !kept.includes(u.code) && !inScope(ctx.actor, u.path));
    if (outside.length) {
      throw new AppError('OUT_OF_SCOPE', `Contributing unit(s) ${outside.map((u) => `"${u.code}"`).join(', ')} lie outside the unit subtree you may act in.`, {
        errors: outside.map((u) => ({ field: '/body/contributingUnitCodes', message: `"${u.code}" is outside the unit subtree you may act in` })),
      });
    }
  }

  /**
   * The plan an indicator is linked to. Linking needs more than seeing the plan: it must be anchored
   * (owning unit, else province; as in the plans' visibility) in the actor's subtree or above it —
   * their own plans and those of the levels above that their targets implement — or nowhere. A plan
   * the actor sees only because one of their indicators is already linked to it (another province's
   * plan, linked by a national administrator) is refused with OUT_OF_SCOPE: linking more would put
   * this subtree's targets into that plan's progress and reports. A plan they cannot see at all is
   * reported like a plan that does not exist, as unknown references are (so its existence does not
   * leak). The link the indicator already has (`current`) may be sent again unchanged.
   */
  async function planIdFor(ctx: RequestContext, code: string | null | undefined, current: number | null = null): Promise<number | null> {
    if (!code) return null;
    const plan = await repos.plans.findByCode(code);
    if (plan && plan.id === current) return plan.id;
    if (plan) {
      const anchor = plan.ownerPath ?? plan.provincePath;
      if (anchor === null || inScope(ctx.actor, anchor) || ctx.actor.unitPath.startsWith(anchor)) return plan.id;
      if (await repos.plans.hasIndicatorUnder(plan.id, ctx.actor.unitPath)) throw outOfScope(`Plan "${code}"`);
    }
    throw new AppError('VALIDATION_FAILED', `planCode "${code}" is not a known plan (it does not exist or is outside your scope).`, { errors: [{ field: '/body/planCode', message: 'is not a known plan' }] });
  }

  return {
    requireVisible,
    visible,

    async list(ctx: RequestContext, query: IndicatorListQuery): Promise<IndicatorList> {
      const { page, pageSize, offset, limit } = paging(query);
      const under = query.under ? await repos.units.findByCode(query.under) : null;
      if (query.under && !under) throw notFound('Unit', query.under);
      const plan = query.plan ? await repos.plans.findByCode(query.plan) : null;
      if (query.plan && !plan) throw notFound('Plan', query.plan);
      const { rows, total } = await repos.indicators.list({
        visibleTo: ctx.actor.unitPath,
        under: under?.path,
        planId: plan?.id,
        field: query.field,
        measure: query.measure,
        hasTarget: query.hasTarget,
        search: query.q ? foldForSearch(query.q) : undefined,
        sort: query.sort ?? 'code',
        offset,
        limit,
      });
      return { items: rows.map(toIndicatorDto), total, page, pageSize };
    },

    async get(ctx: RequestContext, code: string): Promise<Indicator> {
      return toIndicatorDto(await requireVisible(ctx, code));
    },

    async revisions(ctx: RequestContext, code: string): Promise<IndicatorRevisionList> {
      const ind = await requireVisible(ctx, code);
      const rows = await repos.indicators.revisions(ind.id);
      return {
        items: rows.map((r) => ({
          revisionNo: r.revisionNo,
          effectiveAt: r.effectiveAt,
          baseline: r.baselineValue !== null && r.baselineDate !== null ? { value: r.baselineValue, date: r.baselineDate } : null,
          target: r.targetValue !== null && r.targetDate !== null ? { value: r.targetValue, date: r.targetDate } : null,
          milestones: r.milestones,
          reason: r.reason,
          legalRef: r.legalRef,
          actor: r.actor,
        })),
      };
    },

    async create(ctx: RequestContext, body: CreateIndicatorBody): Promise<Indicator> {
      requireDefinitionDates(body);
      const [unit] = await unitsFor([body.unitCode], 'unitCode');
      if (!inScope(ctx.actor, unit!.path)) throw outOfScope(`Unit "${body.unitCode}"`);
      const contributors = await unitsFor(body.contributingUnitCodes ?? [], 'contributingUnitCodes');
      requireContributorsInScope(ctx, contributors);
      const planId = await planIdFor(ctx, body.planCode);
      const values = indicatorValues(body, planId, unit!.id);
      const milestones = (body.milestones ?? []).slice().sort((a, b) => a.date.localeCompare(b.date));
      const def = definitionOf(values, milestones);
      rejectDefinition(def);
      return transact(async () => {
        if (await repos.indicators.findByCode(body.code)) throw new AppError('DUPLICATE_CODE', `An indicator with code "${body.code}" already exists.`);
        const now = nowIso();
        const id = await repos.indicators.insert(values, now);
        await repos.indicators.setContributors(id, contributors.map((c) => c.id));
        await repos.indicators.setMilestones(id, milestones);
        await repos.indicators.addRevision(id, { effectiveAt: now, ...def, reason: 'Initial definition', legalRef: null, actorId: ctx.actor.id });
        const dto = toIndicatorDto((await repos.indicators.findById(id))!);
        await audit(ctx, { action: 'indicator.create', entity: 'indicator', entityId: body.code, unitId: unit!.id, after: dto });
        return dto;
      });
    },

    async update(ctx: RequestContext, code: string, body: UpdateIndicatorBody): Promise<Indicator> {
      requireDefinitionDates(body);
      return transact(async () => {
        const ind = await requireVisible(ctx, code);
        if (!inScope(ctx.actor, ind.unitPath)) throw outOfScope(`Indicator "${code}"`);
        if (ind.version !== body.version) throw versionConflict(`Indicator "${code}"`, ind.version, body.version);
        let unitId = ind.unitId;
        if (body.unitCode !== undefined && body.unitCode !== ind.unitCode) {
          const [unit] = await unitsFor([body.unitCode], 'unitCode');
          if (!inScope(ctx.actor, unit!.path)) throw outOfScope(`Unit "${body.unitCode}"`);
          unitId = unit!.id;
        }
        const contributors = body.contributingUnitCodes !== undefined ? await unitsFor(body.contributingUnitCodes, 'contributingUnitCodes') : null;
        if (contributors) requireContributorsInScope(ctx, contributors, ind.contributingUnitCodes);
        const planId = body.planCode !== undefined ? await planIdFor(ctx, body.planCode, ind.planId) : ind.planId;
        const before = toIndicatorDto(ind);
        const keep = <T>(v: T | undefined, current: T): T => (v !== undefined ? v : current);
        const values = indicatorValues(
          {
            code,
            field: keep(body.field, ind.field),
            nameVi: keep(body.nameVi, ind.nameVi),
            nameEn: keep(body.nameEn, ind.nameEn),
            measure: keep(body.measure, ind.measure),
            unitLabel: keep(body.unitLabel, ind.unitLabel),
            direction: keep(body.direction, ind.direction),
            baselineValue: keep(body.baselineValue, ind.baselineValue),
            baselineDate: body.baselineDate !== undefined ? body.baselineDate : ind.baselineDate,
            targetValue: keep(body.targetValue, ind.targetValue),
            targetDate: body.targetDate !== undefined ? body.targetDate : ind.targetPeriod ?? ind.targetDate,
            tolerance: keep(body.tolerance, ind.tolerance),
            frequency: keep(body.frequency, ind.frequency),
            dataSource: keep(body.dataSource, ind.dataSource),
            notes: keep(body.notes, ind.notes),
            weight: keep(body.weight, ind.weight),
            aggregation: keep(body.aggregation, ind.aggregation),
            isSample: ind.isSample,
          },
          planId,
          unitId,
        );
        const milestones = (body.milestones ?? ind.milestones).slice().sort((a, b) => a.date.localeCompare(b.date));
        const oldDef = definitionOf(ind, ind.milestones);
        const newDef = definitionOf(values, milestones);
        const definitionChanged = !sameDefinition(oldDef, newDef);
        if (definitionChanged) {
          rejectDefinition(newDef);
          if (!body.revisionReason || !body.legalRef) {
            throw new AppError('VALIDATION_FAILED', 'Changing a target, baseline, deadline, milestone, measure or direction needs the reason and the legal reference of the decision (revisionReason, legalRef).', {
              errors: [
                ...(body.revisionReason ? [] : [{ field: '/body/revisionReason', message: 'is required when the target definition changes' }]),
                ...(body.legalRef ? [] : [{ field: '/body/legalRef', message: 'is required when the target definition changes' }]),
              ],
            });
          }
        }
        const now = nowIso();
        const ok = await repos.indicators.update(ind.id, body.version, values, now);
        if (!ok) throw versionConflict(`Indicator "${code}"`, ind.version + 1, body.version);
        if (contributors) await repos.indicators.setContributors(ind.id, contributors.map((c) => c.id));
        if (definitionChanged) {
          await repos.indicators.setMilestones(ind.id, milestones);
          await repos.indicators.addRevision(ind.id, { effectiveAt: now, ...newDef, reason: cleanText(body.revisionReason!), legalRef: cleanText(body.legalRef!), actorId: ctx.actor.id });
        }
        await repos.status.invalidate([ind.id]);
        const after = toIndicatorDto((await repos.indicators.findById(ind.id))!);
        await audit(ctx, { action: definitionChanged ? 'indicator.revise' : 'indicator.update', entity: 'indicator', entityId: code, unitId, before, after });
        return after;
      });
    },
  };
}

export type IndicatorsService = ReturnType<typeof createIndicatorsService>;
