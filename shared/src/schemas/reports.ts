import { Type, type Static } from 'typebox';
import { STATUS_NAMES } from '../status/types';
import { Code, IsoDate, Nullable, Page, PageQuery, Text, VersionBody } from './common';

/**
 * The periodic status report (báo cáo định kỳ) of a unit, laid out per Decree 30/2020/NĐ-CP and
 * delivered as DOCX and PDF. A draft is computed from live data; freezing stores the data snapshot
 * the documents are made from, after which the report never changes (docs/reports.md).
 */

export const REPORT_STATES = ['draft', 'frozen'] as const;
export type ReportState = (typeof REPORT_STATES)[number];

/** The id of the report data and layout; a frozen report keeps the one it was made with. */
export const REPORT_FORMAT = 'tiendo-report/1';

/** A year, half-year, quarter or month: the periods a periodic report covers (not a single day). */
export const ReportPeriod = Type.String({
  pattern: '^\\d{4}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$',
  description: 'The period reported on: 2026, 2026-H1, 2026-Q3 or 2026-09',
});

const lines = (max: number, description: string) => Type.String({ minLength: 1, maxLength: max, description });

const editable = {
  number: Type.String({
    minLength: 3,
    maxLength: 60,
    pattern: '^[0-9]{1,7}/\\S{1,50}$',
    description: 'Number and code of the document, without "Số:", e.g. 125/BC-STTTT',
  }),
  issuingBody: lines(
    300,
    'The issuing body, as printed top left: one line, or two separated by a line break (the superior body, then the issuing body), e.g. "UBND TỈNH HÀ TĨNH\\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG"',
  ),
  place: Text(100, 1),
  issuedOn: IsoDate,
  title: Type.String({ minLength: 1, maxLength: 500, description: 'The summary (trích yếu) under "BÁO CÁO"; by default "Tình hình thực hiện các chỉ tiêu chuyển đổi số <period>"' }),
  signerTitle: lines(200, 'The signing authority and title, one to three lines separated by line breaks, e.g. "KT. GIÁM ĐỐC\\nPHÓ GIÁM ĐỐC"'),
  signerName: Text(100, 1),
  recipients: Type.Array(Text(200, 1), { minItems: 1, maxItems: 30, description: 'Nơi nhận, in order; the last is usually "Lưu: VT, …"' }),
};

export const CreateReportBody = Type.Object(
  {
    unitCode: Code,
    period: ReportPeriod,
    number: editable.number,
    issuingBody: editable.issuingBody,
    place: editable.place,
    issuedOn: editable.issuedOn,
    title: Type.Optional(editable.title),
    signerTitle: editable.signerTitle,
    signerName: editable.signerName,
    recipients: editable.recipients,
  },
  { additionalProperties: false },
);
export type CreateReportBody = Static<typeof CreateReportBody>;

export const UpdateReportBody = Type.Object(
  {
    ...VersionBody,
    period: Type.Optional(ReportPeriod),
    number: Type.Optional(editable.number),
    issuingBody: Type.Optional(editable.issuingBody),
    place: Type.Optional(editable.place),
    issuedOn: Type.Optional(editable.issuedOn),
    title: Type.Optional(editable.title),
    signerTitle: Type.Optional(editable.signerTitle),
    signerName: Type.Optional(editable.signerName),
    recipients: Type.Optional(editable.recipients),
  },
  { additionalProperties: false },
);
export type UpdateReportBody = Static<typeof UpdateReportBody>;

export const FreezeReportBody = Type.Object({ ...VersionBody }, { additionalProperties: false });
export type FreezeReportBody = Static<typeof FreezeReportBody>;

export const ReportListQuery = Type.Object(
  {
    ...PageQuery,
    /** Only this unit's reports; by default every report in your subtree. */
    unit: Type.Optional(Code),
    period: Type.Optional(ReportPeriod),
    state: Type.Optional(Type.Enum(REPORT_STATES)),
  },
  { additionalProperties: false },
);
export type ReportListQuery = Static<typeof ReportListQuery>;

export const ChainHead = Type.Object(
  { seq: Type.Integer(), hash: Nullable(Type.String()) },
  { description: 'The last audit event when the report was frozen: its sequence number and chain hash' },
);
export type ChainHead = Static<typeof ChainHead>;

const Actor = Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }));

export const Report = Type.Object({
  id: Type.Integer(),
  unitCode: Type.String(),
  unitName: Type.String(),
  period: Type.String(),
  asOf: Type.String({ description: "The period's last day: statuses are computed as of it" }),
  number: Type.String(),
  issuingBody: Type.String(),
  place: Type.String(),
  issuedOn: Type.String(),
  title: Type.String(),
  signerTitle: Type.String(),
  signerName: Type.String(),
  recipients: Type.Array(Type.String()),
  state: Type.Enum(REPORT_STATES),
  methodId: Nullable(Type.String({ description: 'Status method of the frozen data (tiendo-status/1)' })),
  knownAt: Nullable(Type.String({ description: 'The knowledge the frozen data uses: the freeze time' })),
  chainHead: Nullable(ChainHead),
  docxSha256: Nullable(Type.String()),
  pdfSha256: Nullable(Type.String()),
  frozenAt: Nullable(Type.String()),
  frozenBy: Actor,
  createdBy: Actor,
  createdAt: Type.String(),
  updatedAt: Type.String(),
  version: Type.Integer(),
  links: Type.Object({ preview: Type.String(), docx: Type.String(), pdf: Type.String() }),
});
export type Report = Static<typeof Report>;

export const ReportList = Page(Report);
export type ReportList = Static<typeof ReportList>;

const Num = Nullable(Type.Number());
const Dated = Type.Object({ value: Type.Number(), date: Type.String() });

export const ReportCounts = Type.Object(
  Object.fromEntries(STATUS_NAMES.map((s) => [s, Type.Integer()])) as Record<(typeof STATUS_NAMES)[number], ReturnType<typeof Type.Integer>>,
);

/** A roll-up row of the report: the whole report, a field or a plan. Numbers rounded to 4 decimals. */
export const ReportGroup = Type.Object({
  key: Type.String(),
  label: Type.String(),
  documentRef: Nullable(Type.String()),
  status: Type.String(),
  counts: ReportCounts,
  total: Type.Integer(),
  withData: Type.Integer(),
  progress: Num,
  expectedProgress: Num,
  pace: Num,
});
export type ReportGroup = Static<typeof ReportGroup>;

/** A target at risk, off track or missed, with its latest value and the comment reported with it. */
export const ReportItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  planCode: Nullable(Type.String()),
  planRef: Nullable(Type.String()),
  field: Type.String(),
  fieldLabel: Type.String(),
  unitCode: Type.String(),
  valueUnit: Type.String({ description: 'How values are written: "%", "trạm", … (empty for a bare number)' }),
  direction: Type.String(),
  status: Type.String(),
  baseline: Nullable(Dated),
  target: Nullable(Dated),
  latest: Nullable(Type.Object({ value: Type.Number(), date: Type.String(), period: Nullable(Type.String()), comment: Nullable(Type.String()) })),
  progress: Num,
  expectedProgress: Num,
  pace: Num,
});
export type ReportItem = Static<typeof ReportItem>;

/**
 * Everything the documents show, and nothing else: a draft's is computed on request; a frozen
 * report's is the snapshot stored at the freeze, from which its files are regenerated.
 */
export const ReportData = Type.Object({
  format: Type.String({ description: REPORT_FORMAT }),
  method: Type.String(),
  reportId: Type.Integer(),
  state: Type.Enum(REPORT_STATES),
  unit: Type.Object({ code: Type.String(), name: Type.String() }),
  period: Type.Object({ key: Type.String(), label: Type.String(), start: Type.String(), end: Type.String() }),
  asOf: Type.String(),
  knownAt: Type.String(),
  issuingBody: Type.Object({ superior: Nullable(Type.String()), name: Type.String() }),
  number: Type.String(),
  place: Type.String(),
  issuedOn: Type.String(),
  dateLine: Type.String({ description: 'Place and date written in full: "Hà Tĩnh, ngày 05 tháng 10 năm 2026"' }),
  type: Type.String(),
  title: Type.String(),
  signer: Type.Object({ title: Type.Array(Type.String()), name: Type.String() }),
  recipients: Type.Array(Type.String()),
  thresholds: Type.Object({ onTrack: Type.Number(), atRisk: Type.Number() }),
  statusLabels: Type.Record(Type.String(), Type.String(), { description: 'The Vietnamese name of each status, as printed' }),
  overall: ReportGroup,
  byField: Type.Array(ReportGroup),
  byPlan: Type.Array(ReportGroup),
  attention: Type.Array(ReportItem),
  excluded: Type.Integer({ description: "Targets of the unit's subtree left out: their plan or deadline ended before the period" }),
  frozen: Nullable(Type.Object({ at: Type.String(), chainHead: Nullable(ChainHead) })),
});
export type ReportData = Static<typeof ReportData>;

export const ReportIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type ReportIdParams = Static<typeof ReportIdParams>;
