import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { rollup } from '@tiendo/shared/status';
import { createStatusService } from '../../server/src/modules/status/service';

interface Status {
  status: string;
  progress: number | null;
  expectedProgress: number | null;
  pace: number | null;
  expectedValue: number | null;
  latest: { value: number; date: string; observationId: number | string } | null;
  baseline: { value: number; date: string; source: string } | null;
  target: { value: number; date: string } | null;
  forecast: number | null;
  method: string;
}

let t: TestApp;
let staff: string;
let leader: string;
let admin: string;
let auditor: string;

beforeAll(async () => {
  t = await createTestApp();
  [staff, leader, admin, auditor] = await Promise.all([t.login('staff'), t.login('leader'), t.login('admin'), t.login('auditor')]);
});
afterAll(() => t.close());

const status = async (code: string, query = '', token = auditor): Promise<Status> => {
  const res = await t.api('GET', `/api/v1/indicators/${code}/status${query}`, { token });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Status>();
};

describe('status of the sample targets (the method document\'s worked examples)', () => {
  it('A: commune cadres with computers, on track in mid-2020; F: missed after the deadline', async () => {
    const a = await status('HT-CNTT-CB-XA', '?asOf=2020-06-30');
    expect(a).toMatchObject({ method: 'tiendo-status/1', status: 'on_track', progress: 0.8833, expectedValue: 89.9818, expectedProgress: 0.833, pace: 1.0604 });
    expect(a.latest).toMatchObject({ value: 93, date: '2019-12-31' });
    expect((await status('HT-CNTT-CB-XA', '?asOf=2021-06-30')).status).toBe('missed');
  });

  it('B: postal radius, a lower-is-better target, at risk', async () => {
    const b = await status('HT-PB-BANKINH', '?asOf=2020-06-30');
    expect(b).toMatchObject({ status: 'at_risk', progress: 0.6, expectedValue: 2.2801, expectedProgress: 0.7997, pace: 0.7503 });
  });

  it('C: BTS stations with a milestone, baseline from the earliest value', async () => {
    const c = await status('BG-VT-BTS', '?asOf=2011-01-01');
    expect(c).toMatchObject({ status: 'on_track', progress: 0.6825, expectedValue: 587.018, expectedProgress: 0.563, pace: 1.2124 });
    expect(c.baseline).toMatchObject({ value: 55, date: '2005-12-31', source: 'earliest_observation' });
  });

  it('E: phones per 100 people, achieved', async () => {
    expect(await status('BG-VT-DIENTHOAI', '?asOf=2010-12-31')).toMatchObject({ status: 'achieved', progress: 1.1065 });
  });

  it('gives every seed indicator a status, for each measure and direction', async () => {
    const res = await t.api('GET', '/api/v1/indicator-statuses?under=VN&pageSize=500', { token: auditor });
    const all = res.json<{ total: number; items: { code: string; status: string; measure: string; direction: string }[] }>().items;
    // The 84 indicators of the seed dataset, and the 6 of the demo's sample plan.
    expect(all).toHaveLength(90);
    const items = all.filter((i) => !i.code.startsWith('HT-MAU-'));
    expect(items).toHaveLength(84);
    const byCode = new Map(items.map((i) => [i.code, i]));
    // No target in the articles: the method says no_target, whatever the measure.
    for (const code of ['HD-PB-DANSO', 'HD-VT-DAILY-INTERNET', 'HT-VT-TANGTRUONG', 'HD-VT-DIDONG']) expect(byCode.get(code)?.status).toBe('no_target');
    // A milestone with a target and no report yet: no data. One outside any plan whose only report
    // ("not yet", 0) is its own default baseline has no data either (rule 1 comes before "missed").
    expect(byCode.get('HD-ATTT-SOC')?.status).toBe('no_data');
    expect(byCode.get('HD-CQDT-LGSP')?.status).toBe('no_data');
    // Sample targets whose deadline passed without being reached (today is long after 2020).
    expect(byCode.get('HT-PB-BANKINH')?.status).toBe('missed');
    const measures = new Set(items.map((i) => i.measure));
    expect(measures).toEqual(new Set(['percent', 'count', 'per_100_people', 'per_100_households', 'km', 'ratio', 'boolean', 'growth_rate_percent']));
    expect(new Set(items.map((i) => i.direction))).toEqual(new Set(['increase', 'decrease', 'maintain', 'achieve']));
  });

  it('refuses a bad asOf or knownAt with a clear error', async () => {
    const bad = await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-XA/status?asOf=2021-02-30', { token: auditor });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-XA/status?knownAt=yesterday', { token: auditor })).statusCode).toBe(400);
  });
});

describe('the review cycle, with statuses at each knownAt', () => {
  it('draft → submit → return with reason → resubmit → accept → correct → accept', async () => {
    const asOf = '?asOf=2020-12-31';
    const before = await status('HT-CNTT-CB-XA', asOf);
    expect(before.latest).toMatchObject({ value: 93, date: '2019-12-31' });

    const draft = (await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2020', value: 97, comment: 'Theo báo cáo các xã' } })).json<{ id: number; version: number; state: string }>();
    expect(draft.state).toBe('draft');
    const submitted = (await t.api('POST', `/api/v1/observations/${draft.id}/submit`, { token: staff, body: { version: draft.version } })).json<{ version: number; state: string }>();
    expect(submitted.state).toBe('submitted');
    // Neither drafts nor submitted values count.
    expect((await status('HT-CNTT-CB-XA', asOf)).latest?.value).toBe(93);

    const noReason = await t.api('POST', `/api/v1/observations/${draft.id}/return`, { token: leader, body: { version: submitted.version } });
    expect(noReason.statusCode).toBe(400);
    const returned = (await t.api('POST', `/api/v1/observations/${draft.id}/return`, { token: leader, body: { version: submitted.version, reason: 'Thiếu số liệu của 3 xã; bổ sung và gửi lại.' } })).json<{ version: number; state: string; returnReason: string }>();
    expect(returned).toMatchObject({ state: 'returned', returnReason: 'Thiếu số liệu của 3 xã; bổ sung và gửi lại.' });

    const edited = (await t.api('PATCH', `/api/v1/observations/${draft.id}`, { token: staff, body: { version: returned.version, value: 98 } })).json<{ version: number }>();
    const resubmitted = (await t.api('POST', `/api/v1/observations/${draft.id}/submit`, { token: staff, body: { version: edited.version } })).json<{ version: number }>();
    const accepted = await t.api('POST', `/api/v1/observations/${draft.id}/accept`, { token: leader, body: { version: resubmitted.version } });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const acceptedAt1 = accepted.json<{ acceptedAt: string; version: number }>().acceptedAt;
    const afterFirst = await status('HT-CNTT-CB-XA', asOf);
    expect(afterFirst).toMatchObject({ status: 'on_track', progress: 0.9667, latest: { value: 98, date: '2020-12-31', observationId: draft.id } });

    // Accepting twice, or editing the accepted version, is refused.
    const twice = await t.api('POST', `/api/v1/observations/${draft.id}/accept`, { token: leader, body: { version: accepted.json<{ version: number }>().version } });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ code: 'INVALID_STATE' });
    expect((await t.api('PATCH', `/api/v1/observations/${draft.id}`, { token: staff, body: { version: accepted.json<{ version: number }>().version, value: 1 } })).statusCode).toBe(409);
    // A second report for the same period must be a correction.
    expect((await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CNTT-CB-XA', unitCode: 'HT', period: '2020', value: 99 } })).statusCode).toBe(409);

    await new Promise((r) => setTimeout(r, 5));
    const correction = (await t.api('POST', `/api/v1/observations/${draft.id}/corrections`, { token: staff, body: { value: 100, comment: 'Số liệu cuối năm đã rà soát' } })).json<{ id: number; version: number; versionNo: number; seriesId: number; state: string }>();
    expect(correction).toMatchObject({ versionNo: 2, seriesId: draft.id, state: 'draft' });
    // Until the correction is accepted the old value stands.
    expect((await status('HT-CNTT-CB-XA', asOf)).latest?.value).toBe(98);
    const cs = (await t.api('POST', `/api/v1/observations/${correction.id}/submit`, { token: staff, body: { version: correction.version } })).json<{ version: number }>();
    const ca = await t.api('POST', `/api/v1/observations/${correction.id}/accept`, { token: leader, body: { version: cs.version } });
    expect(ca.statusCode).toBe(200);
    const acceptedAt2 = ca.json<{ acceptedAt: string }>().acceptedAt;

    expect(await status('HT-CNTT-CB-XA', asOf)).toMatchObject({ status: 'achieved', latest: { value: 100, observationId: correction.id } });
    // knownAt reproduces what was known: between the two acceptances, 98; before the first, 93.
    const between = new Date((Date.parse(acceptedAt1) + Date.parse(acceptedAt2)) / 2).toISOString();
    expect((await status('HT-CNTT-CB-XA', `${asOf}&knownAt=${encodeURIComponent(between)}`)).latest?.value).toBe(98);
    const earlier = new Date(Date.parse(acceptedAt1) - 1).toISOString();
    expect((await status('HT-CNTT-CB-XA', `${asOf}&knownAt=${encodeURIComponent(earlier)}`)).latest?.value).toBe(93);

    const history = (await t.api('GET', `/api/v1/observations/${correction.id}/history`, { token: auditor })).json<{ items: { versionNo: number; value: number; supersededAt: string | null; state: string }[] }>().items;
    expect(history.map((h) => [h.versionNo, h.value, h.state, h.supersededAt])).toEqual([
      [1, 98, 'accepted', acceptedAt2],
      [2, 100, 'accepted', null],
    ]);
    const actions = (t.deps.dbh.sqlite.prepare("SELECT action FROM audit_events WHERE entity = 'observation' AND entity_id IN (?, ?) ORDER BY seq").all(String(draft.id), String(correction.id)) as { action: string }[]).map((r) => r.action);
    expect(actions).toEqual(['observation.create', 'observation.submit', 'observation.return', 'observation.update', 'observation.submit', 'observation.accept', 'observation.correct', 'observation.submit', 'observation.accept']);
  });

  it('refuses staff accepting, leaders out of scope, and auditors acting', async () => {
    const o = (await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode: 'HT-CQDT-CONG-XA', unitCode: 'HT', period: '2021', value: 240 } })).json<{ id: number; version: number }>();
    const s = (await t.api('POST', `/api/v1/observations/${o.id}/submit`, { token: staff, body: { version: o.version } })).json<{ version: number }>();
    expect((await t.api('POST', `/api/v1/observations/${o.id}/accept`, { token: staff, body: { version: s.version } })).statusCode).toBe(403);
    expect((await t.api('POST', `/api/v1/observations/${o.id}/accept`, { token: auditor, body: { version: s.version } })).statusCode).toBe(403);
    await t.api('POST', '/api/v1/users', { token: admin, body: { email: 'lanhdao.bg@example.vn', name: 'Lãnh đạo Bắc Giang', role: 'leader', unitCode: 'BG', password: 'Bac-Giang-Leader-26' } });
    const bgLeader = await t.login('lanhdao.bg@example.vn', 'Bac-Giang-Leader-26');
    const out = await t.api('POST', `/api/v1/observations/${o.id}/accept`, { token: bgLeader, body: { version: s.version } });
    expect(out.statusCode).toBe(404);
    // A stale version is refused too.
    expect((await t.api('POST', `/api/v1/observations/${o.id}/accept`, { token: leader, body: { version: o.version } })).json()).toMatchObject({ code: 'VERSION_CONFLICT' });
    expect((await t.api('POST', `/api/v1/observations/${o.id}/accept`, { token: leader, body: { version: s.version } })).statusCode).toBe(200);
  });
});

describe('target revisions', () => {
  it('a status for a past knownAt uses the target in force then', async () => {
    const before = await status('HT-CQDT-CONG-XA', '?asOf=2020-06-30');
    expect(before.target).toEqual({ value: 262, date: '2020-12-31' });
    const revisedFrom = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const ind = (await t.api('GET', '/api/v1/indicators/HT-CQDT-CONG-XA', { token: admin })).json<{ version: number }>();
    const res = await t.api('PATCH', '/api/v1/indicators/HT-CQDT-CONG-XA', { token: admin, body: { version: ind.version, targetValue: 230, revisionReason: 'Điều chỉnh chỉ tiêu theo nghị quyết', legalRef: '88/NQ-HĐND' } });
    expect(res.statusCode).toBe(200);
    const after = await status('HT-CQDT-CONG-XA', '?asOf=2020-06-30');
    expect(after.target).toEqual({ value: 230, date: '2020-12-31' });
    expect(after.progress).not.toBe(before.progress);
    const then = await status('HT-CQDT-CONG-XA', `?asOf=2020-06-30&knownAt=${encodeURIComponent(revisedFrom)}`);
    expect(then.target).toEqual({ value: 262, date: '2020-12-31' });
    expect(then.progress).toBe(before.progress);
  });
});

describe('roll-ups', () => {
  it('match the method\'s formulas on hand-checked numbers', async () => {
    const res = await t.api('GET', '/api/v1/rollups?unit=HT&by=field&asOf=2020-06-30&knownAt=2020-01-01', { token: leader });
    // knownAt 2020-01-01 is before the demo data was loaded: nothing was known then.
    expect(res.json<{ overall: { withData: number } }>().overall.withData).toBe(0);

    const now = await t.api('GET', '/api/v1/rollups?unit=HT&by=field&asOf=2020-06-30', { token: leader });
    const body = now.json<{ overall: { total: number }; groups: { key: string; status: string; counts: Record<string, number>; progress: number; expectedProgress: number; pace: number; indicatorsUrl: string }[] }>();
    const it = body.groups.find((g) => g.key === 'it_application')!;
    // HT-CNTT-CB-XA: p 0.8833, e 0.8330 (example A); HT-CNTT-CB-HUYEN: 81 → 100 by 2019 against a target of 100 by 2020: achieved, p 1, e 1826/2192.
    const e = 1826 / 2192;
    expect(it.counts).toMatchObject({ on_track: 1, achieved: 1 });
    expect(it.progress).toBeCloseTo((53 / 60 + 1) / 2, 4);
    expect(it.expectedProgress).toBeCloseTo(e, 4);
    expect(it.pace).toBeCloseTo((53 / 60 + 1) / 2 / e, 3);
    expect(it.status).toBe('on_track');
    const postal = body.groups.find((g) => g.key === 'postal')!;
    expect(postal).toMatchObject({ status: 'at_risk', progress: 0.6, expectedProgress: 0.7997 });
    // The indicators behind each number are one link away.
    const behind = await t.api('GET', it.indicatorsUrl, { token: leader });
    expect(behind.json<{ items: { code: string }[] }>().items.map((i) => i.code).sort()).toEqual(expect.arrayContaining(['HT-CNTT-CB-HUYEN', 'HT-CNTT-CB-XA']));

    const byUnit = (await t.api('GET', '/api/v1/rollups?unit=HT&by=unit&asOf=2020-06-30', { token: leader })).json<{ groups: { key: string; total: number }[] }>();
    expect(byUnit.groups.map((g) => g.key)).toEqual(expect.arrayContaining(['HT-UBND']));
    expect((await t.api('GET', '/api/v1/rollups?unit=BG', { token: leader })).statusCode).toBe(403);
  });

  it('computes roll-out indicators from units below, never averaging ratios', async () => {
    for (const code of ['HT-XA-00101', 'HT-XA-00102', 'HT-XA-00103']) {
      expect((await t.api('POST', '/api/v1/units', { token: admin, body: { code, nameVi: `xã ${code}`, type: 'commune', parentCode: 'HT' } })).statusCode).toBe(201);
    }
    const base = { unitCode: 'HT-STTTT', contributingUnitCodes: ['HT-XA-00101', 'HT-XA-00102', 'HT-XA-00103'], field: 'e_government' };
    expect((await t.api('POST', '/api/v1/indicators', { token: admin, body: { ...base, code: 'HT-ROLL-EOFFICE', nameVi: 'Tỷ lệ xã triển khai văn phòng điện tử', measure: 'boolean', direction: 'achieve', aggregation: 'share_done', targetValue: 1, targetDate: '2025' } })).statusCode).toBe(201);
    expect((await t.api('POST', '/api/v1/indicators', { token: admin, body: { ...base, code: 'HT-ROLL-ONLINE', nameVi: 'Tỷ lệ hồ sơ trực tuyến', measure: 'percent', direction: 'increase', aggregation: 'ratio', baselineValue: 0, baselineDate: '2020', targetValue: 80, targetDate: '2025' } })).statusCode).toBe(201);

    const report = async (indicatorCode: string, unitCode: string, body: Record<string, number>) => {
      const o = (await t.api('POST', '/api/v1/observations', { token: staff, body: { indicatorCode, unitCode, period: '2022', ...body } })).json<{ id: number; version: number }>();
      const s = (await t.api('POST', `/api/v1/observations/${o.id}/submit`, { token: staff, body: { version: o.version } })).json<{ version: number }>();
      expect((await t.api('POST', `/api/v1/observations/${o.id}/accept`, { token: leader, body: { version: s.version } })).statusCode).toBe(200);
    };
    await report('HT-ROLL-EOFFICE', 'HT-XA-00101', { value: 1 });
    await report('HT-ROLL-EOFFICE', 'HT-XA-00102', { value: 0 });
    const share = await status('HT-ROLL-EOFFICE', '?asOf=2022-12-31');
    // One commune of the three contributing communes is done.
    expect(share.latest?.value).toBeCloseTo(100 / 3, 4);

    await report('HT-ROLL-ONLINE', 'HT-XA-00101', { numerator: 90, denominator: 100 });
    await report('HT-ROLL-ONLINE', 'HT-XA-00102', { numerator: 10, denominator: 900 });
    const ratio = await status('HT-ROLL-ONLINE', '?asOf=2022-12-31');
    // (90 + 10) / (100 + 900) = 10%, not the 45.6% an average of the two ratios would give.
    expect(ratio.latest?.value).toBeCloseTo(10, 4);
  });
});

describe('roll-ups summed by the database', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = await t.login('auditor');
  });
  afterAll(() => t.close());

  // The national roll-up sums kept statuses in SQL; it must agree with the method's own roll-up
  // (shared/src/status/rollup.ts) of every target, computed one by one.
  it.each([
    ['today', ''],
    ['a past date (every status computed)', '&asOf=2020-06-30'],
  ])('agree with the roll-up of every target, for %s', async (_label, query) => {
    const service = createStatusService(t.deps);
    const nation = (await t.deps.repos.units.findByCode('VN'))!;
    const all = [...(await service.statuses(await service.indicatorIdsUnder(nation.path, {}), query ? { asOf: '2020-06-30' } : {})).values()];
    const expected = rollup(all.map((s) => ({ status: s.result.status, progress: s.result.progress, expectedProgress: s.result.expectedProgress, weight: s.indicator.weight })));
    expect(expected.withData).toBeGreaterThan(5);
    for (const by of ['plan', 'field', 'unit']) {
      const res = await t.api('GET', `/api/v1/rollups?unit=VN&by=${by}${query}`, { token });
      expect(res.statusCode).toBe(200);
      const { overall, groups } = res.json<{ overall: { counts: Record<string, number>; total: number; withData: number; progress: number | null; expectedProgress: number | null; status: string }; groups: { total: number }[] }>();
      expect(overall.counts).toEqual(expected.counts);
      expect(overall.total).toBe(all.length);
      expect(overall.withData).toBe(expected.withData);
      expect(overall.progress).toBeCloseTo(expected.progress!, 4);
      expect(overall.expectedProgress).toBeCloseTo(expected.expectedProgress!, 4);
      expect(overall.status).toBe(expected.status);
      expect(groups.reduce((n, g) => n + g.total, 0)).toBe(all.length);
    }
  });

  // Kept statuses are summed by the database; targets without one that holds are looked for only
  // when the sums do not account for every target, and then computed one by one.
  it('count a target with no kept status, in the nation and in a province', async () => {
    const service = createStatusService(t.deps);
    const sqlite = t.deps.dbh.sqlite;
    for (const code of ['VN', 'HT']) {
      const unit = (await t.deps.repos.units.findByCode(code))!;
      const all = [...(await service.statuses(await service.indicatorIdsUnder(unit.path, {}))).values()];
      const expected = rollup(all.map((s) => ({ status: s.result.status, progress: s.result.progress, expectedProgress: s.result.expectedProgress, weight: s.indicator.weight })));
      const read = async () => (await t.api('GET', `/api/v1/rollups?unit=${code}&by=unit`, { token })).json<{ overall: { counts: Record<string, number>; total: number; progress: number | null } }>().overall;
      const kept = sqlite.prepare('SELECT count(*) FROM indicator_status WHERE indicator_id = ?').pluck();
      // Every status is kept now (the statuses above kept them); then one is dropped.
      const whole = await read();
      const dropped = all.find((s) => s.result.progress !== null)!.indicator.id;
      sqlite.prepare('DELETE FROM indicator_status WHERE indicator_id = ?').run(dropped);
      expect(kept.get(dropped)).toBe(0);
      const partial = await read();
      for (const overall of [whole, partial]) {
        expect(overall.total, code).toBe(all.length);
        expect(overall.counts, code).toEqual(expected.counts);
        expect(overall.progress!, code).toBeCloseTo(expected.progress!, 4);
      }
      // The roll-up computed the missing one and kept it again.
      expect(kept.get(dropped)).toBe(1);
    }
  });
});

describe('the kept answer of one target', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp();
    token = await t.login('auditor');
  });
  afterAll(() => t.close());

  // A read of one target sends the answer rendered when its status was kept; it must be the answer
  // the general path renders, for every seed target (each measure, direction and status).
  it('is the answer the general path gives, for every seed target, and is rendered again when missing', async () => {
    const sqlite = t.deps.dbh.sqlite;
    const codes = (sqlite.prepare('SELECT code FROM indicators ORDER BY code').pluck().all() as string[]);
    expect(codes.length).toBeGreaterThanOrEqual(84);
    const read = async (code: string) => {
      const res = await t.api('GET', `/api/v1/indicators/${code}/status`, { token });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      const { knownAt, ...rest } = res.json<Record<string, unknown>>();
      expect(Date.parse(knownAt as string)).toBeGreaterThan(Date.now() - 60_000);
      return rest;
    };
    const answerOf = sqlite.prepare('SELECT k.answer FROM indicator_status k JOIN indicators i ON i.id = k.indicator_id WHERE i.code = ?').pluck();
    for (const code of codes) {
      await read(code); // computes and keeps the status if nothing kept it yet
      expect(answerOf.get(code), code).toEqual(expect.any(String));
      const kept = await read(code);
      // A status kept without an answer (before answers were kept) is computed again on the general path.
      sqlite.prepare('UPDATE indicator_status SET answer = NULL WHERE indicator_id = (SELECT id FROM indicators WHERE code = ?)').run(code);
      const general = await read(code);
      expect(kept, code).toEqual(general);
      expect(kept.indicatorCode).toBe(code);
      expect(answerOf.get(code), `${code}: kept again with its answer`).toEqual(expect.any(String));
    }
  });

  // The list filters, sorts and pages on the kept figures and reads full statuses for its page only.
  it.each([['today', ''], ['a past date', '&asOf=2020-06-30']])('the list of targets, for %s, pages through what each target\'s own status says, in order', async (_label, query) => {
    const list = async (extra: string) => (await t.api('GET', `/api/v1/indicator-statuses?under=VN${query}${extra}`, { token })).json<{ total: number; items: { code: string; status: string; pace: number | null }[] }>();
    const whole = await list('&sort=severity&pageSize=500');
    const paged = [];
    for (let page = 1; paged.length < whole.total; page++) paged.push(...(await list(`&sort=severity&pageSize=7&page=${page}`)).items);
    expect(paged.map((i) => i.code)).toEqual(whole.items.map((i) => i.code));
    const severity = ['missed', 'off_track', 'at_risk', 'no_data', 'on_track', 'achieved', 'no_target'];
    const ranks = whole.items.map((i) => severity.indexOf(i.status));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const item of whole.items.slice(0, 30)) {
      const own = (await t.api('GET', `/api/v1/indicators/${item.code}/status?${query.slice(1)}`, { token })).json<{ status: string; pace: number | null }>();
      expect({ code: item.code, status: item.status, pace: item.pace }).toEqual({ code: item.code, status: own.status, pace: own.pace });
    }
    const missed = await list('&status=missed,off_track&pageSize=500');
    expect(missed.items.map((i) => i.code).sort()).toEqual(whole.items.filter((i) => i.status === 'missed' || i.status === 'off_track').map((i) => i.code).sort());
  });

  it('the list of targets finds words in their names and codes, ignoring case and diacritics', async () => {
    const list = async (q: string) => (await t.api('GET', `/api/v1/indicator-statuses?under=VN&pageSize=500&q=${encodeURIComponent(q)}`, { token })).json<{ total: number; items: { code: string; nameVi: string }[] }>();
    const all = await list('');
    const plain = await list('may tinh');
    const marked = await list('MÁY TÍNH');
    expect(plain.total).toBeGreaterThan(0);
    expect(plain.total).toBeLessThan(all.total);
    expect(marked.items.map((i) => i.code)).toEqual(plain.items.map((i) => i.code));
    for (const item of plain.items) expect(item.nameVi.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase()).toContain('may tinh');
    expect((await list('ht-cntt-cb-xa')).items.map((i) => i.code)).toContain('HT-CNTT-CB-XA');
  });

  it('is read afresh after any commit, also one another process makes (the command line, say)', async () => {
    const read = async () => (await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-XA/status', { token })).json<{ status: string; gap: number }>();
    const first = await read();
    expect(await read()).toMatchObject({ status: first.status, gap: first.gap });
    const other = new Database(path.join(t.dataDir, 'tiendo.sqlite'));
    const change = (sql: string) => other.prepare(`UPDATE indicator_status SET ${sql} WHERE indicator_id = (SELECT id FROM indicators WHERE code = 'HT-CNTT-CB-XA')`).run();
    try {
      // A kept answer changed behind the server's back (only to tell a fresh read from a remembered one).
      change("answer = json_set(answer, '$.gap', 12345)");
      expect((await read()).gap).toBe(12345);
      change('answer = NULL');
      expect(await read()).toMatchObject({ status: first.status, gap: first.gap });
    } finally {
      other.close();
    }
  });

  it('is not used for another date, another knowledge, or a reader outside the target\'s unit', async () => {
    const today = await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-XA/status', { token });
    const past = await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-XA/status?asOf=2020-06-30', { token });
    expect(past.json()).toMatchObject({ asOf: '2020-06-30', status: 'on_track', progress: 0.8833 });
    expect(today.json<{ status: string }>().status).toBe('missed');
    const known = await t.api('GET', '/api/v1/indicators/HT-CNTT-CB-XA/status?knownAt=2019-01-01', { token });
    expect(known.json<{ knownAt: string; latest: unknown }>().knownAt).toBe('2019-01-01T16:59:59.999Z');
    // A staff member of another province gets the same refusal as for any target outside their unit.
    const other = await t.api('GET', '/api/v1/indicators/BG-VT-BTS/status', { token: await t.login('staff') });
    expect(other.statusCode).toBe(404);
  });
});
