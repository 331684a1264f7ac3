import type PDFKitDocument from 'pdfkit';
import type { ReportFonts } from './fonts';
import { lazyRequire } from '../../lib/lazy-require';

const pdfkit = lazyRequire<typeof PDFKitDocument>('pdfkit');

/** Width in points of a line of text: Liberation Serif has the metrics of Times New Roman. */
export type Measure = (text: string, style: { bold?: boolean; italic?: boolean }, size: number) => number;

/**
 * Text widths from the bundled fonts, for the DOCX renderer, which has to size the Decree 30 rules
 * under the issuing body and the summary itself (Word does not draw "a line a third as long as the
 * text"). A PDFKit document is used only as a font engine here and never written.
 */
export function createMeasure(fonts: ReportFonts): Measure {
  const doc = new (pdfkit())({ autoFirstPage: false });
  doc.registerFont('r', fonts.regular);
  doc.registerFont('b', fonts.bold);
  doc.registerFont('i', fonts.italic);
  doc.registerFont('bi', fonts.boldItalic);
  return (text, style, size) => doc.font(style.bold && style.italic ? 'bi' : style.bold ? 'b' : style.italic ? 'i' : 'r').fontSize(size).widthOfString(text);
}
