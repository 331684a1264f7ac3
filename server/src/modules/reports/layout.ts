/**
 * The report as a format-neutral layout, built only from the report data: both the DOCX and the
 * PDF renderer draw this one structure, so the two files always say the same thing. Sizes are in
 * points. The parts and their typography follow Decree 30/2020/NĐ-CP, Appendix I.
 */
import type { ReportData, ReportGroup, ReportItem } from '@tiendo/shared/schemas/reports';
import { STATUS_ORDER, lowerFirst, momentVi, numberVi, shortDate, valueVi } from './vietnamese';

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface Para {
  kind: 'para';
  runs: Run[];
  align: Align;
  size: number;
  firstLineIndent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** Keep on the same page as the next block (headings). */
  keepWithNext?: boolean;
  /** A short centred rule under the paragraph, as a fraction of the width of its text (Decree 30). */
  rule?: number;
  /** A box around the text (the "DỰ THẢO" mark of a draft). */
  boxed?: boolean;
}

export interface TableColumn {
  header: string;
  /** Share of the text width. */
  width: number;
  align: Align;
}

export interface TableBlock {
  kind: 'table';
  size: number;
  columns: TableColumn[];
  rows: { cells: string[]; bold?: boolean }[];
}

/** Two side-by-side columns without borders: the header block and the signature block. */
export interface Columns {
  kind: 'columns';
  widths: [number, number];
  left: Para[];
  right: Para[];
}

/** Starts a new page in this orientation: a wide table may turn the page (Decree 30). */
export interface PageBreak {
  kind: 'page';
  orientation: Orientation;
}

export type Orientation = 'portrait' | 'landscape';

export type Block = Para | TableBlock | Columns | PageBreak;

export interface DocumentLayout {
  /** Fixed document metadata: the dates are the moment of the data (the freeze time), never "now". */
  meta: { title: string; subject: string; keywords: string; author: string; date: string };
  blocks: Block[];
}

export interface PageGeometry {
  width: number;
  height: number;
  margin: { top: number; bottom: number; left: number; right: number };
  /** Distance of the page number from the top edge. */
  numberTop: number;
}

/**
 * A4, margins within Decree 30's ranges, page numbers centred in the top margin. A landscape page
 * is read by turning the bound document clockwise, so its top is the binding edge and keeps the
 * wide margin.
 */
export const PAGES: Record<Orientation, PageGeometry> = {
  portrait: { width: 595.28, height: 841.89, margin: { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15) }, numberTop: mm(10) },
  landscape: { width: 841.89, height: 595.28, margin: { top: mm(30), bottom: mm(20), left: mm(20), right: mm(20) }, numberTop: mm(15) },
};
export const textWidth = (o: Orientation): number => PAGES[o].width - PAGES[o].margin.left - PAGES[o].margin.right;

export const BODY_SIZE = 14;
export const TABLE_SIZE = 12;
export const INDENT = mm(10);
export const PARA_GAP = 6;

export function mm(x: number): number {
  return (x * 72) / 25.4;
}

const para = (runs: Run[] | string, options: Omit<Para, 'kind' | 'runs'>): Para => ({
  kind: 'para',
  runs: typeof runs === 'string' ? [{ text: runs }] : runs,
  ...options,
});

const body = (runs: Run[] | string, extra: Partial<Para> = {}): Para =>
  para(runs, { align: 'justify', size: BODY_SIZE, firstLineIndent: INDENT, spaceAfter: PARA_GAP, ...extra });

const heading = (text: string, extra: Partial<Para> = {}): Para =>
  para([{ text, bold: true }], { align: 'justify', size: BODY_SIZE, firstLineIndent: INDENT, spaceBefore: 3, spaceAfter: PARA_GAP, keepWithNext: true, ...extra });

const HEADER_WIDTHS: [number, number] = [0.46, 0.54];

const ratio = (x: number | null) => numberVi(x, 4);

/** The name of a status as the report's data gives it (a frozen report keeps the names it printed). */
type Label = (status: string) => string;

function countsSentence(g: ReportGroup, label: Label): string {
  return STATUS_ORDER.map((s) => `${lowerFirst(label(s))} ${g.counts[s]}`).join('; ');
}

function groupTable(first: string, groups: ReportGroup[], overall: ReportGroup, label: Label): TableBlock {
  // Drawn on a landscape page: the counts of all seven statuses and P, Ē, R side by side.
  const countWidth = 0.06;
  const columns: TableColumn[] = [
    { header: first, width: 0.228, align: 'left' },
    { header: 'Tổng số', width: countWidth, align: 'center' },
    ...STATUS_ORDER.map((s) => ({ header: label(s), width: countWidth, align: 'center' as const })),
    { header: 'P', width: 0.062, align: 'center' },
    { header: 'Ē', width: 0.062, align: 'center' },
    { header: 'R', width: 0.062, align: 'center' },
    { header: 'Đánh giá', width: 0.106, align: 'center' },
  ];
  const row = (name: string, g: ReportGroup) => [
    name,
    String(g.total),
    ...STATUS_ORDER.map((s) => String(g.counts[s])),
    ratio(g.progress),
    ratio(g.expectedProgress),
    ratio(g.pace),
    label(g.status),
  ];
  return {
    kind: 'table',
    size: TABLE_SIZE,
    columns,
    rows: [...groups.map((g) => ({ cells: row(g.documentRef ? `${g.label} (${g.documentRef})` : g.label, g) })), { cells: row('Tổng cộng', overall), bold: true }],
  };
}

function itemBlocks(item: ReportItem, index: number, label: Label): Para[] {
  const where = [item.planRef ? `Thuộc kế hoạch ${item.planRef}` : 'Không thuộc kế hoạch', `lĩnh vực ${item.fieldLabel}`, `mã ${item.code}`].join('; ');
  const facts: string[] = [];
  if (item.target) facts.push(`Chỉ tiêu: ${valueVi(item.target.value, item.valueUnit)} đến ngày ${shortDate(item.target.date)}`);
  if (item.baseline) facts.push(`giá trị ban đầu ${valueVi(item.baseline.value, item.valueUnit)} (ngày ${shortDate(item.baseline.date)})`);
  const latest = item.latest
    ? `Giá trị mới nhất: ${valueVi(item.latest.value, item.valueUnit)} (${item.latest.period ?? `ngày ${shortDate(item.latest.date)}`}).`
    : 'Chưa có giá trị được phê duyệt.';
  const pace =
    item.progress !== null
      ? ` Tiến độ đạt ${ratio(item.progress)}; tiến độ kỳ vọng ${ratio(item.expectedProgress)}; chỉ số tiến độ ${ratio(item.pace)}.`
      : '';
  // One run per line where it can be: PDFKit may wrap a run that starts late on a justified line.
  return [
    body([{ text: `${index + 1}. ${item.name}: ${lowerFirst(label(item.status))}.`, bold: true }], { keepWithNext: true, spaceAfter: 2 }),
    body(`${where}.`, { keepWithNext: true, spaceAfter: 2 }),
    body(`${facts.length ? `${facts.join('; ')}. ` : ''}${latest}${pace}`, { spaceAfter: 2, keepWithNext: true }),
    body([{ text: 'Nhận xét của đơn vị: ', italic: true }, { text: item.latest?.comment ?? 'không có.' }]),
  ];
}

/** Recipients as Decree 30 prints them: "- UBND tỉnh;" … "- Lưu: VT, KHTC.". */
export function recipientLines(recipients: string[]): string[] {
  return recipients.map((r, i) => {
    const text = r.trim().replace(/[;.,]+$/, '');
    return `- ${text}${i === recipients.length - 1 ? '.' : ';'}`;
  });
}

export function buildLayout(d: ReportData): DocumentLayout {
  const blocks: Block[] = [];
  const label: Label = (status) => d.statusLabels[status] ?? status;
  const draft = d.state === 'draft';
  if (draft) blocks.push(para([{ text: 'DỰ THẢO', bold: true }], { align: 'left', size: 12, boxed: true, spaceAfter: 6 }));

  // Header block: issuing body | national title and motto; then number | place and date.
  const left: Para[] = [];
  // Sizes at the low end of Decree 30's ranges (12–13, 12–13, 13–14), so that a department's
  // full name and the national title fit side by side on A4.
  if (d.issuingBody.superior) left.push(para(d.issuingBody.superior.toLocaleUpperCase('vi'), { align: 'center', size: 12 }));
  left.push(para([{ text: d.issuingBody.name.toLocaleUpperCase('vi'), bold: true }], { align: 'center', size: 12, rule: 0.4 }));
  const right: Para[] = [
    para([{ text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true }], { align: 'center', size: 12 }),
    para([{ text: 'Độc lập - Tự do - Hạnh phúc', bold: true, underline: true }], { align: 'center', size: 13 }),
  ];
  blocks.push({ kind: 'columns', widths: HEADER_WIDTHS, left, right });
  blocks.push({
    kind: 'columns',
    widths: HEADER_WIDTHS,
    left: [para(`Số: ${d.number}`, { align: 'center', size: 13, spaceBefore: 8 })],
    right: [para([{ text: d.dateLine, italic: true }], { align: 'center', size: 14, spaceBefore: 8 })],
  });

  // Type and summary.
  blocks.push(para([{ text: d.type, bold: true }], { align: 'center', size: 14, spaceBefore: 24 }));
  blocks.push(para([{ text: d.title, bold: true }], { align: 'center', size: 14, rule: 0.35, spaceAfter: 18 }));

  // Body.
  blocks.push(body(`Tình hình thực hiện các chỉ tiêu của ${d.unit.name} ${d.period.label} được báo cáo như sau:`));
  blocks.push(
    body(
      `Số liệu được đánh giá đến hết ngày ${shortDate(d.asOf)} (ngày cuối kỳ báo cáo), gồm các số liệu đã được phê duyệt đến ${momentVi(d.knownAt)}. ` +
        `Tình trạng của từng chỉ tiêu được xác định theo phương pháp ${d.method}: so sánh tiến độ thực hiện (phần khoảng cách từ giá trị ban đầu đến chỉ tiêu đã đi được) ` +
        `với tiến độ kỳ vọng theo kế hoạch; chỉ số tiến độ từ ${numberVi(d.thresholds.onTrack)} trở lên là đúng tiến độ, từ ${numberVi(d.thresholds.atRisk)} đến dưới ${numberVi(d.thresholds.onTrack)} là có nguy cơ chậm, dưới ${numberVi(d.thresholds.atRisk)} là chậm tiến độ.`,
    ),
  );

  const o = d.overall;
  blocks.push(heading('I. KẾT QUẢ CHUNG'));
  blocks.push(body(`Tổng số chỉ tiêu theo dõi trong kỳ: ${o.total} chỉ tiêu, trong đó: ${countsSentence(o, label)}.`));
  blocks.push(
    body(
      o.withData > 0
        ? `Trên ${o.withData} chỉ tiêu có số liệu: tiến độ bình quân P = ${ratio(o.progress)}; tiến độ kỳ vọng bình quân Ē = ${ratio(o.expectedProgress)}; chỉ số tiến độ R = P/Ē = ${ratio(o.pace)}. Đánh giá chung: ${lowerFirst(label(o.status))}.`
        : 'Chưa có chỉ tiêu nào có số liệu được phê duyệt để đánh giá tiến độ chung.',
    ),
  );
  if (d.excluded > 0) {
    blocks.push(body([{ text: `Báo cáo không tính ${d.excluded} chỉ tiêu thuộc phạm vi của đơn vị nhưng đã kết thúc trước kỳ báo cáo (kế hoạch hết hiệu lực hoặc thời hạn trước ngày ${shortDate(d.period.start)}).`, italic: true }]));
  }
  blocks.push(body('Kết quả theo lĩnh vực và theo kế hoạch được tổng hợp tại các bảng sau.'));
  blocks.push({ kind: 'page', orientation: 'landscape' });
  blocks.push(heading('1. Theo lĩnh vực'));
  blocks.push(groupTable('Lĩnh vực', d.byField, o, label));
  blocks.push(heading('2. Theo kế hoạch', { spaceBefore: 12 }));
  blocks.push(groupTable('Kế hoạch', d.byPlan, o, label));
  blocks.push(
    para([{ text: 'P: tiến độ bình quân; Ē: tiến độ kỳ vọng bình quân; R = P/Ē: chỉ số tiến độ; tính trên các chỉ tiêu có số liệu.', italic: true }], {
      align: 'left',
      size: 12,
      spaceBefore: 3,
      spaceAfter: PARA_GAP,
    }),
  );
  blocks.push({ kind: 'page', orientation: 'portrait' });

  blocks.push(heading('II. CÁC CHỈ TIÊU CÓ NGUY CƠ CHẬM, CHẬM TIẾN ĐỘ HOẶC KHÔNG ĐẠT', { spaceBefore: 6 }));
  if (d.attention.length === 0) blocks.push(body('Không có chỉ tiêu nào có nguy cơ chậm, chậm tiến độ hoặc không đạt.'));
  d.attention.forEach((item, i) => blocks.push(...itemBlocks(item, i, label)));

  // Signature block: recipients left, signer right.
  blocks.push({
    kind: 'columns',
    widths: [0.45, 0.55],
    left: [
      para([{ text: 'Nơi nhận:', bold: true, italic: true }], { align: 'left', size: 12, spaceBefore: 12 }),
      ...recipientLines(d.recipients).map((line) => para(line, { align: 'left', size: 11 })),
    ],
    right: [
      ...d.signer.title.map((line, i) => para([{ text: line.toLocaleUpperCase('vi'), bold: true }], { align: 'center', size: 14, spaceBefore: i === 0 ? 12 : 0 })),
      para([{ text: d.signer.name, bold: true }], { align: 'center', size: 14, spaceBefore: 80 }),
    ],
  });

  if (d.frozen) {
    const head = d.frozen.chainHead ? `; nhật ký kiểm toán đến sự kiện số ${d.frozen.chainHead.seq}${d.frozen.chainHead.hash ? ` (${d.frozen.chainHead.hash.slice(0, 16)}…)` : ''}` : '';
    blocks.push(
      para([{ text: `Số liệu của báo cáo được chốt lúc ${momentVi(d.frozen.at)} (báo cáo số ${d.reportId} trên hệ thống Tiến Độ; phương pháp ${d.method}${head}).`, italic: true }], {
        align: 'left',
        size: 10,
        spaceBefore: 18,
      }),
    );
  }

  return {
    meta: {
      title: `Báo cáo số ${d.number}: ${d.title}`,
      subject: `${d.unit.name}, ${d.period.label}`,
      keywords: [d.format, d.method, `report:${d.reportId}`, `state:${d.state}`, `knownAt:${d.knownAt}`].join(' '),
      author: d.issuingBody.name,
      date: d.knownAt,
    },
    blocks,
  };
}
