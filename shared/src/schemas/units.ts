import { Type, type Static } from 'typebox';
import { UNIT_TYPES } from '../domain';
import { Code, IsoDate, Nullable, Page, PageQuery, Text, VersionBody } from './common';

export const UnitType = Type.Enum(UNIT_TYPES);
export const SUCCESSION_KINDS = ['merge', 'split', 'rename', 'transfer'] as const;

export const Succession = Type.Object({
  kind: Type.Enum(SUCCESSION_KINDS),
  unitCode: Type.String(),
  effectiveOn: Type.String(),
  legalRef: Nullable(Type.String()),
});

export const Unit = Type.Object({
  code: Type.String(),
  nameVi: Type.String(),
  nameEn: Nullable(Type.String()),
  type: UnitType,
  parentCode: Nullable(Type.String()),
  depth: Type.Integer(),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
  active: Type.Boolean(),
  successors: Type.Array(Succession),
  predecessors: Type.Array(Succession),
  version: Type.Integer(),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
export type Unit = Static<typeof Unit>;

export const UnitList = Page(Unit);
export type UnitList = Static<typeof UnitList>;

export const UnitListQuery = Type.Object(
  {
    ...PageQuery,
    q: Type.Optional(Text(200)),
    under: Type.Optional(Code),
    type: Type.Optional(UnitType),
    activeOn: Type.Optional(IsoDate),
    sort: Type.Optional(Type.Enum(['code', 'name'])),
  },
  { additionalProperties: false },
);
export type UnitListQuery = Static<typeof UnitListQuery>;

export const CreateUnitBody = Type.Object(
  {
    code: Code,
    nameVi: Text(300, 1),
    nameEn: Type.Optional(Nullable(Text(300))),
    type: UnitType,
    parentCode: Nullable(Code),
    validFrom: Type.Optional(Nullable(IsoDate)),
    validTo: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;

export const UpdateUnitBody = Type.Object(
  {
    ...VersionBody,
    nameVi: Type.Optional(Text(300, 1)),
    nameEn: Type.Optional(Nullable(Text(300))),
    type: Type.Optional(UnitType),
    parentCode: Type.Optional(Nullable(Code)),
    validFrom: Type.Optional(Nullable(IsoDate)),
    validTo: Type.Optional(Nullable(IsoDate)),
  },
  { additionalProperties: false },
);
export type UpdateUnitBody = Static<typeof UpdateUnitBody>;

/** Record that units merged, split, were renamed or moved: the history continues in the successor. */
export const CreateSuccessionBody = Type.Object(
  {
    predecessorCode: Code,
    successorCode: Code,
    kind: Type.Enum(SUCCESSION_KINDS),
    effectiveOn: IsoDate,
    legalRef: Type.Optional(Nullable(Text(200))),
    closePredecessor: Type.Optional(Type.Boolean({ description: 'Set the predecessor validTo to the day before effectiveOn' })),
  },
  { additionalProperties: false },
);
export type CreateSuccessionBody = Static<typeof CreateSuccessionBody>;
