import { Type, type Static } from 'typebox';
import { Code, IsoDate, Nullable, PageQuery } from './common';
import { Field } from './indicators';

/**
 * Where a report due for an indicator, a unit and a period stands: not yet started (`due` until
 * its due date, `overdue` after), or the state of its newest report version.
 */
export const CALENDAR_STATES = ['due', 'overdue', 'drafted', 'submitted', 'accepted', 'returned'] as const;
export type CalendarState = (typeof CALENDAR_STATES)[number];

export const CalendarState = Type.Enum(CALENDAR_STATES);

export const CalendarQuery = Type.Object(
  {
    ...PageQuery,
    unit: Type.Optional(Code),
    from: Type.Optional(IsoDate),
    to: Type.Optional(IsoDate),
    state: Type.Optional(Type.Enum([...CALENDAR_STATES, 'late'] as const, { description: 'One of the states, or `late`: past its due date and not submitted or accepted' })),
    plan: Type.Optional(Code),
    field: Type.Optional(Field),
  },
  { additionalProperties: false },
);
export type CalendarQuery = Static<typeof CalendarQuery>;

export const CalendarItem = Type.Object({
  indicatorCode: Type.String(),
  indicatorName: Type.Object({ vi: Type.String(), en: Nullable(Type.String()) }),
  planCode: Nullable(Type.String()),
  field: Field,
  unitCode: Type.String({ description: 'Who is expected to report: the responsible unit, or the contributing unit of a roll-out target' }),
  period: Type.String(),
  periodEnd: IsoDate,
  dueDate: IsoDate,
  state: CalendarState,
  late: Type.Boolean({ description: 'Past its due date and not submitted or accepted' }),
  observationId: Nullable(Type.Integer()),
  returnReason: Nullable(Type.String()),
  updatedAt: Nullable(Type.String()),
});
export type CalendarItem = Static<typeof CalendarItem>;

export const CalendarCounts = Type.Object({
  due: Type.Integer(),
  overdue: Type.Integer(),
  drafted: Type.Integer(),
  submitted: Type.Integer(),
  accepted: Type.Integer(),
  returned: Type.Integer(),
  late: Type.Integer(),
});
export type CalendarCounts = Static<typeof CalendarCounts>;

export const Calendar = Type.Object({
  unit: Type.String(),
  from: IsoDate,
  to: IsoDate,
  today: IsoDate,
  items: Type.Array(CalendarItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  counts: CalendarCounts,
});
export type Calendar = Static<typeof Calendar>;
