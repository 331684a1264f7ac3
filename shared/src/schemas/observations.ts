import { Type, type Static } from 'typebox';
import { QUALIFIERS } from '../domain';
import { OBSERVATION_STATES } from '../roles';
import { Code, FiniteNumber, Nullable, Page, PageQuery, PeriodKey, Text, VersionBody } from './common';

export const ObservationState = Type.Enum(OBSERVATION_STATES);
export const Qualifier = Type.Enum(QUALIFIERS);

const Actor = Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }));

export const Observation = Type.Object({
  id: Type.Integer(),
  seriesId: Type.Integer(),
  versionNo: Type.Integer(),
  indicatorCode: Type.String(),
  unitCode: Type.String(),
  period: Type.String(),
  periodEnd: Type.String(),
  value: Nullable(Type.Number()),
  numerator: Nullable(Type.Number()),
  denominator: Nullable(Type.Number()),
  qualifier: Nullable(Qualifier),
  valueTo: Nullable(Type.Number()),
  comment: Nullable(Type.String()),
  source: Nullable(Type.String()),
  quote: Nullable(Type.String()),
  state: ObservationState,
  origin: Type.Enum(['entry', 'import']),
  importId: Nullable(Type.Integer()),
  createdBy: Actor,
  createdAt: Type.String(),
  submittedBy: Actor,
  submittedAt: Nullable(Type.String()),
  reviewedBy: Actor,
  reviewedAt: Nullable(Type.String()),
  acceptedAt: Nullable(Type.String()),
  returnReason: Nullable(Type.String()),
  supersededAt: Nullable(Type.String()),
  version: Type.Integer(),
  updatedAt: Type.String(),
});
export type Observation = Static<typeof Observation>;

export const ObservationList = Page(Observation);
export type ObservationList = Static<typeof ObservationList>;

export const ObservationListQuery = Type.Object(
  {
    ...PageQuery,
    indicator: Type.Optional(Code),
    under: Type.Optional(Code),
    plan: Type.Optional(Code),
    field: Type.Optional(Type.String({ maxLength: 64 })),
    period: Type.Optional(PeriodKey),
    state: Type.Optional(ObservationState),
    includeSuperseded: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ObservationListQuery = Static<typeof ObservationListQuery>;

const valueFields = {
  value: Type.Optional(Nullable(FiniteNumber)),
  numerator: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 1e15 }))),
  denominator: Type.Optional(Nullable(Type.Number({ exclusiveMinimum: 0, maximum: 1e15 }))),
  qualifier: Type.Optional(Nullable(Qualifier)),
  valueTo: Type.Optional(Nullable(FiniteNumber)),
  comment: Type.Optional(Nullable(Text(4000))),
  source: Type.Optional(Nullable(Text(1000))),
};

export const CreateObservationBody = Type.Object(
  { indicatorCode: Code, unitCode: Code, period: PeriodKey, ...valueFields },
  { additionalProperties: false },
);
export type CreateObservationBody = Static<typeof CreateObservationBody>;

export const UpdateObservationBody = Type.Object({ ...VersionBody, ...valueFields }, { additionalProperties: false });
export type UpdateObservationBody = Static<typeof UpdateObservationBody>;

/** A workflow step names the version it acts on, so two reviewers cannot both act on the same one. */
export const TransitionBody = Type.Object({ ...VersionBody }, { additionalProperties: false });
export type TransitionBody = Static<typeof TransitionBody>;

export const ReturnBody = Type.Object(
  { ...VersionBody, reason: Text(4000, 3) },
  { additionalProperties: false, description: 'Return a submitted report to its author, saying what to fix' },
);
export type ReturnBody = Static<typeof ReturnBody>;

/** A correction of an accepted value: a new version that needs acceptance again. */
export const CorrectionBody = Type.Object({ ...valueFields }, { additionalProperties: false });
export type CorrectionBody = Static<typeof CorrectionBody>;

export const ObservationHistory = Type.Object({ items: Type.Array(Observation) });
export type ObservationHistory = Static<typeof ObservationHistory>;
