import type { CorrectionBody, CreateObservationBody, Observation, ObservationHistory, ObservationList, ObservationListQuery, ReturnBody, TransitionBody, UpdateObservationBody } from '@tiendo/shared/schemas/observations';
import { periodEnd } from '@tiendo/shared/periods';
import { cleanText } from '@tiendo/shared/text';
import type { Deps } from '../../deps';
import { inScope, nowIso, type RequestContext } from '../../lib/context';
import { requireRealDates } from '../../lib/dates';
import { AppError, notFound, outOfScope, versionConflict } from '../../lib/errors';
import { paging } from '../../lib/paging';
import type { IndicatorDetail } from '../indicators/repository';
import { createStatusService } from '../status/service';
import type { NewObservation, ObservationRecord } from './repository';

const actor = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

export function toObservationDto(o: ObservationRecord): Observation {
  return {
    id: o.id,
    seriesId: o.seriesId ?? o.id,
    versionNo: o.versionNo,
    indicatorCode: o.indicatorCode,
    unitCode: o.unitCode,
    period: o.period,
    periodEnd: o.periodEnd,
    value: o.value,
    numerator: o.numerator,
    denominator: o.denominator,
    qualifier: o.qualifier as Observation['qualifier'],
    valueTo: o.valueTo,
    comment: o.comment,
    source: o.source,
    quote: o.quote,
    state: o.state as Observation['state'],
    origin: o.origin as Observation['origin'],
    importId: o.importId,
    createdBy: actor(o.createdBy, o.createdByName),
    createdAt: o.createdAt,
    submittedBy: actor(o.submittedBy, o.submittedByName),
    submittedAt: o.submittedAt,
    reviewedBy: actor(o.reviewedBy, o.reviewedByName),
    reviewedAt: o.reviewedAt,
    acceptedAt: o.acceptedAt,
    returnReason: o.returnReason,
    supersededAt: o.supersededAt,
    version: o.version,
    updatedAt: o.updatedAt,
  };
}

interface ValueInput {
  value?: number | null;
  numerator?: number | null;
  denominator?: number | null;
  qualifier?: string | null;
  valueTo?: number | null;
}

/** Checks a reported value against its indicator's measure; returns field errors. */
export function valueProblems(measure: string, v: ValueInput): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const hasRatio = v.numerator != null || v.denominator != null;
  if (hasRatio && (v.numerator == null || v.denominator == null)) errors.push({ field: '/body/denominator', message: 'give both numerator and denominator, or neither' });
  if (v.numerator != null && v.denominator != null && v.numerator > v.denominator) errors.push({ field: '/body/numerator', message: 'must not exceed the denominator' });
  if (v.value != null) {
    if (measure === 'boolean' && !(v.value === 0 || v.value === 1 || (v.value >= 0 && v.value <= 100))) errors.push({ field: '/body/value', message: 'a milestone is 0 or 1 (not done/done) or percent complete 0–100' });
    if (measure === 'percent' && (v.value < 0 || v.value > 100)) errors.push({ field: '/body/value', message: 'a percentage must be between 0 and 100' });
    if (measure === 'count' && v.value < 0) errors.push({ field: '/body/value', message: 'a count cannot be negative' });
  }
  if (v.qualifier === 'range' && (v.valueTo == null || v.value == null || v.valueTo <= v.value)) errors.push({ field: '/body/valueTo', message: 'a range needs valueTo greater than value' });
  if (v.qualifier !== 'range' && v.valueTo != null) errors.push({ field: '/body/valueTo', message: 'valueTo is only for qualifier "range"' });
  return errors;
}

/** The value fields after an edit: what the body sends replaces, what it leaves out stays. */
function mergeValue(body: ValueInput, o: ObservationRecord) {
  const pick = <K extends keyof ValueInput>(k: K) => (body[k] !== undefined ? body[k] : o[k]);
  return { value: pick('value'), numerator: pick('numerator'), denominator: pick('denominator'), qualifier: pick('qualifier'), valueTo: pick('valueTo') } as {
    value: number | null;
    numerator: number | null;
    denominator: number | null;
    qualifier: string | null;
    valueTo: number | null;
  };
}

function reject(errors: { field: string; message: string }[]): void {
  if (errors.length) throw new AppError('VALIDATION_FAILED', `The value is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
}

/** Who may read a report: anyone whose subtree holds its unit or its indicator's responsible unit. */
export const observationVisible = (ctx: RequestContext, o: Pick<ObservationRecord, 'unitPath' | 'indicatorUnitPath'>): boolean =>
  inScope(ctx.actor, o.unitPath) || inScope(ctx.actor, o.indicatorUnitPath);

/** Staff report for indicators of their units, or for units in their subtree (commune roll-outs). */
export function mayReport(ctx: RequestContext, indicator: Pick<IndicatorDetail, 'unitPath' | 'contributingUnitPaths'>, unitPath: string): boolean {
  const ownsIndicator = inScope(ctx.actor, indicator.unitPath) || indicator.contributingUnitPaths.some((p) => inScope(ctx.actor, p));
  return ownsIndicator || inScope(ctx.actor, unitPath);
}

const OPEN_STATES = ['draft', 'submitted', 'returned'];

/** What a new report's checks found: the indicator and the unit it is for. */
export interface CheckedReport {
  indicator: { id: number; code: string; unitPath: string };
  unit: { id: number; code: string; path: string };
}

export function createObservationsService(deps: Deps) {
  const { repos, transact, audit } = deps;
  const visible = observationVisible;
  const status = createStatusService(deps);

  /** Runs one workflow step on the version the caller read, inside a transaction, with its audit event. */
  async function step(
    ctx: RequestContext,
    id: number,
    version: number,
    action: string,
    check: (o: ObservationRecord, indicator: IndicatorDetail) => void,
    apply: (o: ObservationRecord, now: string) => Promise<void>,
  ): Promise<Observation> {
    return transact(async () => {
      const o = await requireVisible(ctx, id);
      const indicator = (await repos.indicators.findById(o.indicatorId))!;
      check(o, indicator);
      if (o.version !== version) throw versionConflict(`Observation ${id}`, o.version, version);
      const before = toObservationDto(o);
      await apply(o, nowIso());
      const after = toObservationDto((await repos.observations.findById(id))!);
      await audit(ctx, { action, entity: 'observation', entityId: id, unitId: o.unitId, before, after });
      return after;
    });
  }

  const requireState = (o: ObservationRecord, allowed: string[], what: string) => {
    if (!allowed.includes(o.state)) {
      throw new AppError('INVALID_STATE', `Observation ${o.id} is ${o.state}; only a ${allowed.join(' or ')} report can be ${what}.`, { currentVersion: o.version });
    }
  };

  /** Leaders review reports of units in their subtree; nobody reviews their own report. */
  const requireReviewer = (ctx: RequestContext, o: ObservationRecord) => {
    if (o.submittedBy !== null && o.submittedBy === ctx.actor.id) throw new AppError('FORBIDDEN', 'You cannot review a report you submitted yourself.');
  };

  async function requireVisible(ctx: RequestContext, id: number): Promise<ObservationRecord> {
    const o = await repos.observations.findById(id);
    if (!o || !visible(ctx, o)) throw notFound('Observation', id);
    return o;
  }

  const service = {
    async list(ctx: RequestContext, query: ObservationListQuery): Promise<ObservationList> {
      const { page, pageSize, offset, limit } = paging(query);
      const under = query.under ? await repos.units.findByCode(query.under) : null;
      if (query.under && !under) throw notFound('Unit', query.under);
      const indicator = query.indicator ? await repos.indicators.findByCode(query.indicator) : null;
      if (query.indicator && !indicator) throw notFound('Indicator', query.indicator);
      const plan = query.plan ? await repos.plans.findByCode(query.plan) : null;
      if (query.plan && !plan) throw notFound('Plan', query.plan);
      const { rows, total } = await repos.observations.list({
        visibleTo: ctx.actor.unitPath,
        under: under?.path,
        indicatorId: indicator?.id,
        planId: plan?.id,
        field: query.field,
        period: query.period,
        state: query.state,
        includeSuperseded: query.includeSuperseded ?? false,
        offset,
        limit,
      });
      return { items: rows.map(toObservationDto), total, page, pageSize };
    },

    async get(ctx: RequestContext, id: number): Promise<Observation> {
      return toObservationDto(await requireVisible(ctx, id));
    },

    async history(ctx: RequestContext, id: number): Promise<ObservationHistory> {
      const o = await requireVisible(ctx, id);
      return { items: (await repos.observations.seriesVersions(o.seriesId ?? o.id)).map(toObservationDto) };
    },

    async submit(ctx: RequestContext, id: number, body: TransitionBody): Promise<Observation> {
      return step(ctx, id, body.version, 'observation.submit', (o, indicator) => {
        if (!mayReport(ctx, indicator, o.unitPath)) throw outOfScope(`Observation ${id}`);
        requireState(o, ['draft', 'returned'], 'submitted');
        if (o.value === null && (o.numerator === null || o.denominator === null)) {
          throw new AppError('VALIDATION_FAILED', 'Enter a value (or numerator and denominator) before submitting.', { errors: [{ field: '/body/value', message: 'is required to submit' }] });
        }
      }, async (o, now) => {
        await repos.observations.update(o.id, o.version, { state: 'submitted', submittedBy: ctx.actor.id, submittedAt: now }, now);
      });
    },

    async accept(ctx: RequestContext, id: number, body: TransitionBody): Promise<Observation> {
      return step(ctx, id, body.version, 'observation.accept', (o) => {
        requireState(o, ['submitted'], 'accepted');
        requireReviewer(ctx, o);
      }, async (o, now) => {
        // A correction replaces the accepted version from this moment; the old one keeps counting before it.
        for (const v of await repos.observations.versionsFor(o.indicatorId, o.unitId, o.period)) {
          if (v.id !== o.id && v.state === 'accepted' && v.supersededAt === null) await repos.observations.update(v.id, null, { supersededAt: now }, now);
        }
        await repos.observations.update(o.id, o.version, { state: 'accepted', reviewedBy: ctx.actor.id, reviewedAt: now, acceptedAt: now, returnReason: null }, now);
        await status.refresh([o.indicatorId]);
      });
    },

    async returnToAuthor(ctx: RequestContext, id: number, body: ReturnBody): Promise<Observation> {
      return step(ctx, id, body.version, 'observation.return', (o) => {
        requireState(o, ['submitted'], 'returned');
        requireReviewer(ctx, o);
      }, async (o, now) => {
        await repos.observations.update(o.id, o.version, { state: 'returned', reviewedBy: ctx.actor.id, reviewedAt: now, returnReason: cleanText(body.reason) }, now);
      });
    },

    /** Starts a correction of an accepted value: a new draft version in the same series. */
    async correct(ctx: RequestContext, id: number, body: CorrectionBody): Promise<Observation> {
      return transact(async () => {
        const o = await requireVisible(ctx, id);
        const indicator = (await repos.indicators.findById(o.indicatorId))!;
        if (!mayReport(ctx, indicator, o.unitPath)) throw outOfScope(`Observation ${id}`);
        if (o.state !== 'accepted' || o.supersededAt !== null) {
          throw new AppError('INVALID_STATE', `Only the current accepted version can be corrected; observation ${id} is ${o.supersededAt ? 'superseded' : o.state}.`);
        }
        const versions = await repos.observations.versionsFor(o.indicatorId, o.unitId, o.period);
        const open = versions.find((v) => OPEN_STATES.includes(v.state));
        if (open) throw new AppError('CONFLICT', `A correction of this value is already open (observation ${open.id}, ${open.state}); continue that one.`, { existingId: open.id, existingState: open.state });
        const merged = mergeValue(body, o);
        reject(valueProblems(indicator.measure, merged));
        const now = nowIso();
        const newId = await repos.observations.insert({
          seriesId: o.seriesId ?? o.id,
          versionNo: Math.max(...versions.map((v) => v.versionNo)) + 1,
          indicatorId: o.indicatorId,
          unitId: o.unitId,
          period: o.period,
          periodEnd: o.periodEnd,
          ...merged,
          comment: body.comment !== undefined ? (body.comment ? cleanText(body.comment) : null) : null,
          source: body.source !== undefined ? (body.source ? cleanText(body.source) : null) : o.source,
          quote: null,
          state: 'draft',
          origin: 'entry',
          importId: null,
          createdBy: ctx.actor.id,
          acceptedAt: null,
          reviewedAt: null,
          now,
        });
        const dto = toObservationDto((await repos.observations.findById(newId))!);
        await audit(ctx, { action: 'observation.correct', entity: 'observation', entityId: newId, unitId: o.unitId, before: toObservationDto(o), after: dto });
        return dto;
      });
    },

    async create(ctx: RequestContext, body: CreateObservationBody): Promise<Observation> {
      return service.createChecked(ctx, body, await service.checkCreate(ctx, body));
    },

    /**
     * A new report's checks, before its unit of work: the period is a real one, the indicator and
     * the unit exist, the caller may report on them, the value fits the measure. Returns what the
     * unit of work needs (`createChecked`); the writer thread runs that part (db/writer-thread.ts).
     */
    async checkCreate(ctx: RequestContext, body: CreateObservationBody): Promise<CheckedReport> {
      requireRealDates([], [{ field: '/body/period', value: body.period }]);
      const indicator = await repos.indicators.findForReport(body.indicatorCode);
      if (!indicator) throw notFound('Indicator', body.indicatorCode);
      const unit = await repos.units.findPlace(body.unitCode);
      if (!unit) throw notFound('Unit', body.unitCode);
      if (!mayReport(ctx, indicator, unit.path)) throw outOfScope(`Reporting on "${body.indicatorCode}" for "${body.unitCode}"`);
      reject(valueProblems(indicator.measure, body));
      return { indicator: { id: indicator.id, code: indicator.code, unitPath: indicator.unitPath }, unit: { id: unit.id, code: unit.code, path: unit.path } };
    },

    /** A new draft report in its unit of work with its audit event, after `checkCreate`. */
    async createChecked(ctx: RequestContext, body: CreateObservationBody, { indicator, unit }: CheckedReport): Promise<Observation> {
      return transact(async () => {
        const versions = await repos.observations.statesFor(indicator.id, unit.id, body.period);
        const open = versions.find((v) => OPEN_STATES.includes(v.state));
        if (open) throw new AppError('CONFLICT', `A report for ${body.indicatorCode}, ${body.unitCode}, ${body.period} already exists (observation ${open.id}, ${open.state}); edit that one.`, { existingId: open.id, existingState: open.state });
        const current = versions.find((v) => v.state === 'accepted' && v.supersededAt === null);
        if (current) throw new AppError('CONFLICT', `An accepted value for ${body.indicatorCode}, ${body.unitCode}, ${body.period} exists (observation ${current.id}); to change it, create a correction of it.`, { existingId: current.id, existingState: 'accepted' });
        const now = nowIso();
        const values: NewObservation = {
          seriesId: null,
          versionNo: 1,
          indicatorId: indicator.id,
          unitId: unit.id,
          period: body.period,
          periodEnd: periodEnd(body.period),
          value: body.value ?? null,
          numerator: body.numerator ?? null,
          denominator: body.denominator ?? null,
          qualifier: body.qualifier ?? null,
          valueTo: body.valueTo ?? null,
          comment: body.comment ? cleanText(body.comment) : null,
          source: body.source ? cleanText(body.source) : null,
          quote: null,
          state: 'draft',
          origin: 'entry',
          importId: null,
          createdBy: ctx.actor.id,
          acceptedAt: null,
          reviewedAt: null,
          now,
        };
        const id = await repos.observations.insert(values);
        // The answer is built from what was written (a new draft has no reviewer, submitter or later version).
        const dto = toObservationDto({
          ...values,
          id,
          seriesId: id,
          indicatorCode: indicator.code,
          indicatorUnitPath: indicator.unitPath,
          unitCode: unit.code,
          unitPath: unit.path,
          createdByName: ctx.actor.name,
          createdAt: now,
          submittedBy: null,
          submittedByName: null,
          submittedAt: null,
          reviewedBy: null,
          reviewedByName: null,
          returnReason: null,
          supersededAt: null,
          version: 1,
          updatedAt: now,
        });
        await audit(ctx, { action: 'observation.create', entity: 'observation', entityId: id, unitId: unit.id, after: dto });
        return dto;
      });
    },

    async update(ctx: RequestContext, id: number, body: UpdateObservationBody): Promise<Observation> {
      return transact(async () => {
        const o = await requireVisible(ctx, id);
        const indicator = (await repos.indicators.findById(o.indicatorId))!;
        if (!mayReport(ctx, indicator, o.unitPath)) throw outOfScope(`Observation ${id}`);
        if (o.version !== body.version) throw versionConflict(`Observation ${id}`, o.version, body.version);
        if (o.state !== 'draft' && o.state !== 'returned') {
          throw new AppError('INVALID_STATE', `Observation ${id} is ${o.state}; only a draft or a returned report can be edited. To correct an accepted value, create a correction.`);
        }
        const merged = mergeValue(body, o);
        reject(valueProblems(indicator.measure, merged));
        const before = toObservationDto(o);
        const ok = await repos.observations.update(
          id,
          body.version,
          {
            ...merged,
            comment: body.comment !== undefined ? (body.comment ? cleanText(body.comment) : null) : o.comment,
            source: body.source !== undefined ? (body.source ? cleanText(body.source) : null) : o.source,
          },
          nowIso(),
        );
        if (!ok) throw versionConflict(`Observation ${id}`, o.version + 1, body.version);
        const after = toObservationDto((await repos.observations.findById(id))!);
        await audit(ctx, { action: 'observation.update', entity: 'observation', entityId: id, unitId: o.unitId, before, after });
        return after;
      });
    },
  };
  return service;
}
