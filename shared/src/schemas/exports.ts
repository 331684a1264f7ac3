import { Type, type Static } from 'typebox';
import { Code, DateTime, Nullable, Page, PageQuery, PeriodKey, Text } from './common';

export const EXPORT_KINDS = ['observations', 'indicators', 'plans', 'units', 'audit-events'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** `expired`: completed, and its files removed once kept for TIENDO_EXPORT_KEEP_DAYS; the record and its manifest stay. */
export const EXPORT_STATUSES = ['queued', 'running', 'completed', 'failed', 'expired'] as const;
export type ExportStatus = (typeof EXPORT_STATUSES)[number];

/** Which filters each kind takes; any other is refused (400) rather than silently ignored. */
export const EXPORT_FILTERS: Record<ExportKind, readonly (keyof ExportFilters)[]> = {
  units: ['under'],
  plans: ['under', 'plan'],
  indicators: ['under', 'plan', 'field'],
  observations: ['under', 'plan', 'field', 'period', 'from', 'to'],
  'audit-events': ['under', 'from', 'to', 'entity', 'actor', 'action'],
};

export const ExportFilters = Type.Object(
  {
    /** A unit code: its subtree (default: your own unit); it must lie in your subtree. */
    under: Type.Optional(Code),
    plan: Type.Optional(Code),
    field: Type.Optional(Text(64, 1)),
    /** A period key; a year, half or quarter also selects the periods inside it (2021 → 2021-Q1, 2021-06 …). */
    period: Type.Optional(PeriodKey),
    /** From this time (observations: when the version was recorded; audit events: their time). */
    from: Type.Optional(DateTime),
    /** Up to this time, inclusive. */
    to: Type.Optional(DateTime),
    entity: Type.Optional(Text(64, 1)),
    actor: Type.Optional(Text(254, 1)),
    action: Type.Optional(Text(64, 1)),
  },
  { additionalProperties: false },
);
export type ExportFilters = Static<typeof ExportFilters>;

export const CreateExportBody = Type.Object(
  {
    kind: Type.Union([Type.Literal('observations'), Type.Literal('indicators'), Type.Literal('plans'), Type.Literal('units'), Type.Literal('audit-events')]),
    format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx'), Type.Literal('json')]),
    filters: Type.Optional(ExportFilters),
  },
  { additionalProperties: false },
);
export type CreateExportBody = Static<typeof CreateExportBody>;

export const ExportFile = Type.Object({
  name: Type.String(),
  contentType: Type.String(),
  bytes: Type.Integer(),
  sha256: Type.String(),
  rows: Type.Integer({ description: 'Data rows in the file (0 for manifest.json)' }),
});
export type ExportFile = Static<typeof ExportFile>;

export const ExportJob = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  format: Type.String(),
  filters: Type.Record(Type.String(), Type.String()),
  status: Type.Union([Type.Literal('queued'), Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed'), Type.Literal('expired')]),
  rowsWritten: Type.Integer(),
  totalRows: Nullable(Type.Integer()),
  files: Type.Array(ExportFile),
  manifest: Type.Unknown({ description: 'The manifest.json written next to the files (null until complete)' }),
  chainHead: Nullable(Type.Object({ seq: Type.Integer(), hash: Type.String() })),
  error: Nullable(Type.String()),
  createdBy: Type.String(),
  createdAt: DateTime,
  finishedAt: Nullable(DateTime),
  /** When a completed export's files are to be removed (they are kept TIENDO_EXPORT_KEEP_DAYS days); null otherwise. */
  expiresAt: Nullable(DateTime),
  /** When an expired export's files were removed (its manifest.json can still be downloaded); null otherwise. */
  filesRemovedAt: Nullable(DateTime),
});
export type ExportJob = Static<typeof ExportJob>;

export const ExportCreated = Type.Object({ id: Type.Integer(), status: Type.String() });

export const ExportList = Page(ExportJob);
export type ExportList = Static<typeof ExportList>;

export const ExportListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });

export const ExportFileParams = Type.Object({ id: Type.Integer({ minimum: 1 }), name: Type.String({ minLength: 1, maxLength: 128 }) });
