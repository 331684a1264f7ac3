import { Type, type Static } from 'typebox';
import { STATUS_NAMES } from '../status/types';
import { Code, IsoDate, Nullable, PageQuery } from './common';

export const StatusName = Type.Enum(['no_target', 'no_data', 'achieved', 'missed', 'on_track', 'at_risk', 'off_track']);
export const StatusQuery = Type.Object(
  {
    asOf: Type.Optional(IsoDate),
    knownAt: Type.Optional(Type.String({ maxLength: 40, description: 'ISO date-time; a past moment reproduces what was known then' })),
  },
  { additionalProperties: false },
);
export type StatusQuery = Static<typeof StatusQuery>;

const Dated = Type.Object({ value: Type.Number(), date: Type.String() });

/** A computed status with every input an auditor needs to recompute it by hand (tiendo-status/1). */
export const IndicatorStatusResponse = Type.Object({
  method: Type.String(),
  methodDoc: Type.String({ description: 'Where the method is explained' }),
  indicatorCode: Type.String(),
  asOf: Type.String(),
  knownAt: Type.String(),
  status: StatusName,
  direction: Type.String(),
  progress: Nullable(Type.Number()),
  expectedProgress: Nullable(Type.Number()),
  pace: Nullable(Type.Number()),
  expectedValue: Nullable(Type.Number()),
  gap: Nullable(Type.Number()),
  baseline: Nullable(Type.Object({ value: Type.Number(), date: Type.String(), source: Type.String(), observationId: Nullable(Type.Union([Type.Integer(), Type.String()])) })),
  target: Nullable(Dated),
  milestones: Type.Array(Dated),
  latest: Nullable(Type.Object({ value: Type.Number(), date: Type.String(), observationId: Type.Union([Type.Integer(), Type.String()]) })),
  forecast: Nullable(Type.Number()),
  slopePerYear: Nullable(Type.Number()),
  projectedMet: Nullable(Type.Boolean()),
  forecastPoints: Type.Integer(),
  thresholds: Type.Object({ onTrack: Type.Number(), atRisk: Type.Number() }),
  tolerance: Nullable(Type.Number()),
  definitionError: Nullable(Type.Object({ code: Type.String(), message: Type.String() })),
});
export type IndicatorStatusResponse = Static<typeof IndicatorStatusResponse>;

export const StatusCounts = Type.Object(Object.fromEntries(STATUS_NAMES.map((s) => [s, Type.Integer()])) as Record<(typeof STATUS_NAMES)[number], ReturnType<typeof Type.Integer>>);

export const RollupGroup = Type.Object({
  key: Type.String(),
  label: Type.Object({ vi: Type.String(), en: Nullable(Type.String()) }),
  status: Type.String(),
  counts: StatusCounts,
  total: Type.Integer(),
  withData: Type.Integer(),
  progress: Nullable(Type.Number({ description: 'P: weighted mean of clamped progress over indicators with data' })),
  expectedProgress: Nullable(Type.Number({ description: 'Ē: weighted mean of clamped expected progress' })),
  pace: Nullable(Type.Number({ description: 'R = P / Ē' })),
  indicatorsUrl: Type.String({ description: 'The indicators behind these numbers, with their statuses' }),
});
export type RollupGroup = Static<typeof RollupGroup>;

export const RollupQuery = Type.Object(
  {
    unit: Type.Optional(Code),
    by: Type.Optional(Type.Enum(['plan', 'field', 'unit'])),
    plan: Type.Optional(Code),
    field: Type.Optional(Type.String({ maxLength: 64 })),
    ...StatusQuery.properties,
  },
  { additionalProperties: false },
);
export type RollupQuery = Static<typeof RollupQuery>;

export const RollupResponse = Type.Object({
  method: Type.String(),
  methodDoc: Type.String(),
  unit: Type.String(),
  by: Type.String(),
  asOf: Type.String(),
  knownAt: Type.String(),
  thresholds: Type.Object({ onTrack: Type.Number(), atRisk: Type.Number() }),
  overall: RollupGroup,
  groups: Type.Array(RollupGroup),
});
export type RollupResponse = Static<typeof RollupResponse>;

export const IndicatorStatusListQuery = Type.Object(
  {
    ...PageQuery,
    under: Type.Optional(Code),
    plan: Type.Optional(Code),
    field: Type.Optional(Type.String({ maxLength: 64 })),
    unitGroup: Type.Optional(Code),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words in the code or name, ignoring case and diacritics ("ha tinh" finds "Hà Tĩnh")' })),
    status: Type.Optional(Type.String({ maxLength: 200, description: 'One status or several separated by commas, e.g. at_risk,off_track,missed' })),
    sort: Type.Optional(Type.Enum(['code', 'severity'])),
    ...StatusQuery.properties,
  },
  { additionalProperties: false },
);
export type IndicatorStatusListQuery = Static<typeof IndicatorStatusListQuery>;

export const IndicatorStatusItem = Type.Object({
  code: Type.String(),
  nameVi: Type.String(),
  nameEn: Nullable(Type.String()),
  unitCode: Type.String(),
  planCode: Nullable(Type.String()),
  field: Type.String(),
  measure: Type.String(),
  direction: Type.String(),
  weight: Type.Number(),
  status: StatusName,
  progress: Nullable(Type.Number()),
  expectedProgress: Nullable(Type.Number()),
  pace: Nullable(Type.Number()),
  latest: Nullable(Type.Object({ value: Type.Number(), date: Type.String(), comment: Nullable(Type.String()) })),
  target: Nullable(Dated),
  statusUrl: Type.String(),
});
export type IndicatorStatusItem = Static<typeof IndicatorStatusItem>;

export const IndicatorStatusList = Type.Object({
  items: Type.Array(IndicatorStatusItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  asOf: Type.String(),
  knownAt: Type.String(),
});
export type IndicatorStatusList = Static<typeof IndicatorStatusList>;
