import { FREQUENCIES, isOneOf } from '@tiendo/shared/domain';
import { dateInVietnam, isIsoDate, parsePeriod, periodsDue, type Period } from '@tiendo/shared/periods';
import type { Calendar, CalendarCounts, CalendarItem, CalendarQuery, CalendarState } from '@tiendo/shared/schemas/calendar';
import type { Deps } from '../../deps';
import { inScope, type RequestContext } from '../../lib/context';
import { AppError, notFound, outOfScope } from '../../lib/errors';
import { paging } from '../../lib/paging';
import type { CalendarContributor, CalendarIndicator, CalendarObservation } from './repository';

/** Days of grace after a period's end for an indicator without a plan (a plan's own default too). */
export const DEFAULT_GRACE_DAYS = 15;

/** The longest range one request may ask for. */
export const MAX_RANGE_YEARS = 10;

const STATE_OF_REPORT: Record<string, CalendarState> = { draft: 'drafted', submitted: 'submitted', accepted: 'accepted', returned: 'returned' };
/** Reports not yet accepted: still in someone's hands. */
const IN_HAND = new Set(['draft', 'submitted', 'returned']);

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const later = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a > b ? a : b);
const earlier = (a: string | null, b: string | null): string | null => (a === null ? b : b === null || a < b ? a : b);

/** True when a period overlaps [start, end] (either end open when null). */
const overlaps = (p: Period, start: string | null, end: string | null): boolean => (start === null || p.end >= start) && (end === null || p.start <= end);

interface Reporter {
  unitId: number;
  unitCode: string;
  validFrom: string | null;
  validTo: string | null;
}

/** The newest current version for a cell, and whether an accepted version still stands there. */
interface Cell {
  newest: CalendarObservation;
  hasAccepted: boolean;
}

function indexObservations(rows: CalendarObservation[]): { byIndicator: Map<string, Cell>; byUnit: Map<string, Cell> } {
  const byIndicator = new Map<string, Cell>();
  const byUnit = new Map<string, Cell>();
  const add = (map: Map<string, Cell>, key: string, o: CalendarObservation) => {
    const cell = map.get(key);
    if (!cell) map.set(key, { newest: o, hasAccepted: o.state === 'accepted' });
    else {
      // Ids grow with every version, so the highest id is the newest version (or the newest series).
      if (o.id > cell.newest.id) cell.newest = o;
      if (o.state === 'accepted') cell.hasAccepted = true;
    }
  };
  for (const o of rows) {
    add(byIndicator, `${o.indicatorId}|${o.period}`, o);
    add(byUnit, `${o.indicatorId}|${o.unitId}|${o.period}`, o);
  }
  return { byIndicator, byUnit };
}

const emptyCounts = (): CalendarCounts => ({ due: 0, overdue: 0, drafted: 0, submitted: 0, accepted: 0, returned: 0, late: 0 });

/**
 * The reporting calendar. `now` is the clock ("today" is its date in Vietnam); tests pass a fixed
 * one, the routes use the real one.
 */
export function createCalendarService(deps: Deps, now: () => Date = () => new Date()) {
  const { repos } = deps;

  function range(query: CalendarQuery, today: string): { from: string; to: string } {
    // From 1 January of last year: in January, last year's reports are still due or overdue.
    const from = query.from ?? `${String(Number(today.slice(0, 4)) - 1).padStart(4, '0')}-01-01`;
    const to = query.to ?? today;
    const errors: { field: string; message: string }[] = [];
    if (!isIsoDate(from)) errors.push({ field: '/querystring/from', message: `"${from}" is not a calendar date` });
    if (!isIsoDate(to)) errors.push({ field: '/querystring/to', message: `"${to}" is not a calendar date` });
    if (errors.length === 0 && from > to) {
      const defaults = [query.from ? null : `from defaults to ${from}`, query.to ? null : `to defaults to today, ${to}`].filter(Boolean).join('; ');
      errors.push({ field: '/querystring/to', message: `must not be before from (${from} to ${to}${defaults ? `; ${defaults}` : ''})` });
    }
    const limit = `${String(Number(from.slice(0, 4)) + MAX_RANGE_YEARS).padStart(4, '0')}${from.slice(4)}`;
    if (errors.length === 0 && to > limit) {
      errors.push({ field: '/querystring/to', message: `the range may span at most ${MAX_RANGE_YEARS} years: with from ${from}, to must be ${limit} or earlier` });
    }
    if (errors.length) throw new AppError('VALIDATION_FAILED', `The date range is not valid: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}.`, { errors });
    return { from, to };
  }

  /** Who is expected to report an indicator: its responsible unit, or each contributing unit of a roll-out. */
  function reportersOf(ind: CalendarIndicator, contributors: CalendarContributor[], under: string): Reporter[] {
    const responsible: Reporter = { unitId: ind.unitId, unitCode: ind.unitCode, validFrom: ind.unitValidFrom, validTo: ind.unitValidTo };
    if (ind.aggregation === 'none') return [responsible];
    const owned = ind.unitPath.startsWith(under);
    // The responsible unit follows up every commune of its roll-out; anyone else sees the units of their subtree.
    const expected = owned ? contributors : contributors.filter((c) => c.unitPath.startsWith(under));
    if (expected.length === 0) return owned ? [responsible] : [];
    return expected.map((c) => ({ unitId: c.unitId, unitCode: c.unitCode, validFrom: c.validFrom, validTo: c.validTo }));
  }

  return {
    async calendar(ctx: RequestContext, query: CalendarQuery): Promise<Calendar> {
      const today = dateInVietnam(now());
      const { from, to } = range(query, today);
      const { page, pageSize, offset, limit } = paging(query);

      const unitCode = query.unit ?? ctx.actor.unitCode;
      if (!unitCode) throw new AppError('VALIDATION_FAILED', 'Name the unit whose calendar you want (unit).', { errors: [{ field: '/querystring/unit', message: 'is required' }] });
      const unit = await repos.units.findByCode(unitCode);
      if (!unit) throw notFound('Unit', unitCode);
      if (!inScope(ctx.actor, unit.path)) throw outOfScope(`Unit "${unitCode}"`);
      const plan = query.plan ? await repos.plans.findByCode(query.plan) : null;
      if (query.plan && !plan) throw notFound('Plan', query.plan);

      const scope = { under: unit.path, planId: plan?.id, field: query.field };
      const indicators = await repos.calendar.indicators(scope);
      const contributors = indicators.some((i) => i.aggregation !== 'none') ? await repos.calendar.rolloutContributors(scope) : [];
      const observations = indicators.length ? await repos.calendar.currentObservations(scope, from, to) : [];

      const contributorsOf = new Map<number, CalendarContributor[]>();
      for (const c of contributors) {
        const list = contributorsOf.get(c.indicatorId);
        if (list) list.push(c);
        else contributorsOf.set(c.indicatorId, [c]);
      }
      const { byIndicator, byUnit } = indexObservations(observations);
      const periodsOf = new Map<string, Period[]>();
      const duePeriods = (frequency: (typeof FREQUENCIES)[number]): Period[] => {
        let list = periodsOf.get(frequency);
        if (!list) periodsOf.set(frequency, (list = periodsDue(frequency, from, to).map((k) => parsePeriod(k)!)));
        return list;
      };

      const all: CalendarItem[] = [];
      const listed = new Set<number>();
      const item = (ind: CalendarIndicator, unitCode: string, p: Period, dueDate: string, state: CalendarState, late: boolean, o: CalendarObservation | null): CalendarItem => ({
        indicatorCode: ind.code,
        indicatorName: { vi: ind.nameVi, en: ind.nameEn },
        planCode: ind.planCode,
        field: ind.field as CalendarItem['field'],
        unitCode,
        period: p.key,
        periodEnd: p.end,
        dueDate,
        state,
        late,
        observationId: o?.id ?? null,
        returnReason: state === 'returned' ? (o?.returnReason ?? null) : null,
        updatedAt: o?.updatedAt ?? null,
      });
      for (const ind of indicators) {
        if (!isOneOf(FREQUENCIES, ind.frequency)) continue;
        // The target's life: after its baseline and from the plan's start, until the deadline or the plan's end.
        const lifeStart = later(ind.baselineDate ? addDays(ind.baselineDate, 1) : null, ind.planStartDate);
        const lifeEnd = earlier(ind.targetDate, ind.planEndDate);
        const periods = duePeriods(ind.frequency).filter((p) => overlaps(p, lifeStart, lifeEnd));
        if (periods.length === 0) continue;
        const graceDays = ind.planGraceDays ?? DEFAULT_GRACE_DAYS;
        const rollout = ind.aggregation !== 'none';
        for (const reporter of reportersOf(ind, contributorsOf.get(ind.id) ?? [], unit.path)) {
          for (const p of periods) {
            // A unit is expected to report only for periods it existed in.
            if (!overlaps(p, reporter.validFrom, reporter.validTo)) continue;
            const dueDate = addDays(p.end, graceDays);
            const cell = rollout ? byUnit.get(`${ind.id}|${reporter.unitId}|${p.key}`) : byIndicator.get(`${ind.id}|${p.key}`);
            const o = cell?.newest ?? null;
            const state: CalendarState = o ? (STATE_OF_REPORT[o.state] ?? 'drafted') : today <= dueDate ? 'due' : 'overdue';
            // A correction under way does not make a period late once a value was accepted for it.
            const delivered = state === 'submitted' || state === 'accepted' || cell?.hasAccepted === true;
            if (o) listed.add(o.id);
            all.push(item(ind, reporter.unitCode, p, dueDate, state, today > dueDate && !delivered, o));
          }
        }
      }

      // A report still in hand (a draft, one sent, one returned to fix) for a period the calendar does
      // not expect (another frequency, outside the target's life) is listed too, so it is never lost
      // from view. It is not late: no due date was set for that period.
      const byId = new Map(indicators.map((ind) => [ind.id, ind]));
      for (const { newest: o } of byUnit.values()) {
        if (listed.has(o.id) || !IN_HAND.has(o.state)) continue;
        const ind = byId.get(o.indicatorId);
        const p = parsePeriod(o.period);
        if (!ind || !p) continue;
        const reporter = reportersOf(ind, contributorsOf.get(ind.id) ?? [], unit.path).find((r) => r.unitId === o.unitId) ?? (o.unitId === ind.unitId ? { unitCode: ind.unitCode } : null);
        if (!reporter) continue;
        const dueDate = addDays(p.end, ind.planGraceDays ?? DEFAULT_GRACE_DAYS);
        all.push(item(ind, reporter.unitCode, p, dueDate, STATE_OF_REPORT[o.state] ?? 'drafted', false, o));
      }

      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      all.sort((a, b) => cmp(a.dueDate, b.dueDate) || cmp(a.indicatorCode, b.indicatorCode) || cmp(a.unitCode, b.unitCode) || cmp(a.period, b.period));

      const counts = emptyCounts();
      for (const item of all) {
        counts[item.state]++;
        if (item.late) counts.late++;
      }
      const wanted = query.state === undefined ? all : query.state === 'late' ? all.filter((i) => i.late) : all.filter((i) => i.state === query.state);
      return { unit: unit.code, from, to, today, items: wanted.slice(offset, offset + limit), total: wanted.length, page, pageSize, counts };
    },
  };
}

export type CalendarService = ReturnType<typeof createCalendarService>;
