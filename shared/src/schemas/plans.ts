import { Type, type Static } from 'typebox';
import { PLAN_KINDS } from '../domain';
import { Code, IsoDate, Nullable, Page, PageQuery, PeriodKey, Text, VersionBody } from './common';

export const PlanKind = Type.Enum(PLAN_KINDS);

export const Plan = Type.Object({
  code: Type.String(),
  provinceCode: Nullable(Type.String()),
  titleVi: Type.String(),
  titleEn: Nullable(Type.String()),
  kind: PlanKind,
  documentRef: Nullable(Type.String()),
  issuedOn: Nullable(Type.String()),
  issuingBody: Nullable(Type.String()),
  periodStart: Nullable(Type.String()),
  periodEnd: Nullable(Type.String()),
  startDate: Nullable(Type.String()),
  endDate: Nullable(Type.String()),
  ownerUnitCode: Nullable(Type.String()),
  thresholds: Type.Object({ onTrack: Type.Number(), atRisk: Type.Number() }),
  graceDays: Type.Integer(),
  source: Nullable(Type.String()),
  isSample: Type.Boolean(),
  indicatorCount: Type.Integer(),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Plan = Static<typeof Plan>;

export const PlanList = Page(Plan);
export type PlanList = Static<typeof PlanList>;

export const PlanListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Text(200)),
    under: Type.Optional(Code),
    kind: Type.Optional(PlanKind),
    sort: Type.Optional(Type.Enum(['code', 'title'])),
  },
  { additionalProperties: false },
);
export type PlanListQuery = Static<typeof PlanListQuery>;

const Threshold = Type.Number({ exclusiveMinimum: 0, maximum: 1 });

const planFields = {
  provinceCode: Type.Optional(Nullable(Code)),
  titleVi: Text(1000, 1),
  titleEn: Type.Optional(Nullable(Text(1000))),
  kind: PlanKind,
  documentRef: Type.Optional(Nullable(Text(100))),
  issuedOn: Type.Optional(Nullable(IsoDate)),
  issuingBody: Type.Optional(Nullable(Text(300))),
  periodStart: Type.Optional(Nullable(PeriodKey)),
  periodEnd: Type.Optional(Nullable(PeriodKey)),
  ownerUnitCode: Type.Optional(Nullable(Code)),
  onTrackThreshold: Type.Optional(Nullable(Threshold)),
  atRiskThreshold: Type.Optional(Nullable(Threshold)),
  graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
  source: Type.Optional(Nullable(Text(1000))),
};

export const CreatePlanBody = Type.Object({ code: Code, ...planFields }, { additionalProperties: false });
export type CreatePlanBody = Static<typeof CreatePlanBody>;

export const UpdatePlanBody = Type.Object(
  {
    ...VersionBody,
    ...planFields,
    titleVi: Type.Optional(Text(1000, 1)),
    kind: Type.Optional(PlanKind),
  },
  { additionalProperties: false },
);
export type UpdatePlanBody = Static<typeof UpdatePlanBody>;
