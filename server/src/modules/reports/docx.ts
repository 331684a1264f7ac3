/**
 * Writes the report layout as an editable DOCX with the `docx` package, in Times New Roman (which
 * every office has; the PDF embeds the metric-compatible Liberation Serif instead).
 *
 * Deterministic: `docx` stamps the current time into docProps/core.xml and its zip entries, so the
 * package is rewritten with the layout's date in both; nothing else in it depends on time or chance
 * (checked by the tests, which regenerate a frozen report and compare the SHA-256).
 */
import type * as Docx from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { lazyImport } from '../../lib/lazy-require';
import { PAGES, textWidth, type Align, type Block, type Columns, type DocumentLayout, type Orientation, type Para, type TableBlock } from './layout';
import type { Measure } from './metrics';

const FONT = 'Times New Roman';
const twips = (pt: number): number => Math.round(pt * 20);
const halfPoints = (pt: number): number => Math.round(pt * 2);

/** A zip entry time whose local fields are the Vietnam wall-clock time of `iso`, whatever the server's time zone. */
function zipTime(iso: string): Date {
  const v = new Date(Date.parse(iso) + 7 * 3_600_000);
  const local = new Date(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate(), v.getUTCHours(), v.getUTCMinutes(), v.getUTCSeconds());
  // In a zone with daylight saving that time may not exist locally; noon always does.
  return local.getHours() === v.getUTCHours() ? local : new Date(v.getUTCFullYear(), v.getUTCMonth(), v.getUTCDate(), 12);
}

/** Rewrites the package with fixed dates: core.xml's created/modified and every entry's time. */
function pinDates(docx: Uint8Array, iso: string): Buffer {
  const stamp = `${iso.slice(0, 19)}Z`;
  const files = unzipSync(docx);
  const core = files['docProps/core.xml'];
  if (core) {
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(/(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`),
    );
  }
  return Buffer.from(zipSync(files, { level: 6, mtime: zipTime(iso) }));
}

/** The writer, made once `docx` is loaded: its values (classes and enums) are used throughout. */
function createWriter(docx: typeof Docx): (layout: DocumentLayout, measure: Measure) => Promise<Buffer> {
  const { AlignmentType, BorderStyle, Document, Header, LineRuleType, Packer, PageNumber, PageOrientation, Paragraph, Table, TableCell, TableLayoutType, TableRow, TextRun, UnderlineType, VerticalAlignTable, WidthType } = docx;

  const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
    left: AlignmentType.LEFT,
    center: AlignmentType.CENTER,
    right: AlignmentType.RIGHT,
    justify: AlignmentType.JUSTIFIED,
  };

  const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
  const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
  const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };
  const ALL_BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };

  const plain = (p: Para): string => p.runs.map((r) => r.text).join('');

  function paragraphs(p: Para, width: number, measure: Measure): (Docx.Paragraph | Docx.Table)[] {
    const runs = p.runs.map(
      (r) => new TextRun({ text: r.text, bold: r.bold ?? false, italics: r.italic ?? false, size: halfPoints(p.size), font: FONT, ...(r.underline ? { underline: { type: UnderlineType.SINGLE } } : {}) }),
    );
    if (p.boxed) {
      // A small framed mark ("DỰ THẢO"): a one-cell table as wide as its text.
      const w = measure(plain(p), p.runs[0] ?? {}, p.size) + 14;
      return [
        new Table({
          width: { size: twips(w), type: WidthType.DXA },
          columnWidths: [twips(w)],
          layout: TableLayoutType.FIXED,
          borders: ALL_BORDERS,
          rows: [new TableRow({ children: [new TableCell({ width: { size: twips(w), type: WidthType.DXA }, margins: { left: 100, right: 100, top: 20, bottom: 20 }, children: [new Paragraph({ alignment: AlignmentType.CENTER, children: runs })] })] })],
        }),
        new Paragraph({ spacing: { before: 0, after: twips(p.spaceAfter ?? 0), line: 40, lineRule: LineRuleType.EXACT }, run: { size: 2 } }),
      ];
    }
    const out: Docx.Paragraph[] = [
      new Paragraph({
        alignment: ALIGN[p.align],
        indent: p.firstLineIndent ? { firstLine: twips(p.firstLineIndent) } : undefined,
        spacing: { before: twips(p.spaceBefore ?? 0), after: twips(p.rule ? 0 : (p.spaceAfter ?? 0)) },
        keepNext: p.keepWithNext ?? false,
        children: runs,
      }),
    ];
    if (p.rule) {
      // Decree 30's short rule under the issuing body and the summary: the bottom border of an
      // empty, 3-point-high paragraph, indented to the rule's length and centred under the text.
      const length = Math.min(measure(plain(p), p.runs[0] ?? {}, p.size), width) * p.rule;
      const side = twips((width - length) / 2);
      out.push(
        new Paragraph({
          indent: { left: side, right: side },
          spacing: { before: 0, after: twips(p.spaceAfter ?? 0), line: 60, lineRule: LineRuleType.EXACT },
          border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
          run: { size: 2 },
        }),
      );
    }
    return out;
  }

  function columns(c: Columns, width: number, measure: Measure): Docx.Table {
    const widths = c.widths.map((w) => twips(w * width));
    const cell = (paras: Para[], i: number) =>
      new TableCell({
        width: { size: widths[i]!, type: WidthType.DXA },
        margins: { left: 0, right: 0, top: 0, bottom: 0 },
        borders: { top: NONE, bottom: NONE, left: NONE, right: NONE },
        children: paras.flatMap((p) => paragraphs(p, c.widths[i]! * width, measure)),
      });
    return new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: NO_BORDERS,
      rows: [new TableRow({ cantSplit: true, children: [cell(c.left, 0), cell(c.right, 1)] })],
    });
  }

  function table(t: TableBlock, width: number): Docx.Table {
    const widths = t.columns.map((c) => twips(c.width * width));
    const row = (cells: string[], options: { header?: boolean; bold?: boolean }) =>
      new TableRow({
        tableHeader: options.header ?? false,
        cantSplit: true,
        children: cells.map(
          (text, i) =>
            new TableCell({
              width: { size: widths[i]!, type: WidthType.DXA },
              verticalAlign: VerticalAlignTable.CENTER,
              margins: { left: 60, right: 60, top: 40, bottom: 40 },
              children: [
                new Paragraph({
                  alignment: ALIGN[options.header ? 'center' : t.columns[i]!.align],
                  children: [new TextRun({ text, bold: options.header || options.bold || false, size: halfPoints(options.header ? t.size - 1 : t.size), font: FONT })],
                }),
              ],
            }),
        ),
      });
    return new Table({
      width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      borders: ALL_BORDERS,
      rows: [row(t.columns.map((c) => c.header), { header: true }), ...t.rows.map((r) => row(r.cells, { bold: r.bold ?? false }))],
    });
  }

  const pageNumberHeader = () =>
    new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: halfPoints(14), font: FONT })] })] });

  function sections(layout: DocumentLayout, measure: Measure): Docx.ISectionOptions[] {
    const groups: { orientation: Orientation; blocks: Block[] }[] = [{ orientation: 'portrait', blocks: [] }];
    for (const b of layout.blocks) {
      if (b.kind === 'page') groups.push({ orientation: b.orientation, blocks: [] });
      else groups[groups.length - 1]!.blocks.push(b);
    }
    return groups.map((g, index) => {
      const geometry = PAGES[g.orientation];
      const width = textWidth(g.orientation);
      const portrait = PAGES.portrait;
      return {
        // The first page carries no number (Decree 30): a different, empty first-page header.
        properties: {
          titlePage: index === 0,
          page: {
            size: { width: twips(portrait.width), height: twips(portrait.height), orientation: g.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: twips(geometry.margin.top), bottom: twips(geometry.margin.bottom), left: twips(geometry.margin.left), right: twips(geometry.margin.right), header: twips(geometry.numberTop), footer: twips(geometry.margin.bottom / 2) },
          },
        },
        headers: index === 0 ? { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) } : { default: pageNumberHeader() },
        children: g.blocks.flatMap((b) => (b.kind === 'columns' ? [columns(b, width, measure)] : b.kind === 'table' ? [table(b, width)] : b.kind === 'para' ? paragraphs(b, width, measure) : [])),
      };
    });
  }

  return async function render(layout: DocumentLayout, measure: Measure): Promise<Buffer> {
    const doc = new Document({
      title: layout.meta.title,
      subject: layout.meta.subject,
      keywords: layout.meta.keywords,
      creator: layout.meta.author,
      lastModifiedBy: 'Tiến Độ',
      description: layout.meta.subject,
      styles: { default: { document: { run: { font: FONT, size: halfPoints(14), language: { value: 'vi-VN' } } } } },
      sections: sections(layout, measure),
    });
    return pinDates(await Packer.toBuffer(doc), layout.meta.date);
  };
}

/**
 * `docx` is loaded on the first Word report, not when the server starts: it is a large package
 * that most starts never need.
 */
const writer = lazyImport(() => import('docx').then(createWriter));

export async function renderDocx(layout: DocumentLayout, measure: Measure): Promise<Buffer> {
  return (await writer())(layout, measure);
}
