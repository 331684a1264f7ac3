import type { QueryClient } from '@tanstack/react-query';
import { authKeys } from './query-keys';

/** Signs the user out of this tab's cache: no user, and nothing that was fetched for them. */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.setQueryData(authKeys.session, null);
  queryClient.removeQueries({ queryKey: authKeys.me });
  // Auth queries other than `me` (the demo accounts) are not about the user and stay.
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== authKeys.all[0] });
}
