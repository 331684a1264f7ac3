import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';

/**
 * An administrator scoped to Hà Tĩnh (HT) links targets only to units and plans of their reach:
 * no unit of Bắc Giang (BG) as a contributor (its staff would then see and report on the target),
 * no BG plan (the target would count in BG's plan). A national administrator still may.
 */

const PASSWORD = 'Pham-Vi-Chi-Tieu-2026!';
const HT_PLAN = 'HT-QH-CNTT'; // owned by HT-UBND
const NATIONAL_PLAN = 'VN-KH-IPV6'; // anchored at the nation, above every province
const BG_PLAN = 'BG-QH-BCVT-CNTT'; // owned by BG-UBND

interface IndicatorDto {
  code: string;
  planCode: string | null;
  contributingUnitCodes: string[];
  notes: string | null;
  version: number;
}
interface ProblemDto {
  code: string;
  detail: string;
  errors?: { field: string; message: string }[];
}

describe('indicator links within the administrator’s subtree', () => {
  let t: TestApp;
  let root: string;
  let htAdmin: string;
  let bgStaff: string;
  let n = 0;

  const newIndicator = (extra: Record<string, unknown> = {}) => ({ code: `PV-I${++n}`, unitCode: 'HT-STTTT', field: 'telecom', nameVi: 'Chỉ tiêu thử phạm vi', measure: 'count', direction: 'increase', ...extra });
  const create = (token: string, extra: Record<string, unknown> = {}) => t.api('POST', '/api/v1/indicators', { token, body: newIndicator(extra) });
  const patch = (token: string, code: string, body: Record<string, unknown>) => t.api('PATCH', `/api/v1/indicators/${code}`, { token, body });
  const get = async (token: string, code: string) => t.api('GET', `/api/v1/indicators/${code}`, { token });
  const created = async (res: LightMyRequestResponse): Promise<IndicatorDto> => {
    expect(res.statusCode, res.body).toBe(201);
    return res.json<IndicatorDto>();
  };

  async function account(email: string, role: string, unitCode: string): Promise<string> {
    const res = await t.api('POST', '/api/v1/users', { token: root, body: { email, name: email.split('@')[0], role, unitCode, password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(201);
    return t.login(email, PASSWORD);
  }

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    root = await t.login('admin');
    htAdmin = await account('qt.ht@example.vn', 'admin', 'HT');
    bgStaff = await account('cb.bg@example.vn', 'staff', 'BG-STTTT');
  });
  afterAll(() => t.close());

  describe('contributing units', () => {
    it('create: units of the subtree are accepted, a unit of another province is refused and nothing is written', async () => {
      const ok = await created(await create(htAdmin, { contributingUnitCodes: ['HT-UBND', 'HT-HUONGKHE'] }));
      expect(ok.contributingUnitCodes.sort()).toEqual(['HT-HUONGKHE', 'HT-UBND']);

      const body = newIndicator({ contributingUnitCodes: ['HT-UBND', 'BG-STTTT'] });
      const refused = await t.api('POST', '/api/v1/indicators', { token: htAdmin, body });
      expect(refused.statusCode).toBe(403);
      const problem = refused.json<ProblemDto>();
      expect(problem.code).toBe('OUT_OF_SCOPE');
      expect(problem.detail).toContain('"BG-STTTT"');
      expect(problem.detail).not.toContain('"HT-UBND"');
      expect(problem.errors).toEqual([{ field: '/body/contributingUnitCodes', message: expect.stringContaining('"BG-STTTT"') }]);
      expect((await get(root, body.code)).statusCode).toBe(404);
    });

    it('update: adding a unit of the subtree is accepted, adding one of another province is refused and changes nothing', async () => {
      const ind = await created(await create(htAdmin));
      const refused = await patch(htAdmin, ind.code, { version: ind.version, contributingUnitCodes: ['BG-STTTT'], notes: 'Thêm Bắc Giang' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<ProblemDto>().code).toBe('OUT_OF_SCOPE');
      const after = (await get(htAdmin, ind.code)).json<IndicatorDto>();
      expect(after).toMatchObject({ version: ind.version, contributingUnitCodes: [], notes: null });
      // The point of the check: BG staff still cannot see the target.
      expect((await get(bgStaff, ind.code)).statusCode).toBe(404);

      const ok = await patch(htAdmin, ind.code, { version: ind.version, contributingUnitCodes: ['HT-HUONGKHE'] });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<IndicatorDto>().contributingUnitCodes).toEqual(['HT-HUONGKHE']);
    });

    it('a national administrator may name units of any province; a provincial one may then keep or remove them', async () => {
      const ind = await created(await create(root, { contributingUnitCodes: ['BG-STTTT'] }));
      expect(ind.contributingUnitCodes).toEqual(['BG-STTTT']);
      expect((await get(bgStaff, ind.code)).statusCode).toBe(200);

      // The form sends the whole list again: a unit already contributing may stay.
      const kept = await patch(htAdmin, ind.code, { version: ind.version, contributingUnitCodes: ['BG-STTTT', 'HT-UBND'], notes: 'Giữ nguyên' });
      expect(kept.statusCode, kept.body).toBe(200);
      expect(kept.json<IndicatorDto>().contributingUnitCodes.sort()).toEqual(['BG-STTTT', 'HT-UBND']);
      // ... but no other one may be added alongside it.
      const more = await patch(htAdmin, ind.code, { version: kept.json<IndicatorDto>().version, contributingUnitCodes: ['BG-STTTT', 'BG-UBND'] });
      expect(more.statusCode).toBe(403);
      expect(more.json<ProblemDto>().detail).toContain('"BG-UBND"');
      expect(more.json<ProblemDto>().detail).not.toContain('"BG-STTTT"');

      const removed = await patch(htAdmin, ind.code, { version: kept.json<IndicatorDto>().version, contributingUnitCodes: [] });
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json<IndicatorDto>().contributingUnitCodes).toEqual([]);

      const byRoot = await patch(root, ind.code, { version: removed.json<IndicatorDto>().version, contributingUnitCodes: ['BG-UBND'] });
      expect(byRoot.statusCode, byRoot.body).toBe(200);
      expect(byRoot.json<IndicatorDto>().contributingUnitCodes).toEqual(['BG-UBND']);
    });
  });

  describe('plan', () => {
    it('create: a plan of the province or of the nation is accepted; another province’s plan is refused like an unknown one', async () => {
      expect((await created(await create(htAdmin, { planCode: HT_PLAN }))).planCode).toBe(HT_PLAN);
      expect((await created(await create(htAdmin, { planCode: NATIONAL_PLAN }))).planCode).toBe(NATIONAL_PLAN);

      const body = newIndicator({ planCode: BG_PLAN });
      const refused = await t.api('POST', '/api/v1/indicators', { token: htAdmin, body });
      const unknown = await create(htAdmin, { planCode: 'PV-KHONG-CO' });
      expect(refused.statusCode).toBe(400);
      expect(unknown.statusCode).toBe(400);
      // The same answer as for a plan that does not exist: the refusal does not reveal the plan.
      const problem = refused.json<ProblemDto>();
      expect(problem).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '/body/planCode', message: 'is not a known plan' }] });
      expect(problem.detail.replace(BG_PLAN, 'X')).toBe(unknown.json<ProblemDto>().detail.replace('PV-KHONG-CO', 'X'));
      expect((await get(root, body.code)).statusCode).toBe(404);
    });

    it('update: linking to the province’s plan is accepted, to another province’s plan refused and nothing changes', async () => {
      const ind = await created(await create(htAdmin));
      const refused = await patch(htAdmin, ind.code, { version: ind.version, planCode: BG_PLAN });
      expect(refused.statusCode).toBe(400);
      expect(refused.json<ProblemDto>()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '/body/planCode' }] });
      expect((await get(htAdmin, ind.code)).json<IndicatorDto>()).toMatchObject({ planCode: null, version: ind.version });

      const ok = await patch(htAdmin, ind.code, { version: ind.version, planCode: HT_PLAN });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json<IndicatorDto>().planCode).toBe(HT_PLAN);
    });

    it('a plan seen only through a link a national administrator made is kept, but not linked to again (OUT_OF_SCOPE)', async () => {
      const linked = await created(await create(root, { planCode: BG_PLAN }));
      expect(linked.planCode).toBe(BG_PLAN);
      // Through that indicator, the HT administrator now sees the BG plan ...
      expect((await t.api('GET', `/api/v1/plans/${BG_PLAN}`, { token: htAdmin })).statusCode).toBe(200);
      // ... may edit the indicator sending its link again ...
      const kept = await patch(htAdmin, linked.code, { version: linked.version, planCode: BG_PLAN, notes: 'Ghi chú' });
      expect(kept.statusCode, kept.body).toBe(200);
      expect(kept.json<IndicatorDto>()).toMatchObject({ planCode: BG_PLAN, notes: 'Ghi chú' });
      // ... but may not link another target to it.
      const other = await created(await create(htAdmin));
      const refused = await patch(htAdmin, other.code, { version: other.version, planCode: BG_PLAN });
      expect(refused.statusCode).toBe(403);
      expect(refused.json<ProblemDto>().code).toBe('OUT_OF_SCOPE');
      expect((await create(htAdmin, { planCode: BG_PLAN })).statusCode).toBe(403);
      expect((await get(htAdmin, other.code)).json<IndicatorDto>().planCode).toBeNull();
    });

    it('a national administrator links any plan', async () => {
      const ind = await created(await create(root, { planCode: BG_PLAN, contributingUnitCodes: ['BG-STTTT'] }));
      expect(ind).toMatchObject({ planCode: BG_PLAN, contributingUnitCodes: ['BG-STTTT'] });
      const moved = await patch(root, ind.code, { version: ind.version, planCode: 'HD-QH-CNTT-2020' });
      expect(moved.statusCode, moved.body).toBe(200);
      expect(moved.json<IndicatorDto>().planCode).toBe('HD-QH-CNTT-2020');
    });
  });
});
