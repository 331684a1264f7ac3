import { queryOptions, useQuery } from '@tanstack/react-query';
import type { DemoAccountsResponse } from '@tiendo/shared/schemas/auth';
import { apiClient, isApiError } from '../../../lib/api-client';
import { authKeys } from './query-keys';

export type DemoAccount = DemoAccountsResponse['accounts'][number];

/** GET /api/v1/auth/demo-accounts: the demo accounts, or null when this is not a demo installation. */
export async function getDemoAccounts(signal?: AbortSignal): Promise<DemoAccount[] | null> {
  try {
    const body = await apiClient.get<DemoAccountsResponse>('/auth/demo-accounts', {
      auth: false,
      ...(signal ? { signal } : {}),
    });
    return body.accounts;
  } catch (error) {
    if (isApiError(error) && error.status === 404) return null;
    throw error;
  }
}

export const demoAccountsQueryOptions = () =>
  queryOptions({
    queryKey: authKeys.demoAccounts,
    queryFn: ({ signal }) => getDemoAccounts(signal),
    staleTime: Infinity,
  });

export function useDemoAccounts() {
  return useQuery(demoAccountsQueryOptions());
}
