/**
 * The one API client of the web app: every request to the server goes through here.
 *
 * - JSON in and out; errors arrive as RFC 9457 `application/problem+json` and are thrown as
 *   `ApiError` with the server's stable `code`.
 * - The access token lives in memory only. The refresh token is an httpOnly cookie the
 *   browser sends to `/api/v1/auth/*`, so JavaScript never sees it.
 * - A 401 on an authenticated request triggers one refresh (shared by concurrent callers,
 *   because the server rotates the refresh token and a second use of the old one would fail)
 *   and one retry.
 */
import type { ErrorCode, FieldError } from '@tiendo/shared/errors';
import type { Problem } from '@tiendo/shared/schemas/common';

/** Codes the client produces itself, when there is no problem document to read. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'UNEXPECTED_RESPONSE';
export type ApiErrorCode = ErrorCode | ClientErrorCode;

export interface ApiErrorInit {
  status: number;
  code: ApiErrorCode;
  detail: string;
  title?: string;
  type?: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
  /** From `Content-Language`: the language `detail` is written in, when the server says. */
  language?: string;
  /** On 409 VERSION_CONFLICT: the version the record has now. */
  currentVersion?: number;
  /** On 409 CONFLICT for a report that already exists: which one, and its state. */
  existingId?: number;
  existingState?: string;
  /** On 422 IMPORT_INVALID: every problem found in the CSV files. */
  problems?: ImportProblem[];
  /** How many problems there were in all (the answer lists at most the first 1,000). */
  problemsTotal?: number;
  cause?: unknown;
}

/** One problem in an import, where it is and what is wrong. */
export interface ImportProblem {
  file: string;
  /** The sheet, for a workbook (then `line` is its row). */
  sheet?: string;
  line: number;
  column: string | null;
  code: string;
  message: string;
}

export class ApiError extends Error {
  /** HTTP status, or 0 when the server could not be reached. */
  readonly status: number;
  readonly code: ApiErrorCode;
  /** The server's message for people (already in the requested language, when it can). */
  readonly detail: string;
  readonly title: string;
  readonly type: string;
  readonly errors?: FieldError[];
  /** From `Retry-After` on 429 and 503 responses. */
  readonly retryAfterSeconds?: number;
  readonly language?: string;
  readonly currentVersion?: number;
  readonly existingId?: number;
  readonly existingState?: string;
  readonly problems?: ImportProblem[];
  readonly problemsTotal?: number;

  constructor(init: ApiErrorInit) {
    super(init.detail, { cause: init.cause });
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.detail = init.detail;
    this.title = init.title ?? init.detail;
    this.type = init.type ?? 'about:blank';
    if (init.errors) this.errors = init.errors;
    if (init.retryAfterSeconds !== undefined) this.retryAfterSeconds = init.retryAfterSeconds;
    if (init.language !== undefined) this.language = init.language;
    if (init.currentVersion !== undefined) this.currentVersion = init.currentVersion;
    if (init.existingId !== undefined) this.existingId = init.existingId;
    if (init.existingState !== undefined) this.existingState = init.existingState;
    if (init.problems) this.problems = init.problems;
    if (init.problemsTotal !== undefined) this.problemsTotal = init.problemsTotal;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** What the refresh endpoint returns, as far as the client itself needs to know. */
export interface TokenGrant {
  accessToken: string;
}

export type SessionEvent = { type: 'refreshed' } | { type: 'expired' };

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Serialised as JSON; a `FormData` is sent as multipart as it is (the browser sets the boundary). */
  body?: unknown;
  signal?: AbortSignal;
  /** Attach the bearer token (default true). */
  auth?: boolean;
  /** On 401, refresh the session once and retry (default: same as `auth`). */
  retryOnUnauthorized?: boolean;
  /**
   * Sent as `Idempotency-Key`: the server does the write once and answers a repeat with the first
   * answer, so a request whose answer was lost on the network is safely sent again (twice at most).
   */
  idempotencyKey?: string;
}

export interface ApiClient {
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  post<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  patch<T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<T>;
  /**
   * Downloads a file that needs the bearer token (evidence), as a Blob. `path` may be relative to
   * the API base or, as the server's `downloadUrl`s are, an absolute path that starts with it.
   */
  getBlob(path: string, options?: Omit<RequestOptions, 'method' | 'body'>): Promise<Blob>;
  /**
   * Exchanges the refresh cookie for a new access token. Resolves to the server's session
   * body, or null when there is no valid session (401). Concurrent calls share one request.
   */
  refresh<T extends TokenGrant>(): Promise<T | null>;
  setAccessToken(token: string | null): void;
  hasAccessToken(): boolean;
  /** Told when a refresh succeeds or the session is found to be gone. */
  subscribe(listener: (event: SessionEvent) => void): () => void;
}

export interface ApiClientOptions {
  /** Prefix of every path; same origin by default (the dev server proxies `/api`). */
  baseUrl?: string;
  fetch?: typeof fetch;
  refreshPath?: string;
  /**
   * Sent as `Accept-Language`, so problem details come back in the reader's language.
   * By default the page's own `<html lang>`, which the i18n provider keeps current.
   */
  getLocale?: () => string | null;
}

const PROBLEM_TYPE = 'application/problem+json';

export function createApiClient(options: ApiClientOptions = {}): ApiClient {
  const baseUrl = options.baseUrl ?? '/api/v1';
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const refreshPath = options.refreshPath ?? '/auth/refresh';
  const getLocale = options.getLocale ?? (() => globalThis.document?.documentElement.lang || null);

  let accessToken: string | null = null;
  let refreshing: Promise<TokenGrant | null> | null = null;
  const listeners = new Set<(event: SessionEvent) => void>();

  const emit = (event: SessionEvent): void => {
    for (const listener of listeners) listener(event);
  };

  async function send(path: string, opts: RequestOptions, token: string | null): Promise<Response> {
    const headers = new Headers({ accept: `application/json, ${PROBLEM_TYPE}` });
    const locale = getLocale();
    if (locale) headers.set('accept-language', locale);
    if (token) headers.set('authorization', `Bearer ${token}`);
    let body: string | FormData | undefined;
    if (opts.body instanceof FormData) {
      body = opts.body;
    } else if (opts.body !== undefined) {
      // Only with a body: Fastify refuses `content-type: application/json` on an empty body.
      headers.set('content-type', 'application/json');
      body = JSON.stringify(opts.body);
    }
    const init: RequestInit = { method: opts.method ?? 'GET', headers, credentials: 'same-origin' };
    if (body !== undefined) init.body = body;
    if (opts.signal) init.signal = opts.signal;
    if (opts.idempotencyKey) headers.set('idempotency-key', opts.idempotencyKey);
    for (let attempt = 0; ; attempt++) {
      try {
        return await fetchImpl(baseUrl + path, init);
      } catch (cause) {
        if (opts.signal?.aborted) throw cause;
        if (!opts.idempotencyKey || attempt >= 2) throw new ApiError({ status: 0, code: 'NETWORK_ERROR', detail: 'The server could not be reached.', cause });
      }
    }
  }

  function refresh<T extends TokenGrant>(): Promise<T | null> {
    refreshing ??= (async () => {
      try {
        // An empty JSON object rather than no body: the refresh token travels in the cookie,
        // and the server's schema describes an (optional) object body.
        const response = await send(refreshPath, { method: 'POST', body: {} }, null);
        if (response.status === 401) {
          accessToken = null;
          emit({ type: 'expired' });
          return null;
        }
        const grant = await readBody<TokenGrant>(response);
        accessToken = grant.accessToken;
        emit({ type: 'refreshed' });
        return grant;
      } finally {
        refreshing = null;
      }
    })();
    // The refresh body is whatever the server sends; callers name its shape.
    return refreshing as Promise<T | null>;
  }

  async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
    return readBody<T>(await authorisedResponse(path, opts));
  }

  async function authorisedResponse(path: string, opts: RequestOptions): Promise<Response> {
    const auth = opts.auth ?? true;
    const retry = opts.retryOnUnauthorized ?? auth;
    const sentToken = auth ? accessToken : null;
    let response = await send(path, opts, sentToken);
    if (response.status === 401 && retry) {
      // Another request may already have refreshed while this one was in flight.
      const fresh = accessToken !== null && accessToken !== sentToken;
      if (fresh || (await refresh()) !== null) {
        response = await send(path, opts, accessToken);
      }
    }
    return response;
  }

  async function getBlob(path: string, opts: Omit<RequestOptions, 'method' | 'body'> = {}): Promise<Blob> {
    const relative = path.startsWith(`${baseUrl}/`) ? path.slice(baseUrl.length) : path;
    const response = await authorisedResponse(relative, { ...opts, method: 'GET' });
    if (!response.ok) throw await toApiError(response);
    return response.blob();
  }

  return {
    request,
    get: (path, opts) => request(path, { ...opts, method: 'GET' }),
    post: (path, body, opts) => request(path, { ...opts, method: 'POST', body }),
    patch: (path, body, opts) => request(path, { ...opts, method: 'PATCH', body }),
    getBlob,
    refresh,
    setAccessToken: (token) => {
      accessToken = token;
    },
    hasAccessToken: () => accessToken !== null,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

async function readBody<T>(response: Response): Promise<T> {
  if (!response.ok) throw await toApiError(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  // The server's schemas are the contract; the body is trusted to match T.
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

export async function toApiError(response: Response): Promise<ApiError> {
  const retryAfterSeconds = parseRetryAfter(response.headers.get('retry-after'));
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('json')) {
    try {
      const problem = (await response.json()) as Partial<Problem>;
      if (typeof problem.code === 'string' && typeof problem.detail === 'string') {
        const init: ApiErrorInit = {
          status: response.status,
          code: problem.code as ErrorCode,
          detail: problem.detail,
        };
        if (typeof problem.title === 'string') init.title = problem.title;
        if (typeof problem.type === 'string') init.type = problem.type;
        if (Array.isArray(problem.errors)) init.errors = problem.errors;
        if (retryAfterSeconds !== undefined) init.retryAfterSeconds = retryAfterSeconds;
        const language = response.headers.get('content-language')?.split(',')[0]?.trim();
        if (language) init.language = language;
        if (typeof problem.currentVersion === 'number') init.currentVersion = problem.currentVersion;
        if (typeof problem.existingId === 'number') init.existingId = problem.existingId;
        if (typeof problem.existingState === 'string') init.existingState = problem.existingState;
        const problems = (problem as { problems?: unknown }).problems;
        if (Array.isArray(problems)) init.problems = problems as ImportProblem[];
        const total = (problem as { total?: unknown }).total;
        if (typeof total === 'number') init.problemsTotal = total;
        return new ApiError(init);
      }
    } catch {
      // Not a problem document after all; described below.
    }
  }
  // A proxy's HTML error page, an empty 502 and the like.
  const init: ApiErrorInit = {
    status: response.status,
    code: 'UNEXPECTED_RESPONSE',
    detail: `Unexpected response: HTTP ${response.status} ${response.statusText}`.trim(),
  };
  if (retryAfterSeconds !== undefined) init.retryAfterSeconds = retryAfterSeconds;
  return new ApiError(init);
}

/** `Retry-After` is either seconds or an HTTP date. */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

export const apiClient = createApiClient();

/**
 * A fresh Idempotency-Key for one write. From `crypto.getRandomValues`, which (unlike
 * `crypto.randomUUID`) also works on a plain-HTTP install inside a provincial network.
 */
export function newIdempotencyKey(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
}
