/**
 * The validating parser of the import format (server/demo/seed-data/README.md): four CSV
 * files, each optional, read and checked without touching the database. Every problem is
 * reported, in file order then line order; `data` holds the records that have no problem
 * (none of a file whose header or CSV syntax is broken). Apply `data` only when `problems`
 * is empty.
 */
import { declareCodes, type Draft, type ReferenceTarget } from './context';
import { checkIndicators, finishIndicator, INDICATORS_SPEC, readIndicators } from './parse-indicators';
import { checkObservations, finishObservation, OBSERVATIONS_SPEC, readObservations } from './parse-observations';
import { checkPlans, finishPlan, PLANS_SPEC, readPlans } from './parse-plans';
import { checkUnits, finishUnit, readUnits, UNITS_SPEC } from './parse-units';
import { type ImportFileName, type ImportProblem, ProblemList } from './problems';
import { type FileSpec, readTable, type Table } from './table';
import type { ExistingCodes, ImportFiles, ParsedImport } from './types';

export type {
  ExistingCodes,
  ImportFileName,
  ImportFiles,
  ImportProblem,
  IndicatorRow,
  ObservationRow,
  ParsedImport,
  PlanRow,
  UnitRow,
} from './types';
export { IMPORT_FILE_NAMES, IMPORT_PROBLEM_CODES, type ImportProblemCode } from './problems';
export { INDICATORS_SPEC, OBSERVATIONS_SPEC, PLANS_SPEC, UNITS_SPEC };

/** For an import into an empty database. */
export const NO_EXISTING_CODES: ExistingCodes = { units: new Set(), plans: new Set(), indicators: new Map() };

const SPECS: readonly FileSpec[] = [UNITS_SPEC, PLANS_SPEC, INDICATORS_SPEC, OBSERVATIONS_SPEC];

const EMPTY_TABLE: Table = { rows: [], readToEnd: true, columns: new Set() };

function columnRank(file: ImportFileName, column: string): number {
  const spec = SPECS.find((s) => s.file === file);
  const i = spec ? [...spec.required, ...spec.optional].indexOf(column) : -1;
  return i === -1 ? Number.MAX_SAFE_INTEGER : i;
}

export function parseImport(files: ImportFiles, existing: ExistingCodes): { data: ParsedImport; problems: ImportProblem[] } {
  const problems = new ProblemList();
  const read = (text: string | undefined, spec: FileSpec): Table => (text === undefined ? EMPTY_TABLE : readTable(text, spec, problems));

  // 1. Each file on its own: syntax, header, cells, rules within a record, duplicates.
  const unitTable = read(files.units, UNITS_SPEC);
  const planTable = read(files.plans, PLANS_SPEC);
  const indicatorTable = read(files.indicators, INDICATORS_SPEC);
  const observationTable = read(files.observations, OBSERVATIONS_SPEC);

  const units = readUnits(unitTable);
  const plans = readPlans(planTable);
  const indicators = readIndicators(indicatorTable);
  const observations = readObservations(observationTable);

  const declaredUnits = declareCodes('units.csv', files.units !== undefined, unitTable, units);
  const declaredPlans = declareCodes('plans.csv', files.plans !== undefined, planTable, plans);
  const declaredIndicators = declareCodes('indicators.csv', files.indicators !== undefined, indicatorTable, indicators);

  // 2. Between records and files: references (to the import or the database), cycles, measures.
  const unitTarget: ReferenceTarget = { noun: 'a unit', declared: declaredUnits, inDatabase: (c) => existing.units.has(c) };
  const planTarget: ReferenceTarget = { noun: 'a plan', declared: declaredPlans, inDatabase: (c) => existing.plans.has(c) };
  const indicatorTarget: ReferenceTarget = { noun: 'an indicator', declared: declaredIndicators, inDatabase: (c) => existing.indicators.has(c) };
  checkUnits(units, declaredUnits, unitTarget);
  checkPlans(plans, declaredUnits, unitTarget);
  checkIndicators(indicators, declaredPlans, planTarget, unitTarget);
  checkObservations(observations, declaredIndicators, existing, indicatorTarget, unitTarget);

  // 3. The records without problems.
  const clean = <D extends Draft>(file: ImportFileName, drafts: readonly D[]): D[] =>
    problems.fileHasProblem(file) ? [] : drafts.filter((d) => d.checked && !problems.rowHasProblem(file, d.reader.line));

  return {
    data: {
      units: clean('units.csv', units).map(finishUnit),
      plans: clean('plans.csv', plans).map(finishPlan),
      indicators: clean('indicators.csv', indicators).map(finishIndicator),
      observations: clean('observations.csv', observations).map(finishObservation),
    },
    problems: problems.sorted(columnRank),
  };
}
