import { useMutation } from '@tanstack/react-query';
import type { AuditVerification } from '@tiendo/shared/schemas/audit';
import { apiClient } from '../../../lib/api-client';

/** GET /api/v1/audit/verify (auditors, admins): walks the whole hash chain; intact, or the first broken event. */
export function verifyAuditChain(): Promise<AuditVerification> {
  return apiClient.get<AuditVerification>('/audit/verify');
}

/** Run on request (it reads every event), so a mutation rather than a query that loads by itself. */
export function useVerifyAuditChain() {
  return useMutation({ mutationFn: verifyAuditChain });
}
