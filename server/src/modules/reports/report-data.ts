/**
 * The data a report shows, computed from the status engine: statuses as of the period's end and
 * known at a given moment, rolled up by field and by plan, and the targets that need attention.
 * A frozen report stores exactly this object; its documents are drawn from it alone.
 */
import { FIELDS, FIELD_NAMES, type Field } from '@tiendo/shared/domain';
import { parsePeriod } from '@tiendo/shared/periods';
import { REPORT_FORMAT, type ReportData, type ReportGroup, type ReportItem } from '@tiendo/shared/schemas/reports';
import { DEFAULT_THRESHOLDS, METHOD_ID, rollup, roundForDisplay, toApiStatus, type StatusName } from '@tiendo/shared/status';
import type { Deps } from '../../deps';
import { createStatusService, type IndicatorStatus } from '../status/service';
import type { IndicatorLabels, ReportRecord } from './repository';
import { STATUS_LABELS, dateLine, periodLabel } from './vietnamese';

const ATTENTION: readonly StatusName[] = ['missed', 'off_track', 'at_risk'];
const PERCENT_MEASURES = new Set(['percent', 'ratio', 'boolean', 'growth_rate_percent']);
const NO_PLAN = '(none)';

const r4 = (x: number | null): number | null => roundForDisplay(x, 4);

/** "UBND TỈNH HÀ TĨNH\nSỞ …" → the superior body and the issuing body. */
export function splitIssuingBody(text: string): ReportData['issuingBody'] {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.length > 1 ? { superior: lines[0]!, name: lines.slice(1).join(' ') } : { superior: null, name: lines[0] ?? '' };
}

function group(key: string, label: string, documentRef: string | null, items: IndicatorStatus[]): ReportGroup {
  // The same roll-up, with the same default thresholds, as GET /api/v1/rollups.
  const r = rollup(items.map((s) => ({ status: s.result.status, progress: s.result.progress, expectedProgress: s.result.expectedProgress, weight: s.indicator.weight })));
  return { key, label, documentRef, status: r.status, counts: r.counts, total: r.total, withData: r.withData, progress: r4(r.progress), expectedProgress: r4(r.expectedProgress), pace: r4(r.pace) };
}

/**
 * Whether a target belongs in the report of a period: a target of a plan in force during the
 * period (open-ended when the plan's dates are unknown); outside any plan, one whose deadline is
 * not before the period, or without a deadline, one with a value for the period. Targets that
 * ended earlier were reported in their own periods and would otherwise be repeated forever.
 */
function inPeriod(s: IndicatorStatus, labels: IndicatorLabels | undefined, start: string, end: string): boolean {
  if (s.indicator.planId !== null) return (labels?.planStart ?? '0000-01-01') <= end && (labels?.planEnd ?? '9999-12-31') >= start;
  const deadline = s.result.target?.date;
  if (deadline) return deadline >= start;
  return (s.result.latest?.date ?? '') >= start;
}

function valueUnit(s: IndicatorStatus, labels: IndicatorLabels | undefined): string {
  if (s.indicator.direction === 'achieve' || PERCENT_MEASURES.has(s.indicator.measure)) return '%';
  return labels?.unitLabel?.trim() ?? '';
}

const SEVERITY = new Map(ATTENTION.map((s, i) => [s, i]));

export function createReportDataBuilder(deps: Deps) {
  const status = createStatusService(deps);
  const repo = deps.repos.reports;

  return async function build(r: ReportRecord, knownAt: string, frozen: ReportData['frozen']): Promise<ReportData> {
    const period = parsePeriod(r.period)!;
    const ids = await status.indicatorIdsUnder(r.unitPath, {});
    const [statuses, labels] = await Promise.all([status.statuses(ids, { asOf: r.asOf, knownAt }), repo.indicatorLabels(ids)]);
    const all = [...statuses.values()];
    const items = all.filter((s) => inPeriod(s, labels.get(s.indicator.id), period.start, period.end));

    const byField = FIELDS.map((f) => [f, items.filter((s) => s.indicator.field === f)] as const)
      .filter(([, list]) => list.length > 0)
      .map(([f, list]) => group(f, FIELD_NAMES[f].vi, null, list));
    const unknownFields = [...new Set(items.map((s) => s.indicator.field).filter((f) => !(FIELDS as readonly string[]).includes(f)))].sort();
    for (const f of unknownFields) byField.push(group(f, f, null, items.filter((s) => s.indicator.field === f)));

    const plans = new Map<string, IndicatorStatus[]>();
    for (const s of items) {
      const key = s.indicator.planCode ?? NO_PLAN;
      plans.set(key, [...(plans.get(key) ?? []), s]);
    }
    const byPlan = [...plans.entries()]
      .sort(([a], [b]) => (a === NO_PLAN ? 1 : b === NO_PLAN ? -1 : a.localeCompare(b)))
      .map(([key, list]) => {
        const l = labels.get(list[0]!.indicator.id);
        return key === NO_PLAN ? group(key, 'Chỉ tiêu không thuộc kế hoạch', null, list) : group(key, l?.planTitle ?? key, l?.planRef ?? null, list);
      });

    const flagged = items
      .filter((s) => SEVERITY.has(s.result.status))
      .sort((a, b) => SEVERITY.get(a.result.status)! - SEVERITY.get(b.result.status)! || (a.result.pace ?? 0) - (b.result.pace ?? 0) || a.indicator.code.localeCompare(b.indicator.code));
    const notes = await repo.observationNotes(flagged.map((s) => s.result.latest?.observationId).filter((x): x is number => typeof x === 'number'));
    const attention: ReportItem[] = flagged.map((s) => {
      const res = toApiStatus(s.result, 4);
      const l = labels.get(s.indicator.id);
      const note = typeof res.latest?.observationId === 'number' ? notes.get(res.latest.observationId) : undefined;
      return {
        code: s.indicator.code,
        name: s.indicator.nameVi,
        planCode: s.indicator.planCode,
        planRef: s.indicator.planCode ? (l?.planRef ?? s.indicator.planCode) : null,
        field: s.indicator.field,
        fieldLabel: FIELD_NAMES[s.indicator.field as Field]?.vi ?? s.indicator.field,
        unitCode: s.indicator.unitCode,
        valueUnit: valueUnit(s, l),
        direction: s.indicator.direction,
        status: res.status,
        baseline: res.baseline ? { value: res.baseline.value, date: res.baseline.date } : null,
        target: res.target ? { value: res.target.value, date: res.target.date } : null,
        latest: res.latest ? { value: res.latest.value, date: res.latest.date, period: note ? periodLabel(note.period) : null, comment: note?.comment?.trim() || null } : null,
        progress: res.progress,
        expectedProgress: res.expectedProgress,
        pace: res.pace,
      };
    });

    const signerTitle = r.signerTitle.split('\n').map((l) => l.trim()).filter(Boolean);
    return {
      format: REPORT_FORMAT,
      method: METHOD_ID,
      reportId: r.id,
      state: frozen ? 'frozen' : 'draft',
      unit: { code: r.unitCode, name: r.unitName },
      period: { key: r.period, label: periodLabel(r.period), start: period.start, end: period.end },
      asOf: r.asOf,
      knownAt,
      issuingBody: splitIssuingBody(r.issuingBody),
      number: r.number ?? '',
      place: r.place,
      issuedOn: r.issuedOn,
      dateLine: dateLine(r.place, r.issuedOn),
      type: 'BÁO CÁO',
      title: r.title,
      signer: { title: signerTitle, name: r.signerName },
      recipients: [...r.recipients],
      thresholds: { ...DEFAULT_THRESHOLDS },
      statusLabels: { ...STATUS_LABELS },
      overall: group(r.unitCode, r.unitName, null, items),
      byField,
      byPlan,
      attention,
      excluded: all.length - items.length,
      frozen,
    };
  };
}
