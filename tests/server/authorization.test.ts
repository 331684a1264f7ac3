import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@tiendo/shared/roles';
import { createTestApp, type TestApp } from '../helpers/app';

/**
 * Generated from the server's own route table: every route refuses anonymous callers (unless
 * public) and every role its rule does not list. Unit-scope refusals follow, per resource.
 */
describe('authorization', () => {
  let t: TestApp;
  const tokens = {} as Record<Role, string>;
  let htAdmin: string;

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ROLES) tokens[role] = await t.login(role);
    const root = tokens.admin;
    const res = await t.api('POST', '/api/v1/users', { token: root, body: { email: 'admin.ht@example.vn', name: 'Quản trị Hà Tĩnh', role: 'admin', unitCode: 'HT', password: 'Ha-Tinh-Admin-2026' } });
    expect(res.statusCode).toBe(201);
    htAdmin = await t.login('admin.ht@example.vn', 'Ha-Tinh-Admin-2026');
  });
  afterAll(() => t.close());

  const sample: Record<string, string> = { code: 'HT', id: '1' };
  const fill = (url: string) =>
    url
      .replace(':code', url.includes('/plans/') ? 'HT-QH-CNTT' : url.includes('/indicators/') ? 'HT-CNTT-CB-XA' : sample.code!)
      .replace(':id', sample.id!);

  it('every API route declares an access rule, and the table covers the resources', () => {
    const urls = t.app.accessTable.map((r) => `${r.method} ${r.url}`);
    expect(urls.length).toBeGreaterThanOrEqual(20);
    for (const u of ['GET /api/v1/units', 'POST /api/v1/units', 'PATCH /api/v1/plans/:code', 'POST /api/v1/observations', 'PATCH /api/v1/users/:id', 'POST /api/v1/imports', 'GET /api/v1/audit-events']) {
      expect(urls).toContain(u);
    }
  });

  it('refuses anonymous callers on every non-public route with 401 problem+json', async () => {
    for (const route of t.app.accessTable.filter((r) => r.access !== 'public')) {
      const res = await t.api(route.method as 'GET', fill(route.url), { body: route.method === 'GET' ? undefined : {} });
      expect(res.statusCode, `${route.method} ${route.url}`).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    }
  });

  it('refuses every role a route does not allow with 403', async () => {
    let checked = 0;
    for (const route of t.app.accessTable) {
      if (!Array.isArray(route.access)) continue;
      for (const role of ROLES.filter((r) => !(route.access as readonly Role[]).includes(r))) {
        const res = await t.api(route.method as 'GET', fill(route.url), { token: tokens[role], body: route.method === 'GET' ? undefined : {} });
        expect(res.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
        expect(res.json()).toMatchObject({ code: 'FORBIDDEN' });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('auditors never write: every write route refuses them', async () => {
    const writes = t.app.accessTable.filter((r) => r.method !== 'GET' && Array.isArray(r.access));
    expect(writes.length).toBeGreaterThan(5);
    // Requesting an export writes only the export's own job record and audit event, never data.
    const readOnlyJobs = new Set(['POST /api/v1/exports']);
    for (const r of writes) if (!readOnlyJobs.has(`${r.method} ${r.url}`)) expect(r.access).not.toContain('auditor');
  });

  describe('unit scope', () => {
    it('staff read indicators of their unit only', async () => {
      expect((await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-XA', { token: tokens.staff })).statusCode).toBe(200);
      const other = await t.api('GET', '/api/v1/indicators/BG-VT-BTS', { token: tokens.staff });
      expect(other.statusCode).toBe(404);
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

    it('staff cannot report for another province', async () => {
      const ok = await t.api('POST', '/api/v1/observations', { token: tokens.staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2021', value: 95 } });
      expect(ok.statusCode).toBe(201);
      const refused = await t.api('POST', '/api/v1/observations', { token: tokens.staff, body: { indicatorCode: 'BG-VT-BTS', unitCode: 'BG', period: '2021', value: 900 } });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    });

    it('an admin scoped to a province manages only inside it', async () => {
      const inside = await t.api('POST', '/api/v1/units', { token: htAdmin, body: { code: 'HT-XA-28001', nameVi: 'xã Thạch Hà', type: 'commune', parentCode: 'HT' } });
      expect(inside.statusCode).toBe(201);
      const outside = await t.api('POST', '/api/v1/units', { token: htAdmin, body: { code: 'BG-XA-99001', nameVi: 'xã Khác', type: 'commune', parentCode: 'BG' } });
      expect(outside.statusCode).toBe(403);
      expect(outside.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
      const user = await t.api('POST', '/api/v1/users', { token: htAdmin, body: { email: 'x@bg.vn', name: 'X', role: 'staff', unitCode: 'BG-STTTT', password: 'Bac-Giang-2026!' } });
      expect(user.statusCode).toBe(403);
      const plan = await t.api('GET', '/api/v1/plans/BG-MT-2011-2015', { token: htAdmin });
      expect(plan.statusCode).toBe(404);
      const ind = await t.api('POST', '/api/v1/indicators', { token: htAdmin, body: { code: 'BG-NEW', unitCode: 'BG-STTTT', field: 'telecom', nameVi: 'Mới', measure: 'count', direction: 'increase' } });
      expect(ind.statusCode).toBe(403);
      const audit = await t.api('GET', '/api/v1/audit-events?under=BG', { token: htAdmin });
      expect(audit.statusCode).toBe(403);
    });

    it('leaders and auditors see accounts only in their subtree; staff see none', async () => {
      const leaderUsers = await t.api('GET', '/api/v1/users', { token: tokens.leader });
      expect(leaderUsers.statusCode).toBe(200);
      const emails = leaderUsers.json<{ items: { email: string; unitCode: string }[] }>().items;
      expect(emails.every((u) => u.unitCode.startsWith('HT'))).toBe(true);
      expect(emails.map((u) => u.email)).not.toContain('auditor@tiendo.demo');
      expect((await t.api('GET', '/api/v1/users?under=BG', { token: tokens.leader })).statusCode).toBe(403);
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
