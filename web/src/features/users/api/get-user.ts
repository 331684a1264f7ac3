import type { User } from '@tiendo/shared/schemas/users';
import { apiClient } from '../../../lib/api-client';

/** GET /api/v1/users/:id (admin): one account as it is now, e.g. after a version conflict. */
export function getUser(id: number, signal?: AbortSignal): Promise<User> {
  return apiClient.get<User>(`/users/${id}`, signal ? { signal } : {});
}
