/**
 * The closed vocabularies of the domain, shared by the server (validation, database)
 * and the web client (forms, filters). Each list is the set of values the import
 * format and the API accept, in display order.
 */

/** Kinds of organisational or territorial unit. */
export const UNIT_TYPES = ['nation', 'province', 'department', 'district', 'commune', 'agency', 'enterprise'] as const;
export type UnitType = (typeof UNIT_TYPES)[number];

/** Kinds of planning document. */
export const PLAN_KINDS = ['program', 'plan', 'project', 'masterplan', 'resolution'] as const;
export type PlanKind = (typeof PLAN_KINDS)[number];

/** What an indicator's values measure. */
export const MEASURES = [
  'percent',
  'count',
  'per_100_people',
  'per_100_households',
  'km',
  'ratio',
  'boolean',
  'growth_rate_percent',
] as const;
export type Measure = (typeof MEASURES)[number];

/** Which way an indicator should move; `achieve` is a milestone (measure `boolean`). */
export const DIRECTIONS = ['increase', 'decrease', 'maintain', 'achieve'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** How often an indicator is reported. */
export const FREQUENCIES = ['monthly', 'quarterly', 'half_yearly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** How an observed value is qualified: "hơn 3.000" (more_than), "dưới 100" (less_than), "15–20" (range). */
export const QUALIFIERS = ['more_than', 'less_than', 'range'] as const;
export type Qualifier = (typeof QUALIFIERS)[number];

/** Fields (sectors) of the information-and-communications domain an indicator belongs to. */
export const FIELDS = [
  'postal',
  'telecom',
  'it_application',
  'cybersecurity',
  'ict_industry',
  'press_media',
  'publishing',
  'e_government',
  'digital_transformation',
] as const;
export type Field = (typeof FIELDS)[number];

export const FIELD_NAMES: Record<Field, { vi: string; en: string }> = {
  postal: { vi: 'Bưu chính', en: 'Postal services' },
  telecom: { vi: 'Viễn thông', en: 'Telecommunications' },
  it_application: { vi: 'Ứng dụng CNTT', en: 'IT application' },
  cybersecurity: { vi: 'An toàn, an ninh mạng', en: 'Cybersecurity' },
  ict_industry: { vi: 'Công nghiệp ICT', en: 'ICT industry' },
  press_media: { vi: 'Báo chí, truyền thông', en: 'Press and media' },
  publishing: { vi: 'Xuất bản', en: 'Publishing' },
  e_government: { vi: 'Chính quyền điện tử', en: 'E-government' },
  digital_transformation: { vi: 'Chuyển đổi số', en: 'Digital transformation' },
};

/**
 * How a roll-out indicator is computed from the observations of the units below it: reported
 * directly (`none`), a sum of counts, a ratio Σ numerators / Σ denominators, or the share of units
 * whose milestone is done. Ratios are always recomputed from their parts, never averaged.
 */
export const AGGREGATIONS = ['none', 'sum', 'ratio', 'share_done'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

/** True when `value` is one of `values` (narrows the type). */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}
