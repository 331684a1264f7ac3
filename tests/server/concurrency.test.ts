import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';

/** Every update names the version it read; a stale one is refused with 409 and the current version. */
describe('optimistic concurrency', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
    staff = await t.login('staff');
  });
  afterAll(() => t.close());

  async function staleCheck(url: string, token: string, change: Record<string, unknown>) {
    const current = (await t.api('GET', url, { token })).json<{ version: number }>();
    const first = await t.api('PATCH', url, { token, body: { ...change, version: current.version } });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<{ version: number }>().version).toBe(current.version + 1);
    const stale = await t.api('PATCH', url, { token, body: { ...change, version: current.version } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: current.version + 1 });
  }

  it('units', () => staleCheck('/api/v1/units/HT-STTTT', admin, { nameEn: 'Ha Tinh DIC' }));
  it('plans', () => staleCheck('/api/v1/plans/HT-QH-CNTT', admin, { issuingBody: 'UBND tỉnh Hà Tĩnh' }));
  it('indicators', () => staleCheck('/api/v1/indicators/HT-CNTT-CB-XA', admin, { dataSource: 'Báo cáo của Sở TT&TT' }));
  it('users', async () => {
    const me = (await t.api('GET', '/api/v1/users?q=staff', { token: admin })).json<{ items: { id: number }[] }>().items[0]!;
    await staleCheck(`/api/v1/users/${me.id}`, admin, { name: 'Nguyễn Văn Ân' });
  });
  it('observations', async () => {
    const created = await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2022', value: 96, comment: 'Số liệu tháng 12' } });
    expect(created.statusCode).toBe(201);
    await staleCheck(`/api/v1/observations/${created.json<{ id: number }>().id}`, staff, { value: 97 });
  });

  it('null clears an optional field, and is never read as 0', async () => {
    const created = await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CQDT-CONG-XA', unitCode: 'HT', period: '2023', value: 230, qualifier: 'range', valueTo: 240, numerator: null, denominator: null, comment: null } });
    expect(created.statusCode, created.body).toBe(201);
    const o = created.json<{ id: number; version: number }>();
    const cleared = await t.api('PATCH', `/api/v1/observations/${o.id}`, { token: staff, body: { version: o.version, qualifier: null, valueTo: null } });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json()).toMatchObject({ qualifier: null, valueTo: null, numerator: null, denominator: null, value: 230 });
  });

  it('an accepted (imported) report cannot be edited in place', async () => {
    const list = (await t.api('GET', '/api/v1/observations?indicator=HT-CNTT-CB-XA&state=accepted', { token: staff })).json<{ items: { id: number; version: number }[] }>();
    const o = list.items[0]!;
    const res = await t.api('PATCH', `/api/v1/observations/${o.id}`, { token: staff, body: { version: o.version, value: 1 } });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'INVALID_STATE' });
  });

  it('changing a target needs a reason and a legal reference, and keeps the old one as a revision', async () => {
    const ind = (await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-HUYEN', { token: admin })).json<{ version: number; target: { value: number } }>();
    const missing = await t.api('PATCH', '/api/v1/indicators/HT-CNTT-CB-HUYEN', { token: admin, body: { version: ind.version, targetValue: 99 } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toEqual(['/body/revisionReason', '/body/legalRef']);
    const invalid = await t.api('PATCH', '/api/v1/indicators/HT-CNTT-CB-HUYEN', { token: admin, body: { version: ind.version, targetValue: 50, revisionReason: 'x', legalRef: 'y' } });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json()).toMatchObject({ code: 'INVALID_TARGET' });
    const ok = await t.api('PATCH', '/api/v1/indicators/HT-CNTT-CB-HUYEN', { token: admin, body: { version: ind.version, targetValue: 99, revisionReason: 'Điều chỉnh theo kết quả giữa kỳ', legalRef: '15/QĐ-UBND' } });
    expect(ok.statusCode).toBe(200);
    const revisions = (await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-HUYEN/revisions', { token: admin })).json<{ items: { revisionNo: number; target: { value: number } | null; reason: string; legalRef: string | null }[] }>().items;
    expect(revisions.map((r) => r.target?.value ?? null)).toEqual([null, 100, 99]);
    expect(revisions.at(-1)).toMatchObject({ reason: 'Điều chỉnh theo kết quả giữa kỳ', legalRef: '15/QĐ-UBND' });
  });
});

describe('a new report', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('is answered with exactly what a later read returns', async () => {
    const staff = await t.login('staff');
    const created = await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2022-Q2', value: 87.5, comment: ' Số liệu  quý II ', source: 'Báo cáo' } });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: number }>();
    const read = await t.api('GET', `/api/v1/observations/${id}`, { token: staff });
    expect(read.json()).toEqual(created.json());
    expect(created.json()).toMatchObject({ seriesId: id, versionNo: 1, state: 'draft', comment: 'Số liệu quý II', createdBy: { name: expect.any(String) } });
  });
});
