import { Type, type Static, type TNull, type TSchema, type TUnion } from 'typebox';

/** RFC 9457 problem details, with our stable `code` and, for validation, each bad field. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    currentVersion: Type.Optional(Type.Integer()),
    existingId: Type.Optional(Type.Integer({ description: 'On 409 CONFLICT for a report that already exists: its id' })),
    existingState: Type.Optional(Type.String({ description: 'On 409 CONFLICT for a report that already exists: its state' })),
  },
  { description: 'RFC 9457 problem details' },
);
export type Problem = Static<typeof Problem>;

/**
 * A schema that also accepts null. Written as `type: [X, 'null']` (and null added to an enum)
 * rather than `anyOf`, because Ajv's type coercion would turn a null into 0 or "" while trying the
 * first branch of an anyOf, so `"denominator": null` would fail as "0 is not > 0".
 */
export const Nullable = <T extends TSchema>(schema: T): TUnion<[T, TNull]> => {
  const s = schema as unknown as Record<string, unknown>;
  if (typeof s.type === 'string') {
    const out: Record<string, unknown> = { ...s, type: [s.type, 'null'] };
    if (Array.isArray(s.enum)) out.enum = [...(s.enum as unknown[]), null];
    return out as unknown as TUnion<[T, TNull]>;
  }
  if (Array.isArray(s.enum) && s.type === undefined) return { ...s, enum: [...(s.enum as unknown[]), null] } as unknown as TUnion<[T, TNull]>;
  return Type.Union([schema, Type.Null()]);
};

export const Code = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar date YYYY-MM-DD' });
export const PeriodKey = Type.String({
  pattern: '^\\d{4}(-(H[12]|Q[1-4]|\\d{2}(-\\d{2})?))?$',
  description: 'A period: 2021, 2021-H1, 2021-Q1, 2021-06 or 2021-06-30',
});
export const DateTime = Type.String({ description: 'ISO-8601 date-time (UTC)' });
/** The pattern of a required text: at least one character that is not white space. */
export const NOT_BLANK = '\\S';
/** Text up to `max` characters; a required one (`min` ≥ 1) must not be only white space either. */
export const Text = (max = 500, min = 0) => Type.String(min > 0 ? { minLength: min, maxLength: max, pattern: NOT_BLANK } : { minLength: min, maxLength: max });
export const FiniteNumber = Type.Number({ minimum: -1e15, maximum: 1e15 });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const VersionBody = { version: Type.Integer({ minimum: 1, description: 'The version you read; a stale one is refused with 409' }) };

export const CodeParams = Type.Object({ code: Code });
export type CodeParams = Static<typeof CodeParams>;
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type IdParams = Static<typeof IdParams>;
