import { dateInVietnam } from '@tiendo/shared/periods';
import { DEFAULT_THRESHOLDS, METHOD_ID, tryComputeStatus, type ObservationInput, type RollupItem, type StatusInput, type StatusName, type StatusResult } from '@tiendo/shared/status';
import type { Deps } from '../../deps';
import type { AcceptedRow, CachedStatus, DefinitionRow, RollupKey, StaleTargetRow, StatusIndicator, StatusSumsRow } from './repository';
import { inScope, type Actor } from '../../lib/context';
import { answerFromKept, keptAnswer } from './answer';
import { knownAtTime, rolloutObservations } from './rollout';

/** What a list of targets filters and sorts on. */
export interface StatusFigures {
  id: number;
  code: string;
  planId: number | null;
  status: StatusName;
  pace: number | null;
}

export interface IndicatorStatus {
  indicator: StatusIndicator;
  result: StatusResult;
  /** Set when the definition cannot be computed (e.g. the target is not beyond the baseline). */
  definitionError: { code: string; message: string } | null;
}

const MIN_DATE = '0000-01-01';
const MAX_DATE = '9999-12-31';

/** A kept status holds for the `asOf` dates in its range (the same test as HOLDS in repository.ts). */
const holds = (c: Pick<CachedStatus, 'asOfFrom' | 'asOfUntil'>, asOf: string): boolean => c.asOfFrom <= asOf && asOf < c.asOfUntil;

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A stand-in result for an indicator whose definition cannot be computed: counted as having no target. */
function failedResult(asOf: string, knownAt: string, direction: string): StatusResult {
  return {
    method: METHOD_ID,
    asOf,
    knownAt,
    direction: direction as StatusResult['direction'],
    status: 'no_target',
    baseline: null,
    target: null,
    milestones: [],
    tolerance: null,
    thresholds: { ...DEFAULT_THRESHOLDS },
    latest: null,
    gap: null,
    progress: null,
    expectedValue: null,
    expectedProgress: null,
    pace: null,
    forecast: null,
    slopePerYear: null,
    projectedMet: null,
    forecastPoints: 0,
  };
}

/**
 * Statuses of indicators under tiendo-status/1, from their definitions in force at `knownAt` and
 * their accepted values. The current status of each indicator is kept in `indicator_status` and
 * refreshed on every write that can change it, so dashboards read it instead of recomputing.
 */
export function createStatusService(deps: Deps) {
  const repo = deps.repos.status;

  function inputFor(ind: StatusIndicator, def: DefinitionRow | undefined, rows: AcceptedRow[], contributors: number, asOf: string, knownAt: string): StatusInput {
    const observations: ObservationInput[] =
      ind.aggregation !== 'none'
        ? rolloutObservations(rows, ind.aggregation, ind.measure, knownAt, contributors)
        : rows.filter((r) => r.value !== null || (r.numerator !== null && r.denominator !== null)).map((r) => ({ id: r.id, periodEnd: r.periodEnd, value: r.value ?? 0, numerator: r.numerator, denominator: r.denominator, acceptedAt: r.acceptedAt, supersededAt: r.supersededAt }));
    return {
      direction: ind.direction as StatusInput['direction'],
      measure: ind.measure,
      baseline: def && def.baselineValue !== null && def.baselineDate !== null ? { value: def.baselineValue, date: def.baselineDate } : null,
      target: def ? { value: def.targetValue, date: def.targetDate } : null,
      milestones: def?.milestones ?? [],
      tolerance: ind.tolerance,
      planStart: ind.planStart,
      thresholds: { onTrack: ind.onTrack ?? DEFAULT_THRESHOLDS.onTrack, atRisk: ind.atRisk ?? DEFAULT_THRESHOLDS.atRisk },
      observations,
      asOf,
      knownAt,
    };
  }

  /** The range of `asOf` dates over which the result stays the same (see indicator_status). */
  function asOfRange(input: StatusInput, asOf: string): { from: string; until: string } {
    const bounds = new Set<string>();
    for (const o of input.observations) if (o.acceptedAt <= input.knownAt && (!o.supersededAt || o.supersededAt > input.knownAt)) bounds.add(o.periodEnd);
    if (input.target?.date) bounds.add(nextDay(input.target.date));
    let from = MIN_DATE;
    let until = MAX_DATE;
    for (const b of bounds) {
      if (b <= asOf && b > from) from = b;
      if (b > asOf && b < until) until = b;
    }
    return { from, until };
  }

  async function compute(ids: readonly number[], asOf: string, knownAt: string): Promise<{ statuses: Map<number, IndicatorStatus>; cache: CachedStatus[] }> {
    const [indicators, defs, accepted, contributors] = await Promise.all([repo.indicatorsByIds(ids), repo.definitionsAt(ids, knownAt), repo.acceptedObservations(ids), repo.contributorCounts(ids)]);
    const statuses = new Map<number, IndicatorStatus>();
    const cache: CachedStatus[] = [];
    for (const ind of indicators) {
      const input = inputFor(ind, defs.get(ind.id), accepted.get(ind.id) ?? [], contributors.get(ind.id) ?? 0, asOf, knownAt);
      const computed = tryComputeStatus(input);
      const result = computed.ok ? computed.result : failedResult(asOf, knownAt, ind.direction);
      const definitionError = computed.ok ? null : { code: computed.error.code, message: computed.error.message };
      statuses.set(ind.id, { indicator: ind, result, definitionError });
      const range = asOfRange(input, asOf);
      cache.push({ indicatorId: ind.id, knownAt, asOfFrom: range.from, asOfUntil: range.until, status: result.status, progress: result.progress, expectedProgress: result.expectedProgress, pace: result.pace, result: { result, definitionError }, answer: keptAnswer({ result, definitionError }) });
    }
    return { statuses, cache };
  }

  const service = {
    /**
     * Statuses for `asOf` (default today in Vietnam) and `knownAt` (default now). The current
     * knowledge is served from the kept statuses when they cover `asOf`; anything else is computed.
     */
    async statuses(ids: readonly number[], options: { asOf?: string; knownAt?: string } = {}): Promise<Map<number, IndicatorStatus>> {
      const asOf = options.asOf ?? dateInVietnam();
      const now = new Date().toISOString();
      if (options.knownAt !== undefined && options.knownAt < now) return (await compute(ids, asOf, options.knownAt)).statuses;
      const cached = await repo.cached(ids);
      const out = new Map<number, IndicatorStatus>();
      const stale: number[] = [];
      const indicators = new Map((await repo.indicatorsByIds(ids)).map((i) => [i.id, i]));
      for (const id of ids) {
        const c = cached.get(id);
        const ind = indicators.get(id);
        if (!ind) continue;
        // A status kept before answers were kept beside it is computed again, and kept with one.
        if (c && c.answer !== null && holds(c, asOf)) {
          const { result, definitionError } = c.result as { result: StatusResult; definitionError: IndicatorStatus['definitionError'] };
          out.set(id, { indicator: ind, result: { ...result, asOf, knownAt: options.knownAt ?? now }, definitionError });
        } else stale.push(id);
      }
      if (stale.length) {
        // Keep what is computed for today: the next reader finds it current. It is computed inside
        // the unit of work that keeps it, from what is known then: computed before, it could miss
        // an acceptance committed in between and overwrite that acceptance's fresh status.
        const { statuses } =
          asOf === dateInVietnam()
            ? await deps.transact(async () => {
                const fresh = await compute(stale, asOf, options.knownAt ?? new Date().toISOString());
                await repo.storeCached(fresh.cache);
                return fresh;
              })
            : await compute(stale, asOf, options.knownAt ?? now);
        for (const [id, s] of statuses) out.set(id, s);
      }
      return out;
    },

    /**
     * What a list of targets filters and sorts on (code, plan, status, pace), for `asOf` and
     * `knownAt` as `statuses` takes them, without reading or building any full result: kept
     * figures where they hold; the other targets computed (and kept, for today) as `statuses` does.
     */
    async figures(ids: readonly number[], options: { asOf?: string; knownAt?: string } = {}): Promise<StatusFigures[]> {
      const asOf = options.asOf ?? dateInVietnam();
      if (options.knownAt !== undefined && options.knownAt < new Date().toISOString()) {
        return [...(await service.statuses(ids, options)).values()].map((s) => ({ id: s.indicator.id, code: s.indicator.code, planId: s.indicator.planId, status: s.result.status, pace: s.result.pace }));
      }
      const rows = repo.keptFigures(ids);
      const stale = rows.filter((r) => r.status === null || !holds({ asOfFrom: r.asOfFrom!, asOfUntil: r.asOfUntil! }, asOf)).map((r) => r.id);
      const computed = stale.length ? await service.statuses(stale, options) : new Map<number, IndicatorStatus>();
      const isStale = new Set(stale);
      return rows.flatMap((r) => {
        if (!isStale.has(r.id)) return [{ id: r.id, code: r.code, planId: r.planId, status: r.status as StatusName, pace: r.pace }];
        const c = computed.get(r.id);
        return c ? [{ id: r.id, code: r.code, planId: r.planId, status: c.result.status, pace: c.result.pace }] : [];
      });
    },

    /**
     * One target's whole answer as JSON, when a kept status holds for `asOf` with today's knowledge
     * and the target lies in the actor's subtree (one read, or none while it is remembered); null otherwise: the caller takes the
     * general path, which also answers for contributing units and refusals.
     */
    keptAnswer(code: string, actor: Actor, options: { asOf?: string; knownAt?: string } = {}): string | null {
      if (options.knownAt !== undefined) return null;
      const asOf = options.asOf ?? dateInVietnam();
      const row = repo.keptAnswerByCode(code);
      if (!row || row.answer === null || !holds(row, asOf) || !inScope(actor, row.unitPath)) return null;
      return answerFromKept(code, asOf, new Date().toISOString(), row.answer);
    },

    /**
     * What a roll-up of a subtree needs, grouped by plan, field or unit: kept statuses that hold for
     * `asOf` (with today's knowledge) summed per group and status by the database; every other
     * target computed as `statuses` does (and kept, for today). A past `knownAt` computes all.
     */
    async rollupSums(prefix: string, filter: { planId?: number; field?: string }, by: RollupKey, options: { asOf?: string; knownAt?: string } = {}): Promise<{ sums: StatusSumsRow[]; stale: (RollupItem & { key: StaleTargetRow['key'] })[] }> {
      const asOf = options.asOf ?? dateInVietnam();
      const historical = options.knownAt !== undefined && options.knownAt < new Date().toISOString();
      // For a past knownAt nothing kept holds: a date no kept status covers sends every target to `stale`.
      const { sums, stale } = await repo.rollupSums(prefix, filter, by, historical ? MAX_DATE : asOf);
      const computed = stale.length ? await service.statuses(stale.map((r) => r.id), options) : new Map<number, IndicatorStatus>();
      return {
        sums,
        stale: stale.map((r) => {
          const c = computed.get(r.id)!.result;
          return { key: r.key, weight: r.weight, status: c.status, progress: c.progress, expectedProgress: c.expectedProgress };
        }),
      };
    },

    /** Recomputes and keeps the current status of indicators; call inside the write's transaction. */
    async refresh(ids: readonly number[]): Promise<void> {
      if (ids.length === 0) return;
      const { cache } = await compute(ids, dateInVietnam(), new Date().toISOString());
      await repo.storeCached(cache);
    },

    indicatorIdsUnder: repo.indicatorIdsUnder,
    planLabels: repo.planLabels,
    unitPathsUnder: repo.unitPathsUnder,
  };
  return service;
}

export type StatusService = ReturnType<typeof createStatusService>;
export { knownAtTime };
