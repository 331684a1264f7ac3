import { FIELD_NAMES, type Field } from '@tiendo/shared/domain';
import { dateInVietnam, isIsoDate } from '@tiendo/shared/periods';
import { foldForSearch } from '@tiendo/shared/text';
import type { IndicatorStatusList, IndicatorStatusListQuery, IndicatorStatusResponse, RollupGroup, RollupQuery, RollupResponse, StatusQuery } from '@tiendo/shared/schemas/status';
import { DEFAULT_THRESHOLDS, METHOD_ID, rollupAccumulator, roundForDisplay, toApiStatus, type RollupAccumulator, type StatusName } from '@tiendo/shared/status';
import type { Deps } from '../../deps';
import { inScope, type RequestContext } from '../../lib/context';
import { AppError, notFound, outOfScope } from '../../lib/errors';
import { paging } from '../../lib/paging';
import { createIndicatorsService } from '../indicators/service';
import type { UnitRecord } from '../units/repository';
import { METHOD_DOC, statusResponse } from './answer';
import { createStatusService } from './service';

const SEVERITY: Record<StatusName, number> = { missed: 0, off_track: 1, at_risk: 2, no_data: 3, on_track: 4, achieved: 5, no_target: 6 };

const r4 = (x: number | null) => roundForDisplay(x, 4);

/** Codes in the order `localeCompare` gives them, with one collator instead of one per comparison. */
const byCode = new Intl.Collator().compare;

/** Validates asOf/knownAt; knownAt may be a date (end of that day in Vietnam) or a date-time. */
function readWhen(q: StatusQuery): { asOf: string; knownAt: string | undefined } {
  if (q.asOf !== undefined && !isIsoDate(q.asOf)) {
    throw new AppError('VALIDATION_FAILED', `asOf "${q.asOf}" is not a calendar date; write it as YYYY-MM-DD.`, { errors: [{ field: '/querystring/asOf', message: 'must be a real date YYYY-MM-DD' }] });
  }
  let knownAt: string | undefined;
  if (q.knownAt !== undefined) {
    const raw = /^\d{4}-\d{2}-\d{2}$/.test(q.knownAt) ? `${q.knownAt}T23:59:59.999+07:00` : q.knownAt;
    const ms = Date.parse(raw);
    if (!/^\d{4}-\d{2}-\d{2}/.test(q.knownAt) || Number.isNaN(ms)) {
      throw new AppError('VALIDATION_FAILED', `knownAt "${q.knownAt}" is not a date-time; write it as ISO-8601, e.g. 2021-06-30T17:00:00+07:00.`, { errors: [{ field: '/querystring/knownAt', message: 'must be an ISO-8601 date-time' }] });
    }
    knownAt = new Date(ms).toISOString();
  }
  return { asOf: q.asOf ?? dateInVietnam(), knownAt };
}

export function createStatusApi(deps: Deps) {
  const { repos } = deps;
  const status = createStatusService(deps);
  const indicatorsService = createIndicatorsService(deps);

  async function scopeUnit(ctx: RequestContext, code: string | undefined): Promise<UnitRecord> {
    const unit = await repos.units.findByCode(code ?? ctx.actor.unitCode ?? '');
    if (!unit) throw notFound('Unit', code ?? '');
    if (!inScope(ctx.actor, unit.path)) throw outOfScope(`Unit "${unit.code}"`);
    return unit;
  }

  async function planId(code: string | undefined): Promise<number | undefined> {
    if (!code) return undefined;
    const plan = await repos.plans.findByCode(code);
    if (!plan) throw notFound('Plan', code);
    return plan.id;
  }

  function summary(key: string, label: RollupGroup['label'], acc: RollupAccumulator, link: string): RollupGroup {
    const r = acc.result();
    return { key, label, status: r.status, counts: r.counts, total: r.total, withData: r.withData, progress: r4(r.progress), expectedProgress: r4(r.expectedProgress), pace: r4(r.pace), indicatorsUrl: link };
  }

  return {
    /**
     * One target's status in the usual case: a kept status that holds for the date asked, with the
     * current knowledge, of a target in the reader's subtree, as JSON text from the answer kept beside
     * it (one synchronous read, no rendering); null when it must be computed (`computedIndicatorStatus`).
     */
    keptIndicatorStatus(ctx: RequestContext, code: string, q: StatusQuery): string | null {
      return status.keptAnswer(code, ctx.actor, readWhen(q));
    },

    /** The status of a target computed (contributing units, another date or knowledge, nothing kept). */
    async computedIndicatorStatus(ctx: RequestContext, code: string, q: StatusQuery): Promise<IndicatorStatusResponse> {
      const when = readWhen(q);
      const ind = await indicatorsService.requireVisible(ctx, code);
      const result = (await status.statuses([ind.id], when)).get(ind.id)!;
      return statusResponse(code, result);
    },

    async rollup(ctx: RequestContext, q: RollupQuery): Promise<RollupResponse> {
      const unit = await scopeUnit(ctx, q.unit);
      const when = readWhen(q);
      const by = q.by ?? 'plan';
      const params = new URLSearchParams({ under: unit.code, asOf: when.asOf, ...(when.knownAt ? { knownAt: when.knownAt } : {}), ...(q.plan ? { plan: q.plan } : {}), ...(q.field ? { field: q.field } : {}) });
      const link = (extra: Record<string, string>) => `/api/v1/indicator-statuses?${new URLSearchParams({ ...Object.fromEntries(params), ...extra }).toString()}`;

      // The group of a target, from its plan id, field or unit id (whichever `by` groups on).
      interface Group { key: string; label: RollupGroup['label']; acc: RollupAccumulator; filter: Record<string, string> }
      const groups = new Map<string, Group>();
      const group = (key: string, label: () => RollupGroup['label'], filter: Record<string, string>): Group => {
        let g = groups.get(key);
        if (!g) groups.set(key, (g = { key, label: label(), acc: rollupAccumulator(), filter }));
        return g;
      };
      const none = () => group('(none)', () => ({ vi: 'Chỉ tiêu không thuộc kế hoạch', en: 'Targets outside any plan' }), { plan: '' });
      const own = () => group(unit.code, () => ({ vi: unit.nameVi, en: unit.nameEn }), { unitGroup: unit.code });
      let place: (key: number | string | null) => Promise<Group>;
      if (by === 'plan') {
        const plans = await status.planLabels();
        place = async (key) => {
          const p = key === null ? undefined : plans.get(Number(key));
          return p ? group(p.code, () => ({ vi: p.titleVi, en: p.titleEn }), { plan: p.code }) : none();
        };
      } else if (by === 'field') {
        place = async (key) => {
          const field = String(key);
          const names = FIELD_NAMES[field as Field];
          return group(field, () => ({ vi: names?.vi ?? field, en: names?.en ?? field }), { field });
        };
      } else {
        // The sub-unit directly below `unit` that each unit of the subtree lies in (by its materialized path).
        const childOf = new Map<number, number>();
        for (const [id, path] of await status.unitPathsUnder(unit.path)) {
          const child = Number(path.slice(unit.path.length).split('/', 1)[0]);
          if (child) childOf.set(id, child);
        }
        const childUnits = new Map<number, UnitRecord | null>();
        place = async (key) => {
          const id = childOf.get(Number(key));
          if (id !== undefined && !childUnits.has(id)) childUnits.set(id, await repos.units.findById(id));
          const child = id === undefined ? null : childUnits.get(id);
          return child ? group(child.code, () => ({ vi: child.nameVi, en: child.nameEn }), { unitGroup: child.code }) : own();
        };
      }

      // Kept statuses arrive summed per group and status; the others are computed and added one by one.
      const overall = rollupAccumulator();
      const { sums, stale } = await status.rollupSums(unit.path, { planId: await planId(q.plan), field: q.field }, by, when);
      for (const row of sums) {
        (await place(row.key)).acc.addSums(row);
        overall.addSums(row);
      }
      for (const item of stale) {
        (await place(item.key)).acc.add(item);
        overall.add(item);
      }
      const out = [...groups.values()].map((g) => summary(g.key, g.label, g.acc, link(g.filter))).sort((a, b) => (a.key === '(none)' ? 1 : b.key === '(none)' ? -1 : a.key.localeCompare(b.key)));
      return {
        method: METHOD_ID,
        methodDoc: METHOD_DOC,
        unit: unit.code,
        by,
        asOf: when.asOf,
        knownAt: when.knownAt ?? new Date().toISOString(),
        thresholds: { ...DEFAULT_THRESHOLDS },
        overall: summary(unit.code, { vi: unit.nameVi, en: unit.nameEn }, overall, link({})),
        groups: out,
      };
    },

    async list(ctx: RequestContext, q: IndicatorStatusListQuery): Promise<IndicatorStatusList> {
      const unit = await scopeUnit(ctx, q.under);
      const when = readWhen(q);
      const { page, pageSize, offset, limit } = paging(q);
      const prefix = q.unitGroup ? (await scopeUnit(ctx, q.unitGroup)).path : unit.path;
      if (!prefix.startsWith(unit.path)) throw new AppError('VALIDATION_FAILED', `unitGroup "${q.unitGroup}" is not inside "${unit.code}".`);
      const pid = q.plan === '' ? undefined : await planId(q.plan);
      const search = q.q ? foldForSearch(q.q) : '';
      const ids = await status.indicatorIdsUnder(prefix, { planId: pid, field: q.field, ...(search ? { search } : {}) });
      const wanted = q.status ? new Set(q.status.split(',').map((x) => x.trim()).filter(Boolean)) : null;
      for (const w of wanted ?? []) {
        if (!(w in SEVERITY)) throw new AppError('VALIDATION_FAILED', `Unknown status "${w}"; use ${Object.keys(SEVERITY).join(', ')}.`, { errors: [{ field: '/querystring/status', message: 'unknown status' }] });
      }
      // Filtered, sorted and paged on each target's status figures alone; full statuses only for the page.
      let rows = await status.figures(ids, when);
      if (q.plan === '') rows = rows.filter((s) => s.planId === null);
      if (wanted) rows = rows.filter((s) => wanted.has(s.status));
      if (q.sort === 'severity') rows.sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || (a.pace ?? 0) - (b.pace ?? 0) || byCode(a.code, b.code));
      else rows.sort((a, b) => byCode(a.code, b.code));
      const onPage = rows.slice(offset, offset + limit);
      const full = await status.statuses(onPage.map((r) => r.id), when);
      const pageRows = onPage.map((r) => full.get(r.id)).filter((s): s is NonNullable<typeof s> => s !== undefined);
      const comments = await repos.observations.commentsByIds(pageRows.map((s) => s.result.latest?.observationId).filter((x): x is number => typeof x === 'number'));
      return {
        asOf: when.asOf,
        knownAt: when.knownAt ?? new Date().toISOString(),
        total: rows.length,
        page,
        pageSize,
        items: pageRows.map((s) => {
          const r = toApiStatus(s.result, 4);
          return {
            code: s.indicator.code,
            nameVi: s.indicator.nameVi,
            nameEn: s.indicator.nameEn,
            unitCode: s.indicator.unitCode,
            planCode: s.indicator.planCode,
            field: s.indicator.field,
            measure: s.indicator.measure,
            direction: s.indicator.direction,
            weight: s.indicator.weight,
            status: r.status,
            progress: r.progress,
            expectedProgress: r.expectedProgress,
            pace: r.pace,
            latest: r.latest ? { value: r.latest.value, date: r.latest.date, comment: typeof r.latest.observationId === 'number' ? (comments.get(r.latest.observationId) ?? null) : null } : null,
            target: r.target,
            statusUrl: `/api/v1/indicators/${encodeURIComponent(s.indicator.code)}/status?asOf=${when.asOf}${when.knownAt ? `&knownAt=${encodeURIComponent(when.knownAt)}` : ''}`,
          };
        }),
      };
    },
  };
}
