import type { EvidenceItem } from '@tiendo/shared/schemas/evidence';
import { apiClient } from '../../../lib/api-client';

/**
 * GET /api/v1/evidence/:id/content needs the bearer token, so a plain link cannot fetch it: the
 * file is fetched as a Blob and handed to the browser's download through a temporary object URL.
 */
export async function downloadEvidence(item: Pick<EvidenceItem, 'downloadUrl' | 'fileName'>): Promise<void> {
  const blob = await apiClient.getBlob(item.downloadUrl);
  const url = URL.createObjectURL(blob);
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = item.fileName;
    link.rel = 'noopener';
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Late enough for the download to have started.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
