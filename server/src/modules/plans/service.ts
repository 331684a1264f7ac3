import type { CreatePlanBody, Plan, PlanList, PlanListQuery, UpdatePlanBody } from '@tiendo/shared/schemas/plans';
import { periodEnd, periodStart } from '@tiendo/shared/periods';
import { DEFAULT_THRESHOLDS } from '@tiendo/shared/status';
import { cleanText, foldForSearch, vietnameseSortKey } from '@tiendo/shared/text';
import type { Deps } from '../../deps';
import { inScope, nowIso, type RequestContext } from '../../lib/context';
import { requireRealDates } from '../../lib/dates';
import { AppError, notFound, outOfScope, versionConflict } from '../../lib/errors';
import { paging } from '../../lib/paging';
import type { UnitRecord } from '../units/repository';
import type { PlanRecord, PlanValues } from './repository';


export function toPlanDto(p: PlanRecord): Plan {
  return {
    code: p.code,
    provinceCode: p.provinceCode,
    titleVi: p.titleVi,
    titleEn: p.titleEn,
    kind: p.kind as Plan['kind'],
    documentRef: p.documentRef,
    issuedOn: p.issuedOn,
    issuingBody: p.issuingBody,
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    startDate: p.startDate,
    endDate: p.endDate,
    ownerUnitCode: p.ownerUnitCode,
    thresholds: { onTrack: p.onTrackThreshold ?? DEFAULT_THRESHOLDS.onTrack, atRisk: p.atRiskThreshold ?? DEFAULT_THRESHOLDS.atRisk },
    graceDays: p.graceDays,
    source: p.source,
    isSample: p.isSample,
    indicatorCount: p.indicatorCount,
    version: p.version,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

const opt = (v: string | null | undefined): string | null => (v ? cleanText(v) : null);

export interface PlanInput {
  code: string;
  titleVi: string;
  titleEn?: string | null;
  kind: string;
  documentRef?: string | null;
  issuedOn?: string | null;
  issuingBody?: string | null;
  periodStart?: string | null;
  periodEnd?: string | null;
  onTrackThreshold?: number | null;
  atRiskThreshold?: number | null;
  graceDays?: number;
  source?: string | null;
  isSample?: boolean;
}

/** Normalised stored values of a plan (NFC text, period dates, search and sort keys); shared with import. */
export function planValues(input: PlanInput, provinceUnitId: number | null, ownerUnitId: number | null): PlanValues {
  const titleVi = cleanText(input.titleVi);
  const titleEn = opt(input.titleEn);
  const documentRef = opt(input.documentRef);
  return {
    code: input.code,
    provinceUnitId,
    titleVi,
    titleEn,
    kind: input.kind,
    documentRef,
    issuedOn: input.issuedOn ?? null,
    issuingBody: opt(input.issuingBody),
    periodStart: input.periodStart ?? null,
    periodEnd: input.periodEnd ?? null,
    startDate: input.periodStart ? periodStart(input.periodStart) : null,
    endDate: input.periodEnd ? periodEnd(input.periodEnd) : null,
    ownerUnitId,
    onTrackThreshold: input.onTrackThreshold ?? null,
    atRiskThreshold: input.atRiskThreshold ?? null,
    graceDays: input.graceDays ?? 15,
    source: opt(input.source),
    isSample: input.isSample ?? false,
    searchText: foldForSearch(`${input.code} ${documentRef ?? ''} ${titleVi} ${titleEn ?? ''}`),
    sortKey: vietnameseSortKey(titleVi),
  };
}

/** Checked before planValues computes the period's dates. */
const requirePlanDates = (body: Pick<PlanInput, 'issuedOn' | 'periodStart' | 'periodEnd'>) =>
  requireRealDates([{ field: '/body/issuedOn', value: body.issuedOn }], [
    { field: '/body/periodStart', value: body.periodStart },
    { field: '/body/periodEnd', value: body.periodEnd },
  ]);

function checkPlan(v: PlanValues): void {
  const errors: { field: string; message: string }[] = [];
  if (v.startDate && v.endDate && v.startDate > v.endDate) errors.push({ field: '/body/periodEnd', message: 'must not be before periodStart' });
  const onTrack = v.onTrackThreshold ?? DEFAULT_THRESHOLDS.onTrack;
  const atRisk = v.atRiskThreshold ?? DEFAULT_THRESHOLDS.atRisk;
  if (atRisk >= onTrack) errors.push({ field: '/body/atRiskThreshold', message: `must be below the on-track threshold (${onTrack})` });
  if (errors.length) throw new AppError('VALIDATION_FAILED', `The plan is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
}

export function createPlansService(deps: Deps) {
  const { repos, transact, audit } = deps;

  /** A plan is visible when it is anchored in, or above, the actor's unit, or has an indicator in their subtree. */
  async function canSee(ctx: RequestContext, p: PlanRecord): Promise<boolean> {
    const anchor = p.ownerPath ?? p.provincePath;
    if (anchor === null || inScope(ctx.actor, anchor) || ctx.actor.unitPath.startsWith(anchor)) return true;
    return repos.plans.hasIndicatorUnder(p.id, ctx.actor.unitPath);
  }

  async function requireVisible(ctx: RequestContext, code: string): Promise<PlanRecord> {
    const plan = await repos.plans.findByCode(code);
    if (!plan || !(await canSee(ctx, plan))) throw notFound('Plan', code);
    return plan;
  }

  async function unitFor(code: string | null | undefined, field: string, ctx: RequestContext): Promise<UnitRecord | null> {
    if (!code) return null;
    const unit = await repos.units.findByCode(code);
    if (!unit) throw new AppError('VALIDATION_FAILED', `${field} "${code}" is not a known unit.`, { errors: [{ field: `/body/${field}`, message: 'is not a known unit' }] });
    if (field === 'ownerUnitCode' && !inScope(ctx.actor, unit.path)) throw outOfScope(`Unit "${code}"`);
    return unit;
  }

  return {
    requireVisible,

    async list(ctx: RequestContext, query: PlanListQuery): Promise<PlanList> {
      const { page, pageSize, offset, limit } = paging(query);
      const under = query.under ? await repos.units.findByCode(query.under) : null;
      if (query.under && !under) throw notFound('Unit', query.under);
      const { rows, total } = await repos.plans.list({
        visibleTo: ctx.actor.unitPath,
        under: under?.path,
        search: query.q ? foldForSearch(query.q) : undefined,
        kind: query.kind,
        sort: query.sort ?? 'code',
        offset,
        limit,
      });
      return { items: rows.map(toPlanDto), total, page, pageSize };
    },

    async get(ctx: RequestContext, code: string): Promise<Plan> {
      return toPlanDto(await requireVisible(ctx, code));
    },

    async create(ctx: RequestContext, body: CreatePlanBody): Promise<Plan> {
      requirePlanDates(body);
      const owner = await unitFor(body.ownerUnitCode, 'ownerUnitCode', ctx);
      const province = await unitFor(body.provinceCode, 'provinceCode', ctx);
      if (!owner && ctx.actor.unitPath.split('/').length > 3) {
        throw new AppError('VALIDATION_FAILED', 'Give ownerUnitCode: a unit in your scope that owns the plan.', { errors: [{ field: '/body/ownerUnitCode', message: 'is required' }] });
      }
      const values = planValues(body, province?.id ?? null, owner?.id ?? null);
      checkPlan(values);
      return transact(async () => {
        if (await repos.plans.findByCode(body.code)) throw new AppError('DUPLICATE_CODE', `A plan with code "${body.code}" already exists.`);
        const id = await repos.plans.insert(values, nowIso());
        const dto = toPlanDto((await repos.plans.findById(id))!);
        await audit(ctx, { action: 'plan.create', entity: 'plan', entityId: body.code, unitId: owner?.id ?? province?.id ?? null, after: dto });
        return dto;
      });
    },

    async update(ctx: RequestContext, code: string, body: UpdatePlanBody): Promise<Plan> {
      requirePlanDates(body);
      return transact(async () => {
        const plan = await requireVisible(ctx, code);
        const anchor = plan.ownerPath ?? plan.provincePath;
        if (!inScope(ctx.actor, anchor ?? (ctx.actor.unitPath.split('/').length <= 3 ? ctx.actor.unitPath : null))) throw outOfScope(`Plan "${code}"`);
        if (plan.version !== body.version) throw versionConflict(`Plan "${code}"`, plan.version, body.version);
        const owner = body.ownerUnitCode !== undefined ? await unitFor(body.ownerUnitCode, 'ownerUnitCode', ctx) : null;
        const province = body.provinceCode !== undefined ? await unitFor(body.provinceCode, 'provinceCode', ctx) : null;
        const before = toPlanDto(plan);
        const pick = <K extends keyof UpdatePlanBody>(k: K, current: unknown) => (body[k] !== undefined ? body[k] : current);
        const values = planValues(
          {
            code,
            titleVi: pick('titleVi', plan.titleVi) as string,
            titleEn: pick('titleEn', plan.titleEn) as string | null,
            kind: pick('kind', plan.kind) as string,
            documentRef: pick('documentRef', plan.documentRef) as string | null,
            issuedOn: pick('issuedOn', plan.issuedOn) as string | null,
            issuingBody: pick('issuingBody', plan.issuingBody) as string | null,
            periodStart: pick('periodStart', plan.periodStart) as string | null,
            periodEnd: pick('periodEnd', plan.periodEnd) as string | null,
            onTrackThreshold: pick('onTrackThreshold', plan.onTrackThreshold) as number | null,
            atRiskThreshold: pick('atRiskThreshold', plan.atRiskThreshold) as number | null,
            graceDays: pick('graceDays', plan.graceDays) as number,
            source: pick('source', plan.source) as string | null,
            isSample: plan.isSample,
          },
          body.provinceCode !== undefined ? (province?.id ?? null) : plan.provinceUnitId,
          body.ownerUnitCode !== undefined ? (owner?.id ?? null) : plan.ownerUnitId,
        );
        checkPlan(values);
        const ok = await repos.plans.update(plan.id, body.version, values, nowIso());
        if (!ok) throw versionConflict(`Plan "${code}"`, plan.version + 1, body.version);
        // Thresholds and the plan's start date feed every status of its indicators.
        await repos.status.invalidatePlan(plan.id);
        const after = toPlanDto((await repos.plans.findById(plan.id))!);
        await audit(ctx, { action: 'plan.update', entity: 'plan', entityId: code, unitId: values.ownerUnitId ?? values.provinceUnitId, before, after });
        return after;
      });
    },
  };
}
