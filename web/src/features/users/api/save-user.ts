import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreateUserBody, UpdateUserBody, User } from '@tiendo/shared/schemas/users';
import { apiClient } from '../../../lib/api-client';

/** POST /api/v1/users (admin). */
export function createUser(body: CreateUserBody): Promise<User> {
  return apiClient.post<User>('/users', body);
}

/** PATCH /api/v1/users/:id, naming the version read. */
export function updateUser({ id, body }: { id: number; body: UpdateUserBody }): Promise<User> {
  return apiClient.patch<User>(`/users/${id}`, body);
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: createUser, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }) });
}

export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: updateUser, onSuccess: () => queryClient.invalidateQueries({ queryKey: ['users'] }) });
}
