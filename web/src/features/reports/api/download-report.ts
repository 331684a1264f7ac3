import type { Report } from '@tiendo/shared/schemas/reports';
import { apiClient } from '../../../lib/api-client';
import { saveBlob } from '../../../lib/save-blob';

export type ReportFormat = 'docx' | 'pdf';

/** A file name people can file: `bao-cao-HT-2026-Q3-125-BC-STTTT.pdf`. */
export function reportFileName(report: Pick<Report, 'unitCode' | 'period' | 'number' | 'state'>, format: ReportFormat): string {
  const number = report.number.replace(/[^\w.-]+/g, '-');
  return `bao-cao-${report.unitCode}-${report.period}-${number}${report.state === 'draft' ? '-du-thao' : ''}.${format}`;
}

/** GET /api/v1/reports/:id/document.docx|pdf, through the client (it needs the bearer token). */
export async function downloadReport(report: Report, format: ReportFormat): Promise<void> {
  const blob = await apiClient.getBlob(format === 'pdf' ? report.links.pdf : report.links.docx);
  saveBlob(blob, reportFileName(report, format));
}
