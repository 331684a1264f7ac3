import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { EvidenceItem } from '@tiendo/shared/schemas/evidence';
import { apiClient } from '../../../lib/api-client';

/** POST /api/v1/observations/:id/evidence: attach one file (multipart) to a draft or returned report. */
export function uploadEvidence({ observationId, file }: { observationId: number; file: File }): Promise<EvidenceItem> {
  const form = new FormData();
  form.append('file', file, file.name);
  return apiClient.post<EvidenceItem>(`/observations/${observationId}/evidence`, form);
}

export function useUploadEvidence() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadEvidence,
    onSuccess: (_item, { observationId }) => queryClient.invalidateQueries({ queryKey: ['evidence', observationId] }),
  });
}
