import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@tiendo/shared/roles';
import { systemContext } from '../../server/src/lib/context';
import { createAuthService } from '../../server/src/modules/auth/service';
import { createTestApp, type TestApp } from '../helpers/app';
import { POLICY, type RoutePolicy } from './authorization-policy';

/**
 * The server against the explicit policy of authorization-policy.ts: the same routes as its
 * access table, the same roles per route, and every route called by every role, about a record
 * (or with a body or filter) inside the caller's unit subtree and outside it. Every caller sits
 * in Hà Tĩnh (HT): the demo staff (HT-STTTT) and leader (HT), and an auditor and an admin scoped
 * to HT. Inside means HT-STTTT; outside means Bắc Giang (BG).
 */

type Where = 'inside' | 'outside';
type Method = 'GET' | 'POST' | 'PATCH';

interface Call {
  url: string;
  body?: unknown;
  /** A raw body with its own content type (the evidence upload). */
  raw?: { payload: Buffer; contentType: string };
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n');
const PASSWORD = 'Phan-Quyen-2026!';
const UNITS_CSV = 'code,name_vi,name_en,type,parent_code\n';

describe('authorization', () => {
  let t: TestApp;
  /** The demo accounts: staff of HT-STTTT, leader of HT, auditor and admin of the whole country. */
  const tokens = {} as Record<Role, string>;
  /** The matrix callers, one per role, all in HT. */
  const callers = {} as Record<Role, string>;
  const bg = { staff: '', leader: '' };
  const ids = { userInside: 0, userOutside: 0 };
  const fixed = {} as Record<'obs' | 'evidence' | 'report' | 'export', Record<Where, number>>;
  const plans = { inside: 'PQ-PLAN-HT', outside: 'PQ-PLAN-BG' };
  const indicators = { inside: 'PQ-IND-HT', outside: 'PQ-IND-BG' };
  let n = 0;
  const next = () => ++n;

  const unitOf = (where: Where) => (where === 'inside' ? 'HT-STTTT' : 'BG-STTTT');

  async function must(res: LightMyRequestResponse, status: number): Promise<LightMyRequestResponse> {
    if (res.statusCode !== status) throw new Error(`fixture: expected ${status}, got ${res.statusCode}: ${res.body}`);
    return res;
  }
  const asRoot = (method: Method, url: string, body?: unknown) => t.api(method, url, { token: tokens.admin, body });
  const idOf = (res: LightMyRequestResponse) => res.json<{ id: number }>().id;

  async function account(email: string, role: Role, unitCode: string): Promise<{ id: number; token: string }> {
    const id = idOf(await must(await asRoot('POST', '/api/v1/users', { email, name: email.split('@')[0], role, unitCode, password: PASSWORD }), 201));
    return { id, token: await t.login(email, PASSWORD) };
  }

  // ---- Fresh records, inside (HT-STTTT) or outside (BG-STTTT) ----

  /** A day no report exists for yet: every observation gets its own period. */
  const period = () => new Date(Date.UTC(2040, 0, 1) + next() * 86_400_000).toISOString().slice(0, 10);

  async function observation(where: Where, state: 'draft' | 'submitted' | 'accepted'): Promise<{ id: number; version: number }> {
    const [staff, leader] = where === 'inside' ? [tokens.staff, tokens.leader] : [bg.staff, bg.leader];
    const body = where === 'inside' ? { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT-STTTT', period: period(), value: 50 } : { indicatorCode: 'BG-VT-BTS', unitCode: 'BG-STTTT', period: period(), value: 900 };
    let o = (await must(await t.api('POST', '/api/v1/observations', { token: staff, body }), 201)).json<{ id: number; version: number }>();
    if (state !== 'draft') o = (await must(await t.api('POST', `/api/v1/observations/${o.id}/submit`, { token: staff, body: { version: o.version } }), 200)).json();
    if (state === 'accepted') o = (await must(await t.api('POST', `/api/v1/observations/${o.id}/accept`, { token: leader, body: { version: o.version } }), 200)).json();
    return o;
  }

  /** A multipart form with one PDF, different each time (the same content twice is one item). */
  const evidenceForm = (id: number): Call => ({
    url: `/api/v1/observations/${id}/evidence`,
    raw: {
      payload: Buffer.concat([Buffer.from('--PQ\r\nContent-Disposition: form-data; name="file"; filename="bien-ban.pdf"\r\nContent-Type: application/pdf\r\n\r\n'), PDF, Buffer.from(`%${next()}\r\n--PQ--\r\n`)]),
      contentType: 'multipart/form-data; boundary=PQ',
    },
  });

  async function unit(where: Where): Promise<{ code: string; version: number }> {
    const code = `PQ-U${next()}`;
    return (await must(await asRoot('POST', '/api/v1/units', { code, nameVi: `Đơn vị ${code}`, type: 'agency', parentCode: unitOf(where) }), 201)).json();
  }
  async function plan(where: Where, code = `PQ-P${next()}`): Promise<{ code: string; version: number }> {
    return (await must(await asRoot('POST', '/api/v1/plans', { code, titleVi: `Kế hoạch ${code}`, kind: 'plan', ownerUnitCode: unitOf(where) }), 201)).json();
  }
  async function indicator(where: Where, code = `PQ-I${next()}`): Promise<{ code: string; version: number }> {
    const body = { code, unitCode: unitOf(where), field: 'telecom', nameVi: `Chỉ tiêu ${code}`, measure: 'count', direction: 'increase' };
    return (await must(await asRoot('POST', '/api/v1/indicators', body), 201)).json();
  }
  async function user(where: Where): Promise<{ id: number; version: number }> {
    return (await must(await asRoot('POST', '/api/v1/users', { email: `pq${next()}@example.vn`, name: 'Tài khoản thử', role: 'staff', unitCode: unitOf(where) }), 201)).json();
  }
  const reportBody = (where: Where) => ({
    unitCode: unitOf(where),
    period: '2025',
    number: `${next()}/BC-PQ`,
    issuingBody: 'UBND TỈNH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG',
    place: 'Hà Tĩnh',
    issuedOn: '2026-01-10',
    signerTitle: 'GIÁM ĐỐC',
    signerName: 'Nguyễn Văn A',
    recipients: ['Lưu: VT'],
  });
  async function report(where: Where): Promise<{ id: number; version: number }> {
    return (await must(await t.api('POST', '/api/v1/reports', { token: where === 'inside' ? tokens.leader : bg.leader, body: reportBody(where) }), 201)).json();
  }
  async function completedExport(where: Where): Promise<number> {
    const id = idOf(await must(await asRoot('POST', '/api/v1/exports', { kind: 'units', format: 'csv', filters: { under: where === 'inside' ? 'HT-STTTT' : 'BG' } }), 202));
    for (let i = 0; i < 100; i++) {
      if ((await asRoot('GET', `/api/v1/exports/${id}`)).json<{ status: string }>().status === 'completed') return id;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`export ${id} did not complete`);
  }
  /** A refresh token of a session of its own, started without the rate-limited login route. */
  const session = async () => (await createAuthService(t.deps).login(systemContext('test'), { email: 'phien@example.vn', password: PASSWORD })).refreshToken;

  // ---- One realistic call per route, about something inside or outside the caller's subtree ----

  const SAMPLES: Record<string, (where: Where) => Promise<Call>> = {
    'GET /api/v1/openapi.json': async () => ({ url: '/api/v1/openapi.json' }),
    'GET /api/v1/health': async () => ({ url: '/api/v1/health' }),
    'POST /api/v1/auth/login': async () => ({ url: '/api/v1/auth/login', body: { email: 'phien@example.vn', password: PASSWORD } }),
    'POST /api/v1/auth/refresh': async () => ({ url: '/api/v1/auth/refresh', body: { refreshToken: await session() } }),
    'POST /api/v1/auth/logout': async () => ({ url: '/api/v1/auth/logout', body: { refreshToken: await session() } }),
    'GET /api/v1/auth/me': async () => ({ url: '/api/v1/auth/me' }),
    'GET /api/v1/auth/demo-accounts': async () => ({ url: '/api/v1/auth/demo-accounts' }),

    'GET /api/v1/units': async (w) => ({ url: `/api/v1/units?under=${w === 'inside' ? 'HT-STTTT' : 'BG'}` }),
    'GET /api/v1/units/:code': async (w) => ({ url: `/api/v1/units/${unitOf(w)}` }),
    'POST /api/v1/units': async (w) => ({ url: '/api/v1/units', body: { code: `PQ-U${next()}`, nameVi: 'Đơn vị mới', type: 'agency', parentCode: unitOf(w) } }),
    'PATCH /api/v1/units/:code': async (w) => {
      const u = await unit(w);
      return { url: `/api/v1/units/${u.code}`, body: { version: u.version, nameVi: 'Đơn vị đổi tên' } };
    },
    'POST /api/v1/unit-successions': async (w) => {
      const [a, b] = [await unit(w), await unit(w)];
      return { url: '/api/v1/unit-successions', body: { predecessorCode: a.code, successorCode: b.code, kind: 'merge', effectiveOn: '2030-01-01' } };
    },

    'GET /api/v1/plans': async (w) => ({ url: `/api/v1/plans?under=${w === 'inside' ? 'HT-STTTT' : 'BG'}` }),
    'GET /api/v1/plans/:code': async (w) => ({ url: `/api/v1/plans/${plans[w]}` }),
    'POST /api/v1/plans': async (w) => ({ url: '/api/v1/plans', body: { code: `PQ-P${next()}`, titleVi: 'Kế hoạch mới', kind: 'plan', ownerUnitCode: unitOf(w), periodStart: '2026', periodEnd: '2030' } }),
    'PATCH /api/v1/plans/:code': async (w) => {
      const p = await plan(w);
      return { url: `/api/v1/plans/${p.code}`, body: { version: p.version, titleVi: 'Kế hoạch sửa' } };
    },

    'GET /api/v1/indicators': async (w) => ({ url: `/api/v1/indicators?under=${w === 'inside' ? 'HT-STTTT' : 'BG'}` }),
    'GET /api/v1/indicators/:code': async (w) => ({ url: `/api/v1/indicators/${indicators[w]}` }),
    'GET /api/v1/indicators/:code/revisions': async (w) => ({ url: `/api/v1/indicators/${indicators[w]}/revisions` }),
    'POST /api/v1/indicators': async (w) => ({ url: '/api/v1/indicators', body: { code: `PQ-I${next()}`, unitCode: unitOf(w), field: 'telecom', nameVi: 'Chỉ tiêu mới', measure: 'count', direction: 'increase', targetValue: 10, targetDate: '2030' } }),
    'PATCH /api/v1/indicators/:code': async (w) => {
      const i = await indicator(w);
      return { url: `/api/v1/indicators/${i.code}`, body: { version: i.version, notes: 'Ghi chú mới' } };
    },
    'GET /api/v1/indicators/:code/status': async (w) => ({ url: `/api/v1/indicators/${w === 'inside' ? 'HT-CNTT-CB-XA' : 'BG-VT-BTS'}/status?asOf=2025-12-31` }),

    'GET /api/v1/observations': async (w) => ({ url: `/api/v1/observations?under=${w === 'inside' ? 'HT-STTTT' : 'BG'}` }),
    'GET /api/v1/observations/:id': async (w) => ({ url: `/api/v1/observations/${fixed.obs[w]}` }),
    'POST /api/v1/observations': async (w) => ({
      url: '/api/v1/observations',
      body: w === 'inside' ? { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT-STTTT', period: period(), value: 60 } : { indicatorCode: 'BG-VT-BTS', unitCode: 'BG-STTTT', period: period(), value: 950 },
    }),
    'PATCH /api/v1/observations/:id': async (w) => {
      const o = await observation(w, 'draft');
      return { url: `/api/v1/observations/${o.id}`, body: { version: o.version, value: 61, comment: 'Đã rà soát' } };
    },
    'GET /api/v1/observations/:id/history': async (w) => ({ url: `/api/v1/observations/${fixed.obs[w]}/history` }),
    'POST /api/v1/observations/:id/submit': async (w) => {
      const o = await observation(w, 'draft');
      return { url: `/api/v1/observations/${o.id}/submit`, body: { version: o.version } };
    },
    'POST /api/v1/observations/:id/accept': async (w) => {
      const o = await observation(w, 'submitted');
      return { url: `/api/v1/observations/${o.id}/accept`, body: { version: o.version } };
    },
    'POST /api/v1/observations/:id/return': async (w) => {
      const o = await observation(w, 'submitted');
      return { url: `/api/v1/observations/${o.id}/return`, body: { version: o.version, reason: 'Thiếu biên bản kiểm tra' } };
    },
    'POST /api/v1/observations/:id/corrections': async (w) => {
      const o = await observation(w, 'accepted');
      return { url: `/api/v1/observations/${o.id}/corrections`, body: { value: 70, comment: 'Số liệu được cập nhật' } };
    },
    'POST /api/v1/observations/:id/evidence': async (w) => evidenceForm((await observation(w, 'draft')).id),
    'GET /api/v1/observations/:id/evidence': async (w) => ({ url: `/api/v1/observations/${fixed.obs[w]}/evidence` }),
    'GET /api/v1/evidence/:evidenceId/content': async (w) => ({ url: `/api/v1/evidence/${fixed.evidence[w]}/content` }),

    'GET /api/v1/rollups': async (w) => ({ url: `/api/v1/rollups?unit=${w === 'inside' ? 'HT-STTTT' : 'BG'}&by=field` }),
    'GET /api/v1/indicator-statuses': async (w) => ({ url: `/api/v1/indicator-statuses?under=${w === 'inside' ? 'HT-STTTT' : 'BG'}` }),
    'GET /api/v1/calendar': async (w) => ({ url: `/api/v1/calendar?unit=${w === 'inside' ? 'HT-STTTT' : 'BG'}&from=2021-01-01&to=2021-12-31` }),

    'GET /api/v1/users': async (w) => ({ url: `/api/v1/users?under=${w === 'inside' ? 'HT-STTTT' : 'BG'}` }),
    'GET /api/v1/users/:id': async (w) => ({ url: `/api/v1/users/${w === 'inside' ? ids.userInside : ids.userOutside}` }),
    'POST /api/v1/users': async (w) => ({ url: '/api/v1/users', body: { email: `pq${next()}@example.vn`, name: 'Cán bộ mới', role: 'staff', unitCode: unitOf(w), password: PASSWORD } }),
    'PATCH /api/v1/users/:id': async (w) => {
      const u = await user(w);
      return { url: `/api/v1/users/${u.id}`, body: { version: u.version, name: 'Tên đã sửa' } };
    },

    'POST /api/v1/imports': async (w) => ({ url: '/api/v1/imports', body: { files: { units: `${UNITS_CSV}PQ-IMP${next()},Đơn vị nhập,,agency,${unitOf(w)}\n` } } }),

    'GET /api/v1/audit-events': async (w) => ({ url: `/api/v1/audit-events?under=${w === 'inside' ? 'HT-STTTT' : 'BG'}` }),
    'GET /api/v1/audit-events/history': async (w) => ({ url: `/api/v1/audit-events/history?entity=indicator&entityId=${indicators[w]}` }),
    'GET /api/v1/audit/verify': async () => ({ url: '/api/v1/audit/verify' }),

    'POST /api/v1/exports': async (w) => ({ url: '/api/v1/exports', body: { kind: 'units', format: 'json', filters: { under: w === 'inside' ? 'HT-STTTT' : 'BG' } } }),
    'GET /api/v1/exports': async () => ({ url: '/api/v1/exports' }),
    'GET /api/v1/exports/:id': async (w) => ({ url: `/api/v1/exports/${fixed.export[w]}` }),
    'GET /api/v1/exports/:id/files/:name': async (w) => ({ url: `/api/v1/exports/${fixed.export[w]}/files/manifest.json` }),

    'POST /api/v1/reports': async (w) => ({ url: '/api/v1/reports', body: reportBody(w) }),
    'GET /api/v1/reports': async (w) => ({ url: `/api/v1/reports?unit=${w === 'inside' ? 'HT-STTTT' : 'BG-STTTT'}` }),
    'GET /api/v1/reports/:id': async (w) => ({ url: `/api/v1/reports/${fixed.report[w]}` }),
    'PATCH /api/v1/reports/:id': async (w) => {
      const r = await report(w);
      return { url: `/api/v1/reports/${r.id}`, body: { version: r.version, place: 'Thành phố Hà Tĩnh' } };
    },
    'GET /api/v1/reports/:id/preview': async (w) => ({ url: `/api/v1/reports/${fixed.report[w]}/preview` }),
    'GET /api/v1/reports/:id/document.docx': async (w) => ({ url: `/api/v1/reports/${fixed.report[w]}/document.docx` }),
    'GET /api/v1/reports/:id/document.pdf': async (w) => ({ url: `/api/v1/reports/${fixed.report[w]}/document.pdf` }),
    'POST /api/v1/reports/:id/freeze': async (w) => {
      const r = await report(w);
      return { url: `/api/v1/reports/${r.id}/freeze`, body: { version: r.version } };
    },
  };

  function send(method: string, call: Call, token: string | undefined): Promise<LightMyRequestResponse> {
    const auth = token ? { authorization: `Bearer ${token}` } : {};
    if (call.raw) return t.app.inject({ method: method as Method, url: call.url, headers: { ...auth, 'content-type': call.raw.contentType }, payload: call.raw.payload });
    return t.api(method as Method, call.url, { token, body: call.body });
  }

  /** What the policy says the call gets; null when it holds. */
  function mismatch(policy: RoutePolicy, role: Role, where: Where, res: LightMyRequestResponse): string | null {
    const code = res.statusCode >= 400 ? res.json<{ code?: string }>().code : undefined;
    const got = `${res.statusCode}${code ? ` ${code}` : ''}`;
    const allowed = policy.roles === 'public' || policy.roles === 'authenticated' || policy.roles.includes(role);
    if (!allowed) return res.statusCode === 403 && code === 'FORBIDDEN' ? null : `expected 403 FORBIDDEN, got ${got}`;
    const ok = res.statusCode >= 200 && res.statusCode < 300;
    if (where === 'inside' || policy.scope !== 'own-subtree') return ok ? null : `expected 2xx, got ${got}: ${res.body.slice(0, 200)}`;
    switch (policy.outside) {
      case 'not-found':
        return res.statusCode === 404 && code === 'NOT_FOUND' ? null : `expected 404 NOT_FOUND, got ${got}`;
      case 'out-of-scope':
        return res.statusCode === 403 && code === 'OUT_OF_SCOPE' ? null : `expected 403 OUT_OF_SCOPE, got ${got}`;
      case 'empty':
        return ok && res.json<{ total: number }>().total === 0 ? null : `expected 2xx with nothing found, got ${got}: ${res.body.slice(0, 200)}`;
      case 'import-problem': {
        const problems = res.statusCode === 422 ? res.json<{ problems: { code: string }[] }>().problems : [];
        return code === 'IMPORT_INVALID' && problems.some((p) => p.code === 'OUT_OF_SCOPE') ? null : `expected 422 IMPORT_INVALID with an OUT_OF_SCOPE problem, got ${got}`;
      }
      default:
        return `the policy gives no outside answer for a subtree route`;
    }
  }

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) tokens[role] = await t.login(role);
    callers.staff = tokens.staff;
    callers.leader = tokens.leader;
    callers.admin = (await account('admin.ht@example.vn', 'admin', 'HT')).token;
    callers.auditor = (await account('auditor.ht@example.vn', 'auditor', 'HT')).token;
    const bgStaff = await account('staff.bg@example.vn', 'staff', 'BG-STTTT');
    bg.staff = bgStaff.token;
    bg.leader = (await account('leader.bg@example.vn', 'leader', 'BG')).token;
    ids.userOutside = bgStaff.id;
    ids.userInside = (await user('inside')).id;
    await must(await asRoot('POST', '/api/v1/users', { email: 'phien@example.vn', name: 'Phiên', role: 'staff', unitCode: 'HT-STTTT', password: PASSWORD }), 201);
    for (const w of ['inside', 'outside'] as const) {
      await plan(w, plans[w]);
      await indicator(w, indicators[w]);
    }
    fixed.obs = { inside: (await observation('inside', 'draft')).id, outside: (await observation('outside', 'draft')).id };
    fixed.evidence = {
      inside: idOf(await must(await send('POST', evidenceForm(fixed.obs.inside), tokens.staff), 201)),
      outside: idOf(await must(await send('POST', evidenceForm(fixed.obs.outside), bg.staff), 201)),
    };
    fixed.report = { inside: (await report('inside')).id, outside: (await report('outside')).id };
    fixed.export = { inside: await completedExport('inside'), outside: await completedExport('outside') };
  });
  afterAll(() => t.close());

  it('the policy lists exactly the routes of the access table, with the same roles', () => {
    const table = new Map(t.app.accessTable.map((r) => [`${r.method} ${r.url}`, r.access]));
    const unlisted = [...table.keys()].filter((k) => !(k in POLICY));
    expect(unlisted, `routes without a policy entry in tests/server/authorization-policy.ts: ${unlisted.join(', ')}`).toEqual([]);
    const gone = Object.keys(POLICY).filter((k) => !table.has(k));
    expect(gone, `policy entries for routes that do not exist: ${gone.join(', ')}`).toEqual([]);
    const norm = (a: unknown) => (Array.isArray(a) ? [...(a as string[])].sort().join(',') : String(a));
    for (const [key, access] of table) expect(norm(access), `${key}: config.access disagrees with the policy`).toBe(norm(POLICY[key]!.roles));
    for (const [key, p] of Object.entries(POLICY)) expect(p.scope === 'own-subtree', `${key}: an outside answer belongs to subtree routes only`).toBe(p.outside !== undefined);
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(POLICY).sort());
  });

  describe('every route, every role, inside and outside the caller\u2019s subtree', () => {
    for (const [key, policy] of Object.entries(POLICY)) {
      it(`${key} (${policy.roles === 'public' || policy.roles === 'authenticated' ? policy.roles : policy.roles.join(', ')}; ${policy.scope}${policy.outside ? `, outside: ${policy.outside}` : ''})`, async () => {
        const [method] = key.split(' ') as [Method];
        const sample = SAMPLES[key];
        if (!sample) throw new Error(`no sample request for ${key}`);
        const wrong: string[] = [];
        const anonymous = await send(method, await sample('inside'), undefined);
        if (policy.roles === 'public') {
          if (anonymous.statusCode >= 300) wrong.push(`anonymous: expected 2xx, got ${anonymous.statusCode}`);
        } else if (anonymous.statusCode !== 401 || anonymous.json<{ code: string }>().code !== 'UNAUTHENTICATED' || !String(anonymous.headers['content-type']).startsWith('application/problem+json')) {
          wrong.push(`anonymous: expected 401 UNAUTHENTICATED problem, got ${anonymous.statusCode}`);
        }
        for (const role of ROLES) {
          for (const where of ['inside', 'outside'] as const) {
            const res = await send(method, await sample(where), callers[role]);
            const problem = mismatch(policy, role, where, res);
            if (problem) wrong.push(`${role} ${where}: ${problem}`);
            if (policy.outside === 'empty' && where === 'inside' && res.statusCode === 200 && res.json<{ total: number }>().total === 0) wrong.push(`${role} inside: found nothing, so finding nothing outside proves nothing`);
          }
        }
        expect(wrong, `${key} does not follow the policy:\n  ${wrong.join('\n  ')}`).toEqual([]);
      });
    }
  });

  it('auditors never write: every write route refuses them, but for starting an export', () => {
    const writes = Object.entries(POLICY).filter(([k, p]) => !k.startsWith('GET ') && Array.isArray(p.roles));
    expect(writes.length).toBeGreaterThan(20);
    for (const [key, p] of writes) if (key !== 'POST /api/v1/exports') expect(p.roles, key).not.toContain('auditor');
  });

  describe('unit scope in detail', () => {
    it('staff read indicators of their unit only', async () => {
      expect((await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-XA', { token: tokens.staff })).statusCode).toBe(200);
      expect((await t.api('GET', '/api/v1/indicators/BG-VT-BTS', { token: tokens.staff })).statusCode).toBe(404);
      const list = await t.api('GET', '/api/v1/indicators?pageSize=500', { token: tokens.staff });
      const codes = list.json<{ items: { unitCode: string }[] }>().items.map((i) => i.unitCode);
      expect(codes.length).toBeGreaterThan(0);
      expect(new Set(codes)).toEqual(new Set(['HT-STTTT']));
    });

    it('a provincial leader reads the whole province and nothing of another', async () => {
      const list = await t.api('GET', '/api/v1/indicators?pageSize=500', { token: tokens.leader });
      const units = new Set(list.json<{ items: { unitCode: string }[] }>().items.map((i) => i.unitCode));
      expect([...units].every((u) => u.startsWith('HT'))).toBe(true);
      expect(units.has('HT-UBND')).toBe(true);
      expect((await t.api('GET', '/api/v1/indicators/HD-VT-5G', { token: tokens.leader })).statusCode).toBe(404);
      expect((await t.api('GET', '/api/v1/observations?under=BG', { token: tokens.leader })).json()).toMatchObject({ total: 0 });
    });

    it('an admin scoped to a province manages only inside it', async () => {
      const htAdmin = callers.admin;
      const inside = await t.api('POST', '/api/v1/units', { token: htAdmin, body: { code: 'HT-XA-28001', nameVi: 'xã Thạch Hà', type: 'commune', parentCode: 'HT' } });
      expect(inside.statusCode).toBe(201);
      const outside = await t.api('POST', '/api/v1/units', { token: htAdmin, body: { code: 'BG-XA-99001', nameVi: 'xã Khác', type: 'commune', parentCode: 'BG' } });
      expect(outside.statusCode).toBe(403);
      expect(outside.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
      // A root unit, or a plan without an owning unit, is for a nation-level admin only.
      expect((await t.api('POST', '/api/v1/units', { token: htAdmin, body: { code: 'XX', nameVi: 'Nước khác', type: 'nation', parentCode: null } })).statusCode).toBe(400);
      expect((await t.api('POST', '/api/v1/plans', { token: htAdmin, body: { code: 'PQ-NO-OWNER', titleVi: 'Không chủ', kind: 'plan' } })).statusCode).toBe(400);
      // A plan anchored above the province is visible to it, and still not its to change.
      const national = (await t.api('GET', '/api/v1/plans/VN-KH-IPV6', { token: htAdmin })).json<{ version: number }>();
      const refused = await t.api('PATCH', '/api/v1/plans/VN-KH-IPV6', { token: htAdmin, body: { version: national.version, titleVi: 'Đổi' } });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
      expect((await t.api('GET', '/api/v1/audit-events?under=BG', { token: htAdmin })).statusCode).toBe(403);
    });

    it('a provincial admin cannot take over another province by import', async () => {
      const htAdmin = callers.admin;
      const importing = async (files: Record<string, string>) => {
        const res = await t.api('POST', '/api/v1/imports', { token: htAdmin, body: { dryRun: true, files } });
        expect(res.statusCode, res.body).toBe(422);
        return res.json<{ problems: { code: string; column: string }[] }>().problems;
      };
      // Moving (and renaming) a unit of Bắc Giang under Hà Tĩnh.
      expect(await importing({ units: `${UNITS_CSV}BG-STTTT,Sở bị chiếm,,department,HT-UBND\n` })).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE', column: 'code' })]);
      // Creating a unit at the top of the tree.
      expect(await importing({ units: `${UNITS_CSV}PQ-ROOT,Gốc mới,,nation,\n` })).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE', column: 'parent_code' })]);
      // Re-assigning an indicator of Bắc Giang to a unit of Hà Tĩnh.
      const indicatorsCsv = 'code,plan_code,unit_code,field,name_vi,name_en,measure,unit_label,direction,target_value,target_date,notes\n';
      expect(await importing({ indicators: `${indicatorsCsv}BG-VT-BTS,,HT-STTTT,telecom,Bị chiếm,,count,trạm,increase,,,\n` })).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE', column: 'code' })]);
      // Changing a plan of Bắc Giang, or making a plan without an owner.
      const plansCsv = 'code,province_code,title_vi,title_en,kind,document_ref,issued_on,period_start,period_end,owner_unit_code,source_file\n';
      const problems = await importing({ plans: `${plansCsv}BG-MT-2011-2015,BG,Bị đổi,,plan,,,,,HT-STTTT,\nPQ-NAT,,Không chủ,,plan,,,,,,\n` });
      expect(problems).toEqual([expect.objectContaining({ code: 'OUT_OF_SCOPE', column: 'code' }), expect.objectContaining({ code: 'OUT_OF_SCOPE', column: 'owner_unit_code' })]);
      // Its own subtree it imports as before.
      const own = await t.api('POST', '/api/v1/imports', { token: htAdmin, body: { dryRun: true, files: { units: `${UNITS_CSV}HT-STTTT,Sở Thông tin và Truyền thông Hà Tĩnh,,department,HT-UBND\nPQ-NEW,Đơn vị mới,,agency,HT-STTTT\n` } } });
      expect(own.statusCode, own.body).toBe(200);
    });

    it('leaders and auditors see accounts only in their subtree; staff see none', async () => {
      const leaderUsers = await t.api('GET', '/api/v1/users', { token: tokens.leader });
      expect(leaderUsers.statusCode).toBe(200);
      const emails = leaderUsers.json<{ items: { email: string; unitCode: string }[] }>().items;
      expect(emails.every((u) => u.unitCode.startsWith('HT'))).toBe(true);
      expect(emails.map((u) => u.email)).not.toContain('auditor@tiendo.demo');
      expect((await t.api('GET', '/api/v1/users', { token: tokens.staff })).statusCode).toBe(403);
      expect((await t.api('GET', '/api/v1/users', { token: tokens.auditor })).json<{ total: number }>().total).toBeGreaterThanOrEqual(5);
    });
  });

  it('a disabled account loses access at once', async () => {
    const created = await t.api('POST', '/api/v1/users', { token: tokens.admin, body: { email: 'tam@example.vn', name: 'Tạm', role: 'staff', unitCode: 'HT-STTTT', password: 'Vung-Tau-2026!' } });
    const token = await t.login('tam@example.vn', 'Vung-Tau-2026!');
    expect((await t.api('GET', '/api/v1/auth/me', { token })).statusCode).toBe(200);
    const { id, version } = created.json<{ id: number; version: number }>();
    expect((await t.api('PATCH', `/api/v1/users/${id}`, { token: tokens.admin, body: { version, disabled: true } })).statusCode).toBe(200);
    const after = await t.api('GET', '/api/v1/auth/me', { token });
    expect(after.statusCode).toBe(403);
    expect(after.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });
});

describe('Vietnamese search and sorting over the API', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = await t.login('auditor');
  });
  afterAll(() => t.close());

  it('"ha tinh" finds Hà Tĩnh units, plans and indicators', async () => {
    const units = (await t.api('GET', '/api/v1/units?q=ha%20tinh&type=province', { token })).json<{ items: { code: string }[] }>();
    expect(units.items.map((u) => u.code)).toEqual(['HT']);
    const plans = (await t.api('GET', '/api/v1/plans?q=HA%20TINH', { token })).json<{ total: number; items: { code: string }[] }>();
    expect(plans.total).toBeGreaterThan(3);
    expect(plans.items.every((p) => p.code.startsWith('HT-'))).toBe(true);
    const inds = (await t.api('GET', `/api/v1/indicators?q=${encodeURIComponent('bưu chính')}`, { token })).json<{ items: { code: string }[] }>();
    expect(inds.items.map((i) => i.code)).toEqual(expect.arrayContaining(['HD-PB-DIEM', 'HT-PB-BANKINH']));
  });

  it('sorts names in Vietnamese order', async () => {
    const units = (await t.api('GET', '/api/v1/units?type=province&sort=name', { token })).json<{ items: { nameVi: string }[] }>();
    expect(units.items.map((u) => u.nameVi)).toEqual(['tỉnh Bắc Giang', 'tỉnh Hà Tĩnh', 'tỉnh Hải Dương']);
  });
});
