/** units.csv: code,name_vi,name_en,type,parent_code (+ valid_from, valid_to). */
import { UNIT_TYPES, type UnitType } from '@tiendo/shared/domain';
import { parsePeriod } from '@tiendo/shared/periods';
import { checkReference, type CodedDraft, type Declared, opt, peekCode, type ReferenceTarget, req } from './context';
import type { Cell } from './row';
import type { FileSpec, Table } from './table';
import type { UnitRow } from './types';

export const UNITS_SPEC: FileSpec = {
  file: 'units.csv',
  required: ['code', 'name_vi', 'name_en', 'type', 'parent_code'],
  optional: ['valid_from', 'valid_to'],
};

export interface UnitDraft extends CodedDraft {
  nameVi: Cell<string>;
  nameEn: Cell<string>;
  type: Cell<UnitType>;
  parentCode: Cell<string>;
  validFrom: Cell<string>;
  validTo: Cell<string>;
}

/** Reads each record and checks what it can on its own. */
export function readUnits(table: Table): UnitDraft[] {
  return table.rows.map(({ reader, wrongCount }): UnitDraft => {
    if (wrongCount) {
      const none = undefined;
      return { reader, checked: false, code: peekCode(reader, 'code'), nameVi: none, nameEn: none, type: none, parentCode: none, validFrom: none, validTo: none };
    }
    const draft: UnitDraft = {
      reader,
      checked: true,
      code: reader.code('code', true),
      nameVi: reader.text('name_vi', true),
      nameEn: reader.text('name_en'),
      type: reader.oneOf('type', UNIT_TYPES, true),
      parentCode: reader.code('parent_code'),
      validFrom: reader.period('valid_from'),
      validTo: reader.period('valid_to'),
    };
    if (draft.type === 'nation' && typeof draft.parentCode === 'string') {
      reader.report('parent_code', 'NOT_ALLOWED', `parent_code "${draft.parentCode}" is given for a unit of type "nation": a nation has no parent; leave parent_code empty.`);
    } else if (draft.type && draft.type !== 'nation' && draft.parentCode === null) {
      reader.report('parent_code', 'REQUIRED', `parent_code is empty for a unit of type "${draft.type}": every unit except the nation needs a parent unit (e.g. VN for a province).`);
    }
    if (typeof draft.validFrom === 'string' && typeof draft.validTo === 'string') {
      const from = parsePeriod(draft.validFrom);
      const to = parsePeriod(draft.validTo);
      if (from && to && from.start > to.end) {
        reader.report('valid_to', 'BAD_RANGE', `valid_to "${draft.validTo}" is before valid_from "${draft.validFrom}": swap them or correct one.`);
      }
    }
    return draft;
  });
}

/** Parent references and cycles of parents. */
export function checkUnits(drafts: readonly UnitDraft[], declared: Declared<UnitDraft>, unitTarget: ReferenceTarget): void {
  for (const d of drafts) {
    if (typeof d.code === 'string' && d.code === d.parentCode) continue; // a cycle of one, reported below
    if (d.type === 'nation') continue; // its parent_code is NOT_ALLOWED already
    checkReference(d.reader, 'parent_code', d.parentCode, unitTarget);
  }
  reportCycles(declared);
}

/** Each unit on a cycle of parent_code links gets a CYCLE problem naming the whole cycle. */
function reportCycles(declared: Declared<UnitDraft>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  for (const start of declared.byCode.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [];
    let code: string | undefined = start;
    while (code !== undefined && !state.has(code)) {
      state.set(code, 'visiting');
      path.push(code);
      const parent: Cell<string> = declared.byCode.get(code)?.parentCode;
      code = typeof parent === 'string' && declared.byCode.has(parent) ? parent : undefined;
    }
    if (code !== undefined && state.get(code) === 'visiting') {
      const cycle = path.slice(path.indexOf(code));
      const shown = [...cycle, code].join(' → ');
      for (const member of cycle) {
        const d = declared.byCode.get(member);
        d?.reader.report(
          'parent_code',
          'CYCLE',
          `parent_code "${String(d.parentCode)}" makes a cycle of parent units (${shown}): a unit cannot be its own ancestor; give one of them another parent.`,
        );
      }
    }
    for (const visited of path) state.set(visited, 'done');
  }
}

export function finishUnit(d: UnitDraft): UnitRow {
  return {
    line: d.reader.line,
    code: req(d.code),
    nameVi: req(d.nameVi),
    nameEn: opt(d.nameEn),
    type: req(d.type),
    parentCode: opt(d.parentCode),
    validFrom: opt(d.validFrom),
    validTo: opt(d.validTo),
  };
}
