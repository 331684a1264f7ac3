import type { Role } from '@tiendo/shared/roles';

/**
 * Who may call each API route, and how the caller's unit limits it — written from what the product
 * should allow (README, docs, each module's service), not read off the routes' own rules. The
 * authorization test holds the server to it: the same routes, the same roles as each route's
 * `config.access`, and for every role the answer inside and outside the caller's unit subtree.
 *
 * The conventions for something outside the caller's subtree:
 * - a record named in the path that the caller cannot see does not exist for them: 404 NOT_FOUND
 *   (reads and writes alike, so a refusal never confirms that it exists);
 * - a unit named in the body or in a filter of a route limited to the subtree (users, audit,
 *   reports, status, calendar, exports), or a record everyone may read but only its subtree may
 *   change (units): 403 OUT_OF_SCOPE;
 * - the searches over records seen beyond the subtree (plans anchored above the caller; indicators,
 *   and their reports, that a unit of the subtree contributes to) intersect a filter with what the
 *   caller sees, and so does the search of audit events by record: a unit or record outside gives
 *   an empty page, not a refusal;
 * - an import reports every problem of the files at once: 422 IMPORT_INVALID, each out-of-scope
 *   row a problem with code OUT_OF_SCOPE.
 */

export type Scope =
  /** No unit limits it: public routes, the reference tree of units, the check of the whole audit chain. */
  | 'none'
  /** The caller's own session or records only. */
  | 'self'
  /** Records, bodies and filters inside the caller's unit subtree. */
  | 'own-subtree';

/** What a call about something outside the caller's subtree gets (for 'own-subtree' routes). */
export type Outside = 'not-found' | 'out-of-scope' | 'empty' | 'import-problem';

export interface RoutePolicy {
  /** Anyone, any signed-in user, or only these roles. */
  roles: 'public' | 'authenticated' | readonly Role[];
  scope: Scope;
  outside?: Outside;
  /** Why, where it is not obvious. */
  note?: string;
}

const ADMIN = ['admin'] as const;
const STAFF = ['staff'] as const;
const LEADER = ['leader'] as const;
const OVERSIGHT = ['auditor', 'admin'] as const;
const READERS = ['leader', 'auditor', 'admin'] as const;

const subtree = (outside: Outside, note?: string): Pick<RoutePolicy, 'scope' | 'outside' | 'note'> => ({ scope: 'own-subtree', outside, ...(note ? { note } : {}) });

export const POLICY: Record<string, RoutePolicy> = {
  'GET /api/v1/openapi.json': { roles: 'public', scope: 'none' },
  'GET /api/v1/health': { roles: 'public', scope: 'none' },
  'POST /api/v1/auth/login': { roles: 'public', scope: 'none' },
  'POST /api/v1/auth/refresh': { roles: 'public', scope: 'none', note: 'the refresh token is the credential' },
  'POST /api/v1/auth/logout': { roles: 'public', scope: 'none', note: 'ends the session of the refresh token sent' },
  'GET /api/v1/auth/me': { roles: 'authenticated', scope: 'self' },
  'GET /api/v1/auth/demo-accounts': { roles: 'public', scope: 'none', note: 'demo mode only' },

  // The organisational tree is reference data: everyone reads all of it; admins change their subtree.
  'GET /api/v1/units': { roles: 'authenticated', scope: 'none' },
  'GET /api/v1/units/:code': { roles: 'authenticated', scope: 'none' },
  'POST /api/v1/units': { roles: ADMIN, ...subtree('out-of-scope', 'the parent must be in the subtree; only a nation-level admin creates a root') },
  'PATCH /api/v1/units/:code': { roles: ADMIN, ...subtree('out-of-scope', 'readable by all, so a unit outside is refused, not hidden') },
  'POST /api/v1/unit-successions': { roles: ADMIN, ...subtree('out-of-scope', 'both units in the subtree') },

  'GET /api/v1/plans': { roles: 'authenticated', ...subtree('empty', 'plans anchored in, or above, the caller, or with a target in their subtree') },
  'GET /api/v1/plans/:code': { roles: 'authenticated', ...subtree('not-found') },
  'POST /api/v1/plans': { roles: ADMIN, ...subtree('out-of-scope', 'owned by a unit in the subtree') },
  'PATCH /api/v1/plans/:code': { roles: ADMIN, ...subtree('not-found', 'a plan visible from below (anchored above) is refused with OUT_OF_SCOPE') },

  'GET /api/v1/indicators': { roles: 'authenticated', ...subtree('empty', 'indicators of units in the subtree, or that they contribute to') },
  'GET /api/v1/indicators/:code': { roles: 'authenticated', ...subtree('not-found') },
  'GET /api/v1/indicators/:code/revisions': { roles: 'authenticated', ...subtree('not-found') },
  'POST /api/v1/indicators': { roles: ADMIN, ...subtree('out-of-scope') },
  'PATCH /api/v1/indicators/:code': { roles: ADMIN, ...subtree('not-found') },
  'GET /api/v1/indicators/:code/status': { roles: 'authenticated', ...subtree('not-found') },

  // Staff report, leaders review (never their own), auditors and admins only read.
  'GET /api/v1/observations': { roles: 'authenticated', ...subtree('empty', 'reports of units, or of indicators, in the subtree') },
  'GET /api/v1/observations/:id': { roles: 'authenticated', ...subtree('not-found') },
  'POST /api/v1/observations': { roles: STAFF, ...subtree('out-of-scope', 'for an indicator of, or a unit in, the subtree') },
  'PATCH /api/v1/observations/:id': { roles: STAFF, ...subtree('not-found') },
  'GET /api/v1/observations/:id/history': { roles: 'authenticated', ...subtree('not-found') },
  'POST /api/v1/observations/:id/submit': { roles: STAFF, ...subtree('not-found') },
  'POST /api/v1/observations/:id/accept': { roles: LEADER, ...subtree('not-found', 'leaders of the unit or above') },
  'POST /api/v1/observations/:id/return': { roles: LEADER, ...subtree('not-found') },
  'POST /api/v1/observations/:id/corrections': { roles: STAFF, ...subtree('not-found') },
  'POST /api/v1/observations/:id/evidence': { roles: STAFF, ...subtree('not-found') },
  'GET /api/v1/observations/:id/evidence': { roles: 'authenticated', ...subtree('not-found') },
  'GET /api/v1/evidence/:evidenceId/content': { roles: 'authenticated', ...subtree('not-found') },

  'GET /api/v1/rollups': { roles: 'authenticated', ...subtree('out-of-scope') },
  'GET /api/v1/indicator-statuses': { roles: 'authenticated', ...subtree('out-of-scope') },
  'GET /api/v1/calendar': { roles: 'authenticated', ...subtree('out-of-scope') },

  // Staff manage no accounts and see none; leaders and auditors see their subtree's.
  'GET /api/v1/users': { roles: ['admin', 'leader', 'auditor'], ...subtree('out-of-scope') },
  'GET /api/v1/users/:id': { roles: ['admin', 'leader', 'auditor'], ...subtree('not-found') },
  'POST /api/v1/users': { roles: ADMIN, ...subtree('out-of-scope') },
  'PATCH /api/v1/users/:id': { roles: ADMIN, ...subtree('not-found') },

  'POST /api/v1/imports': { roles: ADMIN, ...subtree('import-problem') },

  'GET /api/v1/audit-events': { roles: OVERSIGHT, ...subtree('out-of-scope') },
  'GET /api/v1/audit-events/history': { roles: OVERSIGHT, ...subtree('empty', 'a search of events by record: the events outside are not found') },
  'GET /api/v1/audit/verify': { roles: OVERSIGHT, scope: 'none', note: 'the chain is one: it is checked whole, and the answer names no record' },

  // Exporting writes only the export job and its audit events, never data: auditors may.
  'POST /api/v1/exports': { roles: OVERSIGHT, ...subtree('out-of-scope') },
  'GET /api/v1/exports': { roles: OVERSIGHT, scope: 'self' },
  'GET /api/v1/exports/:id': { roles: OVERSIGHT, ...subtree('not-found', 'its creator, or anyone whose subtree holds its scope') },
  'GET /api/v1/exports/:id/files/:name': { roles: OVERSIGHT, ...subtree('not-found') },

  // Periodic reports are the leaders' documents; auditors and admins read them.
  'POST /api/v1/reports': { roles: LEADER, ...subtree('out-of-scope') },
  'GET /api/v1/reports': { roles: READERS, ...subtree('out-of-scope') },
  'GET /api/v1/reports/:id': { roles: READERS, ...subtree('not-found') },
  'PATCH /api/v1/reports/:id': { roles: LEADER, ...subtree('not-found') },
  'GET /api/v1/reports/:id/preview': { roles: READERS, ...subtree('not-found') },
  'GET /api/v1/reports/:id/document.docx': { roles: READERS, ...subtree('not-found') },
  'GET /api/v1/reports/:id/document.pdf': { roles: READERS, ...subtree('not-found') },
  'POST /api/v1/reports/:id/freeze': { roles: LEADER, ...subtree('not-found') },
};
