/**
 * Draws the report layout as a PDF with PDFKit, Liberation Serif embedded (subset).
 *
 * Deterministic: the same layout gives the same bytes, on any machine. PDFKit otherwise stamps the
 * current time into the Info dictionary and derives the file ID from it; both are pinned to the
 * layout's date. Subset font tags derive from the font's internal name, not from chance. Streams
 * are left uncompressed: PDFKit deflates with Node's zlib, whose output changes with the zlib
 * build and the CPU, and a frozen report must regenerate byte-identical after an upgrade too.
 */
import type PDFKitDocument from 'pdfkit';
import type { ReportFonts } from './fonts';
import { PAGES, type Block, type Columns, type DocumentLayout, type Orientation, type Para, type Run, type TableBlock } from './layout';
import { lazyRequire } from '../../lib/lazy-require';

const pdfkit = lazyRequire<typeof PDFKitDocument>('pdfkit');

type Doc = PDFKit.PDFDocument;

const FONT = { regular: 'serif', bold: 'serif-bold', italic: 'serif-italic', boldItalic: 'serif-bold-italic' } as const;
const LINE_GAP = 1;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 3;

const fontOf = (run: Pick<Run, 'bold' | 'italic'>): string =>
  run.bold && run.italic ? FONT.boldItalic : run.bold ? FONT.bold : run.italic ? FONT.italic : FONT.regular;

const plain = (p: Para): string => p.runs.map((r) => r.text).join('');

/** The text area of the current page. */
function area(doc: Doc) {
  const m = doc.page.margins;
  return { left: m.left, top: m.top, width: doc.page.width - m.left - m.right, bottom: doc.page.height - m.bottom };
}

function newPage(doc: Doc, orientation?: Orientation): void {
  const current: Orientation = doc.page.width > doc.page.height ? 'landscape' : 'portrait';
  const g = PAGES[orientation ?? current];
  doc.addPage({ size: [g.width, g.height], margins: g.margin });
  doc.x = g.margin.left;
  doc.y = g.margin.top;
}

/** Height a paragraph takes at a width, with its spacing. */
function paraHeight(doc: Doc, p: Para, width: number): number {
  // Measured in the paragraph's dominant font; runs differ only in weight and slant, so the
  // wrapping differs by a word at most, which the spacing absorbs.
  doc.font(fontOf(p.runs[0] ?? {})).fontSize(p.size);
  const h = doc.heightOfString(plain(p), { width, indent: p.firstLineIndent ?? 0, lineGap: LINE_GAP });
  return (p.spaceBefore ?? 0) + h + (p.spaceAfter ?? 0) + (p.rule ? 5 : 0) + (p.boxed ? 6 : 0);
}

function drawPara(doc: Doc, p: Para, x: number, width: number): void {
  doc.y += p.spaceBefore ?? 0;
  const top = doc.y;
  const runs = p.runs.length > 0 ? p.runs : [{ text: '' }];
  if (p.boxed) {
    doc.font(fontOf(runs[0]!)).fontSize(p.size);
    const w = doc.widthOfString(plain(p)) + 12;
    const h = doc.currentLineHeight() + 4;
    doc.lineWidth(0.8).rect(x, top, w, h).stroke();
    doc.text(plain(p), x + 6, top + 3, { lineBreak: false });
    doc.x = x;
    doc.y = top + h + (p.spaceAfter ?? 0);
    return;
  }
  runs.forEach((run, i) => {
    doc.font(fontOf(run)).fontSize(p.size);
    const options: PDFKit.Mixins.TextOptions = {
      width,
      align: p.align,
      lineGap: LINE_GAP,
      underline: run.underline ?? false,
      continued: i < runs.length - 1,
    };
    if (i === 0) {
      options.indent = p.firstLineIndent ?? 0;
      doc.text(run.text, x, doc.y, options);
    } else {
      doc.text(run.text, options);
    }
  });
  if (p.rule) {
    doc.font(fontOf(runs[0]!)).fontSize(p.size);
    const length = Math.min(doc.widthOfString(plain(p)), width) * p.rule;
    const y = doc.y + 3;
    doc.lineWidth(0.6).moveTo(x + (width - length) / 2, y).lineTo(x + (width + length) / 2, y).stroke();
    doc.y = y + 2;
  }
  doc.x = x;
  doc.y += p.spaceAfter ?? 0;
}

function ensureRoom(doc: Doc, height: number): void {
  const a = area(doc);
  if (doc.y + height > a.bottom && doc.y > a.top + 1) newPage(doc);
}

function drawColumns(doc: Doc, c: Columns): void {
  const a = area(doc);
  const widths = c.widths.map((w) => w * a.width) as [number, number];
  const height = (paras: Para[], w: number) => paras.reduce((sum, p) => sum + paraHeight(doc, p, w), 0);
  // The header and signature blocks are never split over two pages.
  ensureRoom(doc, Math.max(height(c.left, widths[0]), height(c.right, widths[1])));
  const top = doc.y;
  let bottom = top;
  const column = (paras: Para[], x: number, w: number) => {
    doc.y = top;
    for (const p of paras) drawPara(doc, p, x, w);
    bottom = Math.max(bottom, doc.y);
  };
  column(c.left, a.left, widths[0]);
  column(c.right, a.left + widths[0], widths[1]);
  doc.x = a.left;
  doc.y = bottom;
}

function drawTable(doc: Doc, t: TableBlock): void {
  const a = area(doc);
  const widths = t.columns.map((c) => c.width * a.width);
  const headerSize = t.size - 1;
  const rowHeight = (cells: string[], font: string, size: number) => {
    doc.font(font).fontSize(size);
    return Math.max(...cells.map((text, i) => doc.heightOfString(text, { width: widths[i]! - 2 * CELL_PAD_X }))) + 2 * CELL_PAD_Y;
  };
  const drawRow = (cells: string[], font: string, size: number, height: number, header: boolean) => {
    let x = a.left;
    const top = doc.y;
    doc.lineWidth(0.5);
    cells.forEach((text, i) => {
      const w = widths[i]!;
      doc.rect(x, top, w, height).stroke();
      doc.font(font).fontSize(size);
      const textHeight = doc.heightOfString(text, { width: w - 2 * CELL_PAD_X });
      const align = header ? 'center' : t.columns[i]!.align;
      doc.text(text, x + CELL_PAD_X, top + (height - textHeight) / 2, { width: w - 2 * CELL_PAD_X, align });
      x += w;
    });
    doc.x = a.left;
    doc.y = top + height;
  };
  const headers = t.columns.map((c) => c.header);
  const headerHeight = rowHeight(headers, FONT.bold, headerSize);
  const firstRow = t.rows[0] ? rowHeight(t.rows[0].cells, FONT.regular, t.size) : 0;
  ensureRoom(doc, headerHeight + firstRow);
  drawRow(headers, FONT.bold, headerSize, headerHeight, true);
  for (const row of t.rows) {
    const font = row.bold ? FONT.bold : FONT.regular;
    const h = rowHeight(row.cells, font, t.size);
    if (doc.y + h > a.bottom) {
      // Continue on a new page under a repeated header row.
      newPage(doc);
      drawRow(headers, FONT.bold, headerSize, headerHeight, true);
    }
    drawRow(row.cells, font, t.size, h, false);
  }
  doc.y += 4;
}

function drawBlocks(doc: Doc, blocks: Block[]): void {
  blocks.forEach((block, i) => {
    if (block.kind === 'page') return newPage(doc, block.orientation);
    if (block.kind === 'columns') return drawColumns(doc, block);
    if (block.kind === 'table') return drawTable(doc, block);
    const a = area(doc);
    if (block.keepWithNext) {
      const next = blocks[i + 1];
      const nextHeight = next?.kind === 'para' ? Math.min(paraHeight(doc, next, a.width), 60) : 60;
      ensureRoom(doc, paraHeight(doc, block, a.width) + nextHeight);
    }
    drawPara(doc, block, a.left, a.width);
  });
}

export function renderPdf(layout: DocumentLayout, fonts: ReportFonts): Promise<Buffer> {
  const date = new Date(layout.meta.date);
  const first = PAGES.portrait;
  const doc = new (pdfkit())({
    size: [first.width, first.height],
    margins: first.margin,
    // Decree 30 asks for PDF 1.4 or later for electronic documents; PDFKit writes 1.3 by default.
    pdfVersion: '1.7',
    bufferPages: true,
    compress: false,
    lang: 'vi-VN',
    displayTitle: true,
    info: {
      Title: layout.meta.title,
      Author: layout.meta.author,
      Subject: layout.meta.subject,
      Keywords: layout.meta.keywords,
      Creator: 'Tiến Độ',
      Producer: 'Tiến Độ (PDFKit)',
      CreationDate: date,
      ModDate: date,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT.regular, fonts.regular);
  doc.registerFont(FONT.bold, fonts.bold);
  doc.registerFont(FONT.italic, fonts.italic);
  doc.registerFont(FONT.boldItalic, fonts.boldItalic);
  doc.fillColor('black').strokeColor('black');

  drawBlocks(doc, layout.blocks);

  // Page numbers from the second page on, centred in the top margin (Decree 30).
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const g = PAGES[doc.page.width > doc.page.height ? 'landscape' : 'portrait'];
    const a = area(doc);
    doc.font(FONT.regular).fontSize(14);
    doc.text(String(i + 1), a.left, g.numberTop, { width: a.width, align: 'center', lineBreak: false });
  }
  doc.flushPages();
  doc.end();
  return done;
}
