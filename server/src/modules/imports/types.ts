/** The parsed rows of an import (see server/demo/seed-data/README.md for the format). */
import type { Direction, Frequency, Measure, PlanKind, Qualifier, UnitType } from '@tiendo/shared/domain';
import type { ImportFileName, ImportProblem } from './problems';

export type { ImportFileName, ImportProblem };

/** Raw UTF-8 text of each file; a BOM and CRLF line ends are allowed. A file left out is not imported. */
export interface ImportFiles {
  units?: string;
  plans?: string;
  indicators?: string;
  observations?: string;
}

/** Codes already in the database, which the import may refer to. */
export interface ExistingCodes {
  units: ReadonlySet<string>;
  plans: ReadonlySet<string>;
  indicators: ReadonlyMap<string, { measure: string; direction: string }>;
}

export interface UnitRow {
  line: number;
  code: string;
  nameVi: string;
  nameEn: string | null;
  type: UnitType;
  parentCode: string | null;
  /** Period key as given (`YYYY` ... `YYYY-MM-DD`), from the optional column `valid_from`. */
  validFrom: string | null;
  validTo: string | null;
}

export interface PlanRow {
  line: number;
  code: string;
  provinceCode: string | null;
  titleVi: string;
  titleEn: string | null;
  kind: PlanKind;
  documentRef: string | null;
  /** ISO date. */
  issuedOn: string | null;
  /** Period key as given: 'YYYY' or 'YYYY-MM-DD' (any period key is accepted). */
  periodStart: string | null;
  periodEnd: string | null;
  ownerUnitCode: string | null;
  /** `source_file`: one or more file names separated by ';'. */
  source: string | null;
}

export interface IndicatorRow {
  line: number;
  code: string;
  planCode: string | null;
  unitCode: string;
  field: string;
  nameVi: string;
  nameEn: string | null;
  measure: Measure;
  unitLabel: string | null;
  direction: Direction;
  targetValue: number | null;
  /**
   * Period key as given. May be null while targetValue is set when the indicator's plan
   * (plan_code) has a period_end or is already in the database: the target is due at the
   * plan's end.
   */
  targetDate: string | null;
  notes: string | null;
  baselineValue: number | null;
  /** Period key as given. */
  baselineDate: string | null;
  frequency: Frequency | null;
  dataSource: string | null;
}

export interface ObservationRow {
  line: number;
  indicatorCode: string;
  unitCode: string;
  value: number;
  qualifier: Qualifier | null;
  valueTo: number | null;
  /** Period key from `as_of`. */
  period: string;
  /** `source_file`. */
  source: string | null;
  /** `quote_vi`. */
  quote: string | null;
  numerator: number | null;
  denominator: number | null;
  comment: string | null;
}

export interface ParsedImport {
  units: UnitRow[];
  plans: PlanRow[];
  indicators: IndicatorRow[];
  observations: ObservationRow[];
}
