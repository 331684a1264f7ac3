import { apiClient } from '../../../lib/api-client';
import { saveBlob } from '../../../lib/save-blob';

/** GET /api/v1/exports/:id/files/:name (a table file or manifest.json), through the client as a Blob. */
export async function downloadExportFile(id: number, name: string): Promise<void> {
  const blob = await apiClient.getBlob(`/exports/${id}/files/${encodeURIComponent(name)}`);
  saveBlob(blob, `export-${id}-${name}`);
}
