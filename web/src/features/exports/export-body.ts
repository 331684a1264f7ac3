import { EXPORT_FILTERS, EXPORT_FORMATS, EXPORT_KINDS, type CreateExportBody, type ExportFilters, type ExportFormat, type ExportKind } from '@tiendo/shared/schemas/exports';

export const EXPORT_FILTER_KEYS = ['under', 'plan', 'field', 'period', 'from', 'to', 'entity', 'actor', 'action'] as const;
export type ExportFilterKey = (typeof EXPORT_FILTER_KEYS)[number];

/** People pick days; the API takes moments: the whole day in Vietnam's time. */
const startOfDay = (date: string) => `${date}T00:00:00+07:00`;
const endOfDay = (date: string) => `${date}T23:59:59.999+07:00`;
export const isExportKind = (value: string): value is ExportKind => (EXPORT_KINDS as readonly string[]).includes(value);
export const isExportFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

/** The request for a kind, with only the filters it takes (the API refuses others). */
export function exportBody(kind: ExportKind, format: ExportFormat, values: Record<ExportFilterKey, string>): CreateExportBody {
  const filters: ExportFilters = {};
  for (const key of EXPORT_FILTERS[kind]) {
    const value = values[key as ExportFilterKey]?.trim();
    if (!value) continue;
    if (key === 'from') filters.from = startOfDay(value);
    else if (key === 'to') filters.to = endOfDay(value);
    else filters[key as Exclude<ExportFilterKey, 'from' | 'to'>] = value;
  }
  return { kind, format, ...(Object.keys(filters).length ? { filters } : {}) };
}

