import type { EvidenceItem } from '@tiendo/shared/schemas/evidence';
import { apiClient } from '../../../lib/api-client';
import { saveBlob } from '../../../lib/save-blob';

/**
 * GET /api/v1/evidence/:id/content needs the bearer token, so a plain link cannot fetch it: the
 * file is fetched as a Blob and handed to the browser's download.
 */
export async function downloadEvidence(item: Pick<EvidenceItem, 'downloadUrl' | 'fileName'>): Promise<void> {
  saveBlob(await apiClient.getBlob(item.downloadUrl), item.fileName);
}
