import { Type, type Static } from 'typebox';
import { AGGREGATIONS, DIRECTIONS, FIELDS, FREQUENCIES, MEASURES } from '../domain';
import { Code, DateTime, FiniteNumber, IsoDate, Nullable, Page, PageQuery, PeriodKey, Text, VersionBody } from './common';

export const Measure = Type.Enum(MEASURES);
export const Direction = Type.Enum(DIRECTIONS);
export const Field = Type.Enum(FIELDS);
export const Frequency = Type.Enum(FREQUENCIES);
export const Aggregation = Type.Enum(AGGREGATIONS);

export const Milestone = Type.Object({ date: IsoDate, value: FiniteNumber }, { additionalProperties: false });
export type Milestone = Static<typeof Milestone>;

export const Indicator = Type.Object({
  code: Type.String(),
  planCode: Nullable(Type.String()),
  unitCode: Type.String(),
  contributingUnitCodes: Type.Array(Type.String()),
  field: Field,
  nameVi: Type.String(),
  nameEn: Nullable(Type.String()),
  measure: Measure,
  unitLabel: Nullable(Type.String()),
  direction: Direction,
  baseline: Nullable(Type.Object({ value: Type.Number(), date: Type.String() })),
  target: Nullable(Type.Object({ value: Type.Number(), date: Type.String(), period: Nullable(Type.String()) })),
  milestones: Type.Array(Type.Object({ date: Type.String(), value: Type.Number() })),
  tolerance: Nullable(Type.Number()),
  frequency: Frequency,
  dataSource: Nullable(Type.String()),
  notes: Nullable(Type.String()),
  weight: Type.Number(),
  aggregation: Aggregation,
  isSample: Type.Boolean(),
  revisionNo: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Indicator = Static<typeof Indicator>;

export const IndicatorList = Page(Indicator);
export type IndicatorList = Static<typeof IndicatorList>;

export const IndicatorListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Text(200)),
    under: Type.Optional(Code),
    plan: Type.Optional(Code),
    field: Type.Optional(Field),
    measure: Type.Optional(Measure),
    hasTarget: Type.Optional(Type.Boolean()),
    sort: Type.Optional(Type.Enum(['code', 'name'])),
  },
  { additionalProperties: false },
);
export type IndicatorListQuery = Static<typeof IndicatorListQuery>;

const definitionFields = {
  baselineValue: Type.Optional(Nullable(FiniteNumber)),
  baselineDate: Type.Optional(Nullable(PeriodKey)),
  targetValue: Type.Optional(Nullable(FiniteNumber)),
  targetDate: Type.Optional(Nullable(PeriodKey)),
  milestones: Type.Optional(Type.Array(Milestone, { maxItems: 50 })),
};

const descriptiveFields = {
  planCode: Type.Optional(Nullable(Code)),
  contributingUnitCodes: Type.Optional(Type.Array(Code, { maxItems: 500 })),
  nameEn: Type.Optional(Nullable(Text(1000))),
  unitLabel: Type.Optional(Nullable(Text(100))),
  tolerance: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e15 }))),
  frequency: Type.Optional(Frequency),
  dataSource: Type.Optional(Nullable(Text(1000))),
  notes: Type.Optional(Nullable(Text(4000))),
  weight: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 1000 })),
  aggregation: Type.Optional(Aggregation),
};

export const CreateIndicatorBody = Type.Object(
  {
    code: Code,
    unitCode: Code,
    field: Field,
    nameVi: Text(1000, 1),
    measure: Measure,
    direction: Direction,
    ...descriptiveFields,
    ...definitionFields,
  },
  { additionalProperties: false },
);
export type CreateIndicatorBody = Static<typeof CreateIndicatorBody>;

export const UpdateIndicatorBody = Type.Object(
  {
    ...VersionBody,
    unitCode: Type.Optional(Code),
    field: Type.Optional(Field),
    nameVi: Type.Optional(Text(1000, 1)),
    measure: Type.Optional(Measure),
    direction: Type.Optional(Direction),
    ...descriptiveFields,
    ...definitionFields,
    revisionReason: Type.Optional(Text(2000, 1)),
    legalRef: Type.Optional(Text(200, 1)),
  },
  { additionalProperties: false },
);
export type UpdateIndicatorBody = Static<typeof UpdateIndicatorBody>;

export const IndicatorRevision = Type.Object({
  revisionNo: Type.Integer(),
  effectiveAt: DateTime,
  baseline: Nullable(Type.Object({ value: Type.Number(), date: Type.String() })),
  target: Nullable(Type.Object({ value: Type.Number(), date: Type.String() })),
  milestones: Type.Array(Type.Object({ date: Type.String(), value: Type.Number() })),
  reason: Type.String(),
  legalRef: Nullable(Type.String()),
  actor: Nullable(Type.String()),
});
export type IndicatorRevision = Static<typeof IndicatorRevision>;

export const IndicatorRevisionList = Type.Object({ items: Type.Array(IndicatorRevision) });
export type IndicatorRevisionList = Static<typeof IndicatorRevisionList>;
