/** plans.csv: code,province_code,title_vi,title_en,kind,document_ref,issued_on,period_start,period_end,owner_unit_code,source_file. */
import { PLAN_KINDS, type PlanKind } from '@tiendo/shared/domain';
import { parsePeriod } from '@tiendo/shared/periods';
import { checkReference, type CodedDraft, type Declared, opt, peekCode, type ReferenceTarget, req } from './context';
import type { UnitDraft } from './parse-units';
import type { Cell } from './row';
import type { FileSpec, Table } from './table';
import type { PlanRow } from './types';

export const PLANS_SPEC: FileSpec = {
  file: 'plans.csv',
  required: ['code', 'province_code', 'title_vi', 'title_en', 'kind', 'document_ref', 'issued_on', 'period_start', 'period_end', 'owner_unit_code', 'source_file'],
  optional: [],
};

export interface PlanDraft extends CodedDraft {
  provinceCode: Cell<string>;
  titleVi: Cell<string>;
  titleEn: Cell<string>;
  kind: Cell<PlanKind>;
  documentRef: Cell<string>;
  issuedOn: Cell<string>;
  periodStart: Cell<string>;
  periodEnd: Cell<string>;
  ownerUnitCode: Cell<string>;
  source: Cell<string>;
}

export function readPlans(table: Table): PlanDraft[] {
  return table.rows.map(({ reader, wrongCount }): PlanDraft => {
    if (wrongCount) {
      const none = undefined;
      return {
        reader,
        checked: false,
        code: peekCode(reader, 'code'),
        provinceCode: none,
        titleVi: none,
        titleEn: none,
        kind: none,
        documentRef: none,
        issuedOn: none,
        periodStart: none,
        periodEnd: none,
        ownerUnitCode: none,
        source: none,
      };
    }
    const draft: PlanDraft = {
      reader,
      checked: true,
      code: reader.code('code', true),
      provinceCode: reader.code('province_code'),
      titleVi: reader.text('title_vi', true),
      titleEn: reader.text('title_en'),
      kind: reader.oneOf('kind', PLAN_KINDS, true),
      documentRef: reader.text('document_ref'),
      issuedOn: reader.date('issued_on'),
      periodStart: reader.period('period_start'),
      periodEnd: reader.period('period_end'),
      ownerUnitCode: reader.code('owner_unit_code'),
      source: reader.text('source_file'),
    };
    if (typeof draft.periodStart === 'string' && typeof draft.periodEnd === 'string') {
      const start = parsePeriod(draft.periodStart);
      const end = parsePeriod(draft.periodEnd);
      if (start && end && start.start > end.end) {
        reader.report(
          'period_end',
          'BAD_RANGE',
          `period_end "${draft.periodEnd}" is before period_start "${draft.periodStart}": the plan must end after it starts; swap them or correct one.`,
        );
      }
    }
    return draft;
  });
}

/** References to units; a plan's province_code must be a province or the nation. */
export function checkPlans(drafts: readonly PlanDraft[], units: Declared<UnitDraft>, unitTarget: ReferenceTarget): void {
  for (const d of drafts) {
    checkReference(d.reader, 'province_code', d.provinceCode, unitTarget);
    const province = typeof d.provinceCode === 'string' ? units.byCode.get(d.provinceCode) : undefined;
    if (province?.type && province.type !== 'province' && province.type !== 'nation') {
      d.reader.report(
        'province_code',
        'WRONG_UNIT_TYPE',
        `province_code "${String(d.provinceCode)}" is a unit of type "${province.type}" (line ${province.reader.line} of units.csv): use a province, or the nation (VN) for national documents.`,
      );
    }
    checkReference(d.reader, 'owner_unit_code', d.ownerUnitCode, unitTarget);
  }
}

export function finishPlan(d: PlanDraft): PlanRow {
  return {
    line: d.reader.line,
    code: req(d.code),
    provinceCode: opt(d.provinceCode),
    titleVi: req(d.titleVi),
    titleEn: opt(d.titleEn),
    kind: req(d.kind),
    documentRef: opt(d.documentRef),
    issuedOn: opt(d.issuedOn),
    periodStart: opt(d.periodStart),
    periodEnd: opt(d.periodEnd),
    ownerUnitCode: opt(d.ownerUnitCode),
    source: opt(d.source),
  };
}
