import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, toApiError } from '../../../lib/api-client';

/**
 * GET /docs/status-method.md: the method behind every status, as the server serves it. Not part
 * of the API (no token, Markdown), so it is fetched directly.
 */
export async function getMethodDoc(signal?: AbortSignal): Promise<string> {
  let response: Response;
  try {
    response = await fetch('/docs/status-method.md', signal ? { signal } : {});
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', detail: 'The server could not be reached.', cause });
  }
  if (!response.ok) throw await toApiError(response);
  return response.text();
}

export const methodDocQueryOptions = () =>
  queryOptions({ queryKey: ['docs', 'status-method'], queryFn: ({ signal }) => getMethodDoc(signal), staleTime: Infinity });

export function useMethodDoc() {
  return useQuery(methodDocQueryOptions());
}
