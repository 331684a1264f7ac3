import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { UserList, UserListQuery } from '@tiendo/shared/schemas/users';
import { apiClient } from '../../../lib/api-client';
import { toQueryString } from '../../../lib/query-string';

/** GET /api/v1/users (admin). */
export function getUsers(query: UserListQuery, signal?: AbortSignal): Promise<UserList> {
  return apiClient.get<UserList>(`/users${toQueryString({ ...query })}`, signal ? { signal } : {});
}

export const usersQueryOptions = (query: UserListQuery) =>
  queryOptions({ queryKey: ['users', 'list', query], queryFn: ({ signal }) => getUsers(query, signal), placeholderData: keepPreviousData });

export function useUsers(query: UserListQuery) {
  return useQuery(usersQueryOptions(query));
}
