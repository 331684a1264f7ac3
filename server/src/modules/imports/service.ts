import type { ImportResult } from '@tiendo/shared/schemas/imports';
import { periodEnd, periodStart } from '@tiendo/shared/periods';
import { cleanText } from '@tiendo/shared/text';
import type { Deps } from '../../deps';
import { inScope, nowIso, type RequestContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { createIndicatorsService, indicatorValues, toIndicatorDto } from '../indicators/service';
import type { IndicatorValues } from '../indicators/repository';
import { toObservationDto } from '../observations/service';
import { planValues, toPlanDto } from '../plans/service';
import type { PlanRecord, PlanValues } from '../plans/repository';
import { unitSearchText } from '../units/service';
import type { UnitRecord } from '../units/repository';
import { vietnameseSortKey } from '@tiendo/shared/text';
import { parseImport } from './parse';
import type { ExistingCodes, ImportFiles, ImportProblem, ParsedImport, UnitRow } from './types';
import { IMPORT_TABLES, locateProblems, readWorkbooks, type ImportTable, type ReportedProblem, type SheetSource, type WorkbookInput } from './xlsx';

type Counts = { created: number; updated: number; unchanged: number };
const zero = (): Counts => ({ created: 0, updated: 0, unchanged: 0 });

class DryRunRollback extends Error {}

/**
 * The most problems one rejection lists. A large file of bad lines has a problem on every line;
 * listing them all made the answer tens of times the size of the upload (and took seconds to send).
 */
export const MAX_LISTED_PROBLEMS = 1000;

export class ImportRejectedError extends AppError {
  readonly problems: ReportedProblem[];
  /** How many problems were found; only the first MAX_LISTED_PROBLEMS are in `problems`. */
  readonly total: number;
  constructor(problems: ReportedProblem[], total = problems.length) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    const which = total > listed.length ? ` (the first ${listed.length} are listed)` : '';
    super('IMPORT_INVALID', `The import was rejected and nothing was written: ${total} problem(s)${which}. Fix every listed file, line and column, then import again.`, { problems: listed, total });
    this.problems = listed;
    this.total = total;
  }
}

const FILE_NAMES: Record<keyof ImportFiles, string> = { units: 'units.csv', plans: 'plans.csv', indicators: 'indicators.csv', observations: 'observations.csv' };

/** Parents before children, so each unit's parent exists when it is written. */
function parentsFirst(rows: UnitRow[]): UnitRow[] {
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const out: UnitRow[] = [];
  const seen = new Set<string>();
  const visit = (r: UnitRow) => {
    if (seen.has(r.code)) return;
    seen.add(r.code);
    const parent = r.parentCode ? byCode.get(r.parentCode) : undefined;
    if (parent) visit(parent);
    out.push(r);
  };
  rows.forEach(visit);
  return out;
}

/** True when a field the current record carries would change (derived keys like searchText are not compared). */
const differs = (current: object, next: object): boolean =>
  Object.entries(next).some(([k, v]) => k in current && JSON.stringify((current as Record<string, unknown>)[k] ?? null) !== JSON.stringify(v ?? null));

/** True for an administrator below the top of the tree, whose imports are held to their subtree. */
const belowTop = (ctx: RequestContext): boolean => ctx.actor.role !== 'system' && ctx.actor.unitPath.split('/').length > 3;

/**
 * Whether an actor may link a target to a plan, as `planIdFor` in indicators/service.ts: the
 * plan's anchor (owning unit, else province) lies in their subtree or above it, or it has none.
 */
const linkable = (ctx: RequestContext, plan: PlanRecord): boolean => {
  const anchor = plan.ownerPath ?? plan.provincePath;
  return anchor === null || inScope(ctx.actor, anchor) || ctx.actor.unitPath.startsWith(anchor);
};

/** A measure the parser does not know, so it checks no value against it. */
const UNTOLD_MEASURE = { measure: '', direction: '' };
const VISIBLE_PAGE = 500;

/**
 * Imports the seed-data format: validates everything first and reports every problem; then
 * writes all or nothing in one transaction. Idempotent by code: what is already there unchanged
 * is left alone (no write, no audit event). Imported observations are accepted historical values
 * attributed to the import.
 */
export function createImportService(deps: Deps) {
  const { repos, transact, audit } = deps;
  const indicatorRules = createIndicatorsService(deps);

  /**
   * An administrator below the top of the tree imports only inside their subtree: every unit a
   * row names, and every existing record a row would change (a unit moved or renamed, a plan or
   * indicator taken over by a unit in scope), must lie in it; and they create no unit without a
   * parent, nor a plan without an owning unit, as they cannot through the API either. A target
   * is linked only to a plan within their reach, and values are recorded only against targets
   * they may report on: the same rules as for targets and reports made through the API.
   */
  async function scopeProblems(ctx: RequestContext, data: ParsedImport, unitPaths: Map<string, string | null>): Promise<ImportProblem[]> {
    if (!belowTop(ctx)) return [];
    const problems: ImportProblem[] = [];
    const outside = (file: ImportProblem['file'], line: number, column: string, message: string) => problems.push({ file, line, column, code: 'OUT_OF_SCOPE', message });
    const check = (file: ImportProblem['file'], line: number, column: string, code: string | null) => {
      if (!code) return;
      const p = unitPaths.get(code);
      if (p !== undefined && p !== null && !inScope(ctx.actor, p)) outside(file, line, column, `Unit "${code}" is outside the unit subtree you may manage.`);
    };
    for (const u of data.units) {
      check('units.csv', u.line, 'code', u.code);
      if (u.parentCode) check('units.csv', u.line, 'parent_code', u.parentCode);
      else if (!unitPaths.has(u.code)) outside('units.csv', u.line, 'parent_code', `Unit "${u.code}" has no parent: only a nation-level administrator may create a unit at the top of the tree.`);
    }
    for (const p of data.plans) {
      if (p.ownerUnitCode) check('plans.csv', p.line, 'owner_unit_code', p.ownerUnitCode);
      else outside('plans.csv', p.line, 'owner_unit_code', `Plan "${p.code}" has no owning unit: give a unit in your subtree as owner_unit_code.`);
      const current = await repos.plans.findByCode(p.code);
      const anchor = current ? (current.ownerPath ?? current.provincePath) : null;
      if (current && (anchor === null || !inScope(ctx.actor, anchor))) outside('plans.csv', p.line, 'code', `Plan "${p.code}" belongs to a unit outside the subtree you may manage.`);
    }
    // A plan of this import is anchored at its owner_unit_code, held to the subtree above.
    const importedPlans = new Set(data.plans.map((p) => p.code));
    for (const i of data.indicators) {
      check('indicators.csv', i.line, 'unit_code', i.unitCode);
      const current = await repos.indicators.findByCode(i.code);
      if (current && !inScope(ctx.actor, current.unitPath)) outside('indicators.csv', i.line, 'code', `Indicator "${i.code}" belongs to unit "${current.unitCode}", outside the subtree you may manage.`);
      if (i.planCode && !importedPlans.has(i.planCode)) {
        const plan = await repos.plans.findByCode(i.planCode);
        // Whom the plan belongs to is not said: the importer may not be able to see it.
        if (plan && plan.id !== current?.planId && !linkable(ctx, plan)) {
          outside('indicators.csv', i.line, 'plan_code', `plan_code "${i.planCode}" is not a plan you can link targets to: give a plan of your unit subtree or of a level above it, or leave plan_code empty.`);
        }
      }
    }
    // An indicator of this import is the responsibility of its unit_code, held to the subtree above.
    const importedIndicators = new Set(data.indicators.map((i) => i.code));
    const reportable = new Map<string, boolean>();
    for (const o of data.observations) {
      check('observations.csv', o.line, 'unit_code', o.unitCode);
      if (importedIndicators.has(o.indicatorCode)) continue;
      let ok = reportable.get(o.indicatorCode);
      if (ok === undefined) {
        const ind = await repos.indicators.findByCode(o.indicatorCode);
        ok = ind !== null && indicatorRules.visible(ctx, ind);
        reportable.set(o.indicatorCode, ok);
      }
      // Worded as for any code the importer cannot see: nothing about the target is told.
      if (!ok) outside('observations.csv', o.line, 'indicator_code', `indicator_code "${o.indicatorCode}" is not a target you can report on (it does not exist or is outside your unit subtree): correct the code, or leave the value to an administrator whose subtree holds the target.`);
    }
    return problems;
  }

  /**
   * The measures the parser checks values against. For an importer below the top of the tree, a
   * target they cannot see keeps its code (a value for it is refused as OUT_OF_SCOPE above) but
   * not its measure, which the parser then leaves unchecked as it does for an unknown code: an
   * OUT_OF_RANGE answer would otherwise tell them how another subtree measures it.
   */
  async function parserMeasures(ctx: RequestContext, files: ImportFiles): Promise<ExistingCodes['indicators']> {
    const all = await repos.indicators.measuresByCode();
    if (files.observations === undefined || !belowTop(ctx)) return all;
    const seen = new Set<string>();
    for (let offset = 0; ; offset += VISIBLE_PAGE) {
      // The list's visibleTo is the rule of `visible`: responsible or contributing unit in the subtree.
      const { rows } = await repos.indicators.list({ visibleTo: ctx.actor.unitPath, sort: 'code', offset, limit: VISIBLE_PAGE });
      for (const r of rows) seen.add(r.code);
      if (rows.length < VISIBLE_PAGE) break;
    }
    return new Map([...all].map(([code, m]) => [code, seen.has(code) ? m : UNTOLD_MEASURE]));
  }

  async function apply(ctx: RequestContext, files: ImportFiles, options: { dryRun?: boolean }, sources: Partial<Record<ImportTable, SheetSource>>): Promise<ImportResult> {
    const existing: ExistingCodes = {
      units: await repos.units.allCodes(),
      plans: await repos.plans.allCodes(),
      indicators: await parserMeasures(ctx, files),
    };
    const { data, problems } = parseImport(files, existing);
    if (problems.length) throw new ImportRejectedError(problems);
    const existingUnits = await repos.units.findByCodes([...existing.units]);
    const unitPaths = new Map<string, string | null>([...existingUnits].map(([c, u]) => [c, u.path]));
    const scope = await scopeProblems(ctx, data, unitPaths);
    if (scope.length) throw new ImportRejectedError(scope);

    const result = { units: zero(), plans: zero(), indicators: zero(), observations: zero() };
    const fileList = (Object.keys(FILE_NAMES) as (keyof ImportFiles)[])
      .filter((k) => files[k] !== undefined)
      .map((k) => {
        const source = sources[k];
        return source ? `${source.workbook} [${source.sheet}]` : FILE_NAMES[k];
      });
    let importId: number | null = null;
    const now = nowIso();
    const ensureImport = async () => {
      importId ??= await repos.imports.insert({ at: now, actorId: ctx.actor.id, actorLabel: ctx.actor.label, files: fileList });
      return importId;
    };

    try {
      await transact(async () => {
        const unitCache = new Map<string, UnitRecord>(existingUnits);
        const unitId = (code: string | null): number | null => (code ? (unitCache.get(code)?.id ?? null) : null);

        for (const row of parentsFirst(data.units)) {
          const current = unitCache.get(row.code);
          const parentId = unitId(row.parentCode);
          const validFrom = row.validFrom ? periodStart(row.validFrom) : null;
          const validTo = row.validTo ? periodEnd(row.validTo) : null;
          if (!current) {
            await ensureImport();
            const id = await repos.units.insert({ code: row.code, nameVi: row.nameVi, nameEn: row.nameEn, type: row.type, parentId, validFrom, validTo, searchText: unitSearchText(row.code, row.nameVi, row.nameEn), sortKey: vietnameseSortKey(row.nameVi), now });
            const created = (await repos.units.findById(id))!;
            unitCache.set(row.code, created);
            await audit(ctx, { action: 'unit.create', entity: 'unit', entityId: row.code, unitId: id, after: { ...row, line: undefined, importId } });
            result.units.created++;
            continue;
          }
          const next = { nameVi: row.nameVi, nameEn: row.nameEn, type: row.type, parentCode: row.parentCode, validFrom: row.validFrom ? validFrom : current.validFrom, validTo: row.validTo ? validTo : current.validTo };
          if (!differs(current, next)) {
            result.units.unchanged++;
            continue;
          }
          await ensureImport();
          if (row.parentCode !== current.parentCode) await repos.units.move(current.id, parentId);
          await repos.units.update(current.id, current.version, { nameVi: next.nameVi, nameEn: next.nameEn, type: next.type, validFrom: next.validFrom, validTo: next.validTo, searchText: unitSearchText(row.code, row.nameVi, row.nameEn), sortKey: vietnameseSortKey(row.nameVi) }, now);
          const updated = (await repos.units.findById(current.id))!;
          unitCache.set(row.code, updated);
          await audit(ctx, { action: 'unit.update', entity: 'unit', entityId: row.code, unitId: current.id, before: current, after: { ...updated, importId } });
          result.units.updated++;
        }
        // Units referenced by later files but not in units.csv.
        const referenced = [...data.plans.flatMap((p) => [p.ownerUnitCode, p.provinceCode]), ...data.indicators.map((i) => i.unitCode), ...data.observations.map((o) => o.unitCode)].filter((c): c is string => !!c && !unitCache.has(c));
        for (const [c, u] of await repos.units.findByCodes([...new Set(referenced)])) unitCache.set(c, u);

        const planEnds = new Map<string, { id: number; periodEnd: string | null }>();
        for (const row of data.plans) {
          const values: PlanValues = planValues({ ...row, source: row.source }, unitId(row.provinceCode), unitId(row.ownerUnitCode));
          const current = await repos.plans.findByCode(row.code);
          if (!current) {
            await ensureImport();
            const id = await repos.plans.insert(values, now);
            planEnds.set(row.code, { id, periodEnd: row.periodEnd });
            await audit(ctx, { action: 'plan.create', entity: 'plan', entityId: row.code, unitId: values.ownerUnitId ?? values.provinceUnitId, after: { ...toPlanDto((await repos.plans.findById(id))!), importId } });
            result.plans.created++;
            continue;
          }
          planEnds.set(row.code, { id: current.id, periodEnd: row.periodEnd });
          const { isSample: _s, onTrackThreshold: _o, atRiskThreshold: _a, graceDays: _g, issuingBody: _i, ...comparable } = values;
          if (!differs(current, comparable)) {
            result.plans.unchanged++;
            continue;
          }
          await ensureImport();
          await repos.plans.update(current.id, current.version, comparable, now);
          await audit(ctx, { action: 'plan.update', entity: 'plan', entityId: row.code, unitId: values.ownerUnitId ?? values.provinceUnitId, before: toPlanDto(current), after: { ...toPlanDto((await repos.plans.findById(current.id))!), importId } });
          result.plans.updated++;
        }

        const planFor = async (code: string | null) => {
          if (!code) return null;
          const known = planEnds.get(code);
          if (known) return known;
          const p = await repos.plans.findByCode(code);
          const found = p ? { id: p.id, periodEnd: p.periodEnd } : null;
          if (found) planEnds.set(code, found);
          return found;
        };

        const indicatorIds = new Map<string, { id: number; measure: string }>();
        for (const row of data.indicators) {
          const plan = await planFor(row.planCode);
          const targetDate = row.targetValue !== null ? (row.targetDate ?? plan?.periodEnd ?? null) : row.targetDate;
          const values: IndicatorValues = indicatorValues({ ...row, targetDate, frequency: row.frequency }, plan?.id ?? null, unitId(row.unitCode)!);
          const current = await repos.indicators.findByCode(row.code);
          const definition = { baselineValue: values.baselineValue, baselineDate: values.baselineDate, targetValue: values.targetValue, targetDate: values.targetDate, milestones: current?.milestones ?? [] };
          if (!current) {
            await ensureImport();
            const id = await repos.indicators.insert(values, now);
            await repos.indicators.addRevision(id, { effectiveAt: now, ...definition, reason: `Imported (import #${importId})`, legalRef: null, actorId: ctx.actor.id });
            indicatorIds.set(row.code, { id, measure: row.measure });
            await audit(ctx, { action: 'indicator.create', entity: 'indicator', entityId: row.code, unitId: values.unitId, after: { ...toIndicatorDto((await repos.indicators.findById(id))!), importId } });
            result.indicators.created++;
            continue;
          }
          indicatorIds.set(row.code, { id: current.id, measure: row.measure });
          // Fields the import format does not carry keep their current values.
          const comparable: Partial<IndicatorValues> = { ...values };
          if (row.frequency === null) delete comparable.frequency;
          if (row.dataSource === null) delete comparable.dataSource;
          if (row.baselineValue === null) {
            delete comparable.baselineValue;
            delete comparable.baselineDate;
          }
          delete comparable.weight;
          delete comparable.aggregation;
          delete comparable.tolerance;
          delete comparable.isSample;
          if (!differs(current, comparable)) {
            result.indicators.unchanged++;
            continue;
          }
          await ensureImport();
          const definitionChanged = ['baselineValue', 'baselineDate', 'targetValue', 'targetDate', 'measure', 'direction'].some((k) => k in comparable && JSON.stringify((current as unknown as Record<string, unknown>)[k] ?? null) !== JSON.stringify((comparable as Record<string, unknown>)[k] ?? null));
          await repos.indicators.update(current.id, current.version, comparable, now);
          if (definitionChanged) {
            const updated = (await repos.indicators.findById(current.id))!;
            await repos.indicators.addRevision(current.id, { effectiveAt: now, baselineValue: updated.baselineValue, baselineDate: updated.baselineDate, targetValue: updated.targetValue, targetDate: updated.targetDate, milestones: updated.milestones, reason: `Imported (import #${importId})`, legalRef: null, actorId: ctx.actor.id });
          }
          await audit(ctx, { action: definitionChanged ? 'indicator.revise' : 'indicator.update', entity: 'indicator', entityId: row.code, unitId: values.unitId, before: toIndicatorDto(current), after: { ...toIndicatorDto((await repos.indicators.findById(current.id))!), importId } });
          result.indicators.updated++;
        }

        for (const row of data.observations) {
          let indicator = indicatorIds.get(row.indicatorCode);
          if (!indicator) {
            const found = (await repos.indicators.findByCode(row.indicatorCode))!;
            indicator = { id: found.id, measure: found.measure };
            indicatorIds.set(row.indicatorCode, indicator);
          }
          const uid = unitId(row.unitCode)!;
          const current = await repos.observations.findCurrent(indicator.id, uid, row.period);
          const values = {
            value: row.value,
            numerator: row.numerator,
            denominator: row.denominator,
            qualifier: row.qualifier,
            valueTo: row.valueTo,
            comment: row.comment ? cleanText(row.comment) : null,
            source: row.source,
            quote: row.quote,
          };
          if (current && current.state === 'accepted' && !differs(current, values)) {
            result.observations.unchanged++;
            continue;
          }
          if (current && current.state !== 'accepted') {
            throw new ImportRejectedError([{ file: 'observations.csv', line: row.line, column: 'as_of', code: 'IN_REVIEW', message: `A report for ${row.indicatorCode}, ${row.unitCode}, ${row.period} is ${current.state} (observation ${current.id}); finish its review before importing a value for that period.` }]);
          }
          const id = await ensureImport();
          const newId = await repos.observations.insert({
            seriesId: current?.seriesId ?? null,
            versionNo: (current?.versionNo ?? 0) + 1,
            indicatorId: indicator.id,
            unitId: uid,
            period: row.period,
            periodEnd: periodEnd(row.period),
            ...values,
            state: 'accepted',
            origin: 'import',
            importId: id,
            createdBy: ctx.actor.id,
            acceptedAt: now,
            reviewedAt: now,
            now,
          });
          if (current) await repos.observations.update(current.id, null, { supersededAt: now }, now);
          await audit(ctx, { action: current ? 'observation.correct' : 'observation.import', entity: 'observation', entityId: newId, unitId: uid, before: current ? toObservationDto(current) : null, after: toObservationDto((await repos.observations.findById(newId))!) });
          result.observations[current ? 'updated' : 'created']++;
        }

        if (importId !== null) {
          await repos.status.invalidate([...indicatorIds.values()].map((i) => i.id));
          await repos.imports.setSummary(importId, result);
          await audit(ctx, { action: 'import.apply', entity: 'import', entityId: importId, after: { files: fileList, ...result } });
        }
        if (options.dryRun) throw new DryRunRollback();
        // An import can change tens of thousands of pages: in a transaction of its own, no
        // savepoint keeps a copy of each of them in memory.
      }, { alone: true });
    } catch (err) {
      if (!(err instanceof DryRunRollback)) throw err;
    }
    return { dryRun: options.dryRun ?? false, importId: options.dryRun ? null : importId, ...result };
  }

  return {
    /**
     * Imports CSV texts and XLSX workbooks (sheets named after the tables; see xlsx.ts). A table
     * may come from either, not both. Problems of sheets name the workbook, sheet, row and column.
     */
    async run(ctx: RequestContext, files: ImportFiles, options: { dryRun?: boolean; workbooks?: readonly WorkbookInput[] } = {}): Promise<ImportResult> {
      let all = files;
      let sources: Partial<Record<ImportTable, SheetSource>> = {};
      if (options.workbooks?.length) {
        const given = new Set(IMPORT_TABLES.filter((t) => files[t] !== undefined));
        const read = await readWorkbooks(options.workbooks, given);
        if (read.problems.length) throw new ImportRejectedError(read.problems);
        all = { ...files, ...read.files };
        sources = read.sources;
      }
      try {
        return await apply(ctx, all, options, sources);
      } catch (err) {
        if (err instanceof ImportRejectedError && Object.keys(sources).length) throw new ImportRejectedError(locateProblems(err.problems as ImportProblem[], sources), err.total);
        throw err;
      }
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
