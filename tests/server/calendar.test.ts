import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dateInVietnam } from '@tiendo/shared/periods';
import type { Calendar, CalendarItem, CalendarQuery } from '@tiendo/shared/schemas/calendar';
import type { RequestContext } from '../../server/src/lib/context';
import { createCalendarService } from '../../server/src/modules/calendar/service';
import { createTestApp, type TestApp } from '../helpers/app';

/**
 * The reporting calendar: which reports fell due in a range, for whom, and where each stands.
 * Test data: a plan in force 2023-04-01 … 2024-06-30 with 10 days of grace, a quarterly target of
 * Sở TT&TT Hà Tĩnh in it, a quarterly roll-out target reported by two communes, and a quarterly
 * target without a plan whose life is bounded by its baseline and deadline.
 */
describe('reporting calendar', () => {
  let t: TestApp;
  let admin: string;
  let staff: string;
  let leader: string;
  let auditor: string;
  const ids: Record<string, number> = {};

  const get = async (token: string, query: string) => {
    const res = await t.api('GET', `/api/v1/calendar${query ? `?${query}` : ''}`, { token });
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Calendar>();
  };
  const of = (c: Calendar, code: string) => c.items.filter((i) => i.indicatorCode === code);
  const sql = (statement: string, ...params: unknown[]) => t.deps.dbh.sqlite.prepare(statement).run(...params);

  async function post(url: string, token: string, body: unknown) {
    const res = await t.api('POST', url, { token, body });
    expect(res.statusCode, `${url} ${res.body}`).toBe(201);
    return res.json<{ id: number }>();
  }

  async function contextOf(email: string): Promise<RequestContext> {
    const u = (await t.deps.repos.users.findByEmail(email))!;
    return { actor: { id: u.id, label: u.email, name: u.name, role: u.role as 'staff', unitId: u.unitId, unitCode: u.unitCode, unitPath: u.unitPath }, requestId: null, ip: null };
  }

  beforeAll(async () => {
    t = await createTestApp();
    [admin, staff, leader, auditor] = await Promise.all([t.login('admin'), t.login('staff'), t.login('leader'), t.login('auditor')]);

    await post('/api/v1/plans', admin, { code: 'HT-KH-CAL', provinceCode: 'HT', titleVi: 'Kế hoạch thử lịch báo cáo', kind: 'plan', periodStart: '2023-04', periodEnd: '2024-06', ownerUnitCode: 'HT-STTTT', graceDays: 10 });
    await post('/api/v1/units', admin, { code: 'HT-XA-A', nameVi: 'xã A', type: 'commune', parentCode: 'HT-HUONGKHE' });
    await post('/api/v1/units', admin, { code: 'HT-XA-B', nameVi: 'xã B', type: 'commune', parentCode: 'HT' });
    const target = { unitCode: 'HT-STTTT', field: 'e_government', frequency: 'quarterly' };
    await post('/api/v1/indicators', admin, { ...target, code: 'HT-CAL-Q', planCode: 'HT-KH-CAL', nameVi: 'Tỷ lệ hồ sơ trực tuyến', nameEn: 'Share of dossiers online', measure: 'percent', direction: 'increase' });
    await post('/api/v1/indicators', admin, { ...target, code: 'HT-CAL-RO', planCode: 'HT-KH-CAL', nameVi: 'Xã triển khai văn phòng điện tử', measure: 'boolean', direction: 'achieve', aggregation: 'share_done', contributingUnitCodes: ['HT-XA-A', 'HT-XA-B'] });
    await post('/api/v1/indicators', admin, { ...target, code: 'HT-CAL-LIFE', nameVi: 'Chỉ tiêu không thuộc kế hoạch', measure: 'count', direction: 'increase', baselineValue: 10, baselineDate: '2023-Q1', targetValue: 50, targetDate: '2023-Q4' });

    // HT-CAL-Q: 2023-Q2 drafted (reported for the province, as the seed data does), Q3 submitted,
    // Q4 accepted with a correction under way, 2024-Q1 returned, 2024-Q2 only a superseded row.
    const report = (indicatorCode: string, unitCode: string, period: string) => post('/api/v1/observations', staff, { indicatorCode, unitCode, period, value: 1 });
    ids.q2 = (await report('HT-CAL-Q', 'HT', '2023-Q2')).id;
    ids.q3 = (await report('HT-CAL-Q', 'HT-STTTT', '2023-Q3')).id;
    ids.q4 = (await report('HT-CAL-Q', 'HT-STTTT', '2023-Q4')).id;
    ids.q1 = (await report('HT-CAL-Q', 'HT-STTTT', '2024-Q1')).id;
    ids.old = (await report('HT-CAL-Q', 'HT-STTTT', '2024-Q2')).id;
    ids.ro = (await report('HT-CAL-RO', 'HT-XA-A', '2023-Q2')).id;
    sql("UPDATE observations SET state = 'submitted' WHERE id = ?", ids.q3);
    sql("UPDATE observations SET state = 'accepted' WHERE id = ?", ids.q4);
    sql("UPDATE observations SET state = 'returned', return_reason = ? WHERE id = ?", 'Thiếu quyết định kèm theo', ids.q1);
    sql("UPDATE observations SET state = 'accepted', superseded_at = '2024-08-01T00:00:00Z' WHERE id = ?", ids.old);
    const correction = sql(
      `INSERT INTO observations (series_id, version_no, indicator_id, unit_id, period, period_end, value, state, origin, created_at, updated_at)
       SELECT series_id, version_no + 1, indicator_id, unit_id, period, period_end, 2, 'draft', 'entry', created_at, updated_at FROM observations WHERE id = ?`,
      ids.q4,
    );
    ids.correction = Number(correction.lastInsertRowid);
  });
  afterAll(() => t.close());

  const RANGE = 'from=2023-01-01&to=2024-12-31';

  it('lists the quarters due within the plan period, with due dates after its grace days', async () => {
    const c = await get(staff, RANGE);
    expect(c).toMatchObject({ unit: 'HT-STTTT', from: '2023-01-01', to: '2024-12-31', today: dateInVietnam() });
    const q = of(c, 'HT-CAL-Q');
    // 2023-Q1 ended before the plan started; 2024-Q3 and Q4 begin after it ended.
    expect(q.map((i) => i.period)).toEqual(['2023-Q2', '2023-Q3', '2023-Q4', '2024-Q1', '2024-Q2']);
    expect(q[0]).toMatchObject({
      indicatorName: { vi: 'Tỷ lệ hồ sơ trực tuyến', en: 'Share of dossiers online' },
      planCode: 'HT-KH-CAL',
      field: 'e_government',
      unitCode: 'HT-STTTT',
      periodEnd: '2023-06-30',
      dueDate: '2023-07-10',
    });
    expect(q.map((i) => i.dueDate)).toEqual(['2023-07-10', '2023-10-10', '2024-01-10', '2024-04-10', '2024-07-10']);
  });

  it('bounds a target without a plan by its baseline and deadline, with the default 15 days of grace', async () => {
    const life = of(await get(staff, RANGE), 'HT-CAL-LIFE');
    expect(life.map((i) => [i.period, i.dueDate, i.planCode])).toEqual([
      ['2023-Q2', '2023-07-15', null],
      ['2023-Q3', '2023-10-15', null],
      ['2023-Q4', '2024-01-15', null],
    ]);
  });

  it('gives each period the state of its newest current report version', async () => {
    const q = of(await get(staff, RANGE), 'HT-CAL-Q');
    expect(q.map((i) => [i.period, i.state, i.late, i.observationId])).toEqual([
      // Reported for the province unit: matched by indicator and period, whatever the unit.
      ['2023-Q2', 'drafted', true, ids.q2],
      ['2023-Q3', 'submitted', false, ids.q3],
      // A correction under way is the newest version, but the accepted value means nothing is late.
      ['2023-Q4', 'drafted', false, ids.correction],
      ['2024-Q1', 'returned', true, ids.q1],
      // The only row is superseded: nothing current was reported.
      ['2024-Q2', 'overdue', true, null],
    ]);
    expect(q[3]!.returnReason).toBe('Thiếu quyết định kèm theo');
    expect(q.filter((i) => i.period !== '2024-Q1').every((i) => i.returnReason === null)).toBe(true);
    expect(q[0]!.updatedAt).toEqual(expect.any(String));
    expect(q[4]!.updatedAt).toBeNull();
  });

  it('lists a roll-out target once per contributing commune', async () => {
    const ro = of(await get(staff, RANGE), 'HT-CAL-RO');
    expect(ro).toHaveLength(10);
    expect(ro.filter((i) => i.period === '2023-Q2').map((i) => [i.unitCode, i.state, i.observationId])).toEqual([
      ['HT-XA-A', 'drafted', ids.ro],
      ['HT-XA-B', 'overdue', null],
    ]);
    expect(new Set(ro.map((i) => i.unitCode))).toEqual(new Set(['HT-XA-A', 'HT-XA-B']));
    // Below the responsible unit, a unit sees only its own communes' rows (and not the department's other targets).
    const district = await get(leader, `unit=HT-HUONGKHE&${RANGE}`);
    expect(new Set(district.items.map((i) => `${i.indicatorCode} ${i.unitCode}`))).toEqual(new Set(['HT-CAL-RO HT-XA-A']));
  });

  it('tells due from overdue at the end of the grace period, by the date in Vietnam', async () => {
    const ctx = await contextOf('staff@tiendo.demo');
    const at = async (instant: string, query: CalendarQuery = {}) => createCalendarService(t.deps, () => new Date(instant)).calendar(ctx, { from: '2024-04-01', to: '2024-06-30', ...query });
    const last = (c: Calendar) => of(c, 'HT-CAL-Q').find((i) => i.period === '2024-Q2')!;
    // Due 2024-07-10: still due that day (until midnight in Hà Nội, 17:00 UTC), overdue the next.
    const onDueDate = await at('2024-07-10T16:59:00Z');
    expect(onDueDate.today).toBe('2024-07-10');
    expect(last(onDueDate)).toMatchObject({ state: 'due', late: false });
    const dayAfter = await at('2024-07-10T17:00:00Z');
    expect(dayAfter.today).toBe('2024-07-11');
    expect(last(dayAfter)).toMatchObject({ state: 'overdue', late: true });
    // A draft is drafted either way, and late only after the due date.
    const q2 = (c: Calendar) => of(c, 'HT-CAL-RO').find((i) => i.unitCode === 'HT-XA-A' && i.period === '2023-Q2')!;
    const early = await at('2023-07-01T03:00:00Z', { from: '2023-04-01', to: '2023-06-30' });
    expect(q2(early)).toMatchObject({ state: 'drafted', late: false, dueDate: '2023-07-10' });
    expect(of(early, 'HT-CAL-RO').find((i) => i.unitCode === 'HT-XA-B')).toMatchObject({ state: 'due', late: false });
    expect(q2(await at('2023-07-11T03:00:00Z', { from: '2023-04-01', to: '2023-06-30' }))).toMatchObject({ state: 'drafted', late: true });
    // Defaults: 1 January of last year in Vietnam to today, so on New Year's Day last year's
    // reports are still listed.
    const newYear = await createCalendarService(t.deps, () => new Date('2024-12-31T18:00:00Z')).calendar(ctx, { pageSize: 500 });
    expect(newYear).toMatchObject({ today: '2025-01-01', from: '2024-01-01', to: '2025-01-01' });
    expect(newYear.items.every((i) => i.periodEnd >= '2024-01-01')).toBe(true);
  });

  it('defaults to the caller’s unit, from 1 January of last year to today', async () => {
    const c = await get(staff, '');
    const today = dateInVietnam();
    expect(c).toMatchObject({ unit: 'HT-STTTT', from: `${Number(today.slice(0, 4)) - 1}-01-01`, to: today, today });
  });

  it('counts every state over all items, not just the page, and filters by state', async () => {
    const c = await get(leader, `${RANGE}&pageSize=500`);
    expect(c.total).toBe(c.items.length);
    for (const s of ['due', 'overdue', 'drafted', 'submitted', 'accepted', 'returned'] as const) {
      expect(c.counts[s], s).toBe(c.items.filter((i) => i.state === s).length);
    }
    expect(c.counts.late).toBe(c.items.filter((i) => i.late).length);
    expect(c.counts.due + c.counts.overdue + c.counts.drafted + c.counts.submitted + c.counts.accepted + c.counts.returned).toBe(c.total);
    expect(c.counts).toMatchObject({ submitted: 1, returned: 1, drafted: 3 });

    const page = await get(leader, `${RANGE}&pageSize=3&page=2`);
    expect(page).toMatchObject({ total: c.total, page: 2, pageSize: 3, counts: c.counts });
    expect(page.items).toEqual(c.items.slice(3, 6));

    const late = await get(leader, `${RANGE}&state=late&pageSize=500`);
    expect(late.total).toBe(c.counts.late);
    expect(late.items.every((i) => i.late)).toBe(true);
    expect(late.counts).toEqual(c.counts);
    const returned = await get(leader, `${RANGE}&state=returned`);
    expect(returned.items.map((i) => [i.indicatorCode, i.period, i.returnReason])).toEqual([['HT-CAL-Q', '2024-Q1', 'Thiếu quyết định kèm theo']]);
  });

  it('sorts by due date, then indicator code', async () => {
    const items = (await get(leader, `${RANGE}&pageSize=500`)).items;
    const keys = items.map((i) => `${i.dueDate} ${i.indicatorCode} ${i.unitCode}`);
    expect(keys).toEqual([...keys].sort());
  });

  it('filters by plan and field', async () => {
    const byPlan = await get(leader, `${RANGE}&plan=HT-KH-CAL&pageSize=500`);
    expect(new Set(byPlan.items.map((i) => i.indicatorCode))).toEqual(new Set(['HT-CAL-Q', 'HT-CAL-RO']));
    const byField = await get(auditor, 'from=2015-01-01&to=2020-12-31&field=telecom&pageSize=500');
    expect(byField.items.length).toBeGreaterThan(0);
    expect(byField.items.every((i) => i.field === 'telecom')).toBe(true);
    expect((await t.api('GET', '/api/v1/calendar?plan=NO-SUCH-PLAN', { token: leader })).statusCode).toBe(404);
  });

  it('reads the demo data: yearly reports after the baseline up to the deadline, matched to the province’s values', async () => {
    const c = await get(leader, 'from=2014-01-01&to=2021-12-31&pageSize=500');
    const xa = of(c, 'HT-CNTT-CB-XA');
    expect(xa.map((i) => i.period)).toEqual(['2015', '2016', '2017', '2018', '2019', '2020']);
    expect(xa.find((i) => i.period === '2019')).toMatchObject({ state: 'accepted', late: false, unitCode: 'HT-STTTT', dueDate: '2020-01-15' });
    expect(xa.find((i) => i.period === '2018')).toMatchObject({ state: 'overdue', late: true });
  });

  describe('scope', () => {
    const units = (c: Calendar) => new Set(c.items.map((i: CalendarItem) => i.indicatorCode.split('-')[0]));

    it('staff see the targets of their department only', async () => {
      const c = await get(staff, 'from=2015-01-01&to=2024-12-31&pageSize=500');
      const codes = new Set(c.items.map((i) => i.indicatorCode));
      expect(codes.has('HT-CAL-Q')).toBe(true);
      expect(codes.has('HT-CNTT-CB-XA')).toBe(true);
      // A target of UBND tỉnh Hà Tĩnh is outside the department's subtree.
      expect(codes.has('HT-CQDT-KIENTRUC-QD')).toBe(false);
    });

    it('a provincial leader sees the province, and another province is out of scope', async () => {
      const c = await get(leader, 'from=2015-01-01&to=2024-12-31&pageSize=500');
      expect(units(c)).toEqual(new Set(['HT']));
      expect(c.items.some((i) => i.indicatorCode === 'HT-CQDT-KIENTRUC-QD')).toBe(true);
      for (const token of [leader, staff]) {
        const res = await t.api('GET', '/api/v1/calendar?unit=BG', { token });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
      }
      // Above one's own unit is out of scope too.
      expect((await t.api('GET', '/api/v1/calendar?unit=HT', { token: staff })).json()).toMatchObject({ code: 'OUT_OF_SCOPE' });
    });

    it('an auditor of the nation sees every province', async () => {
      const c = await get(auditor, 'from=2011-01-01&to=2020-12-31&pageSize=500');
      expect(c.unit).toBe('VN');
      for (const p of ['HT', 'BG', 'HD']) expect(units(c).has(p), p).toBe(true);
      const bg = await get(auditor, 'unit=BG&from=2011-01-01&to=2020-12-31&pageSize=500');
      expect(units(bg)).toEqual(new Set(['BG']));
    });

    it('an unknown unit is 404, anonymous callers 401', async () => {
      const res = await t.api('GET', '/api/v1/calendar?unit=NO-SUCH-UNIT', { token: auditor });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect((await t.api('GET', '/api/v1/calendar')).statusCode).toBe(401);
    });
  });

  describe('bad ranges', () => {
    const bad = async (query: string) => {
      const res = await t.api('GET', `/api/v1/calendar?${query}`, { token: leader });
      expect(res.statusCode, query).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      return res.json<{ code: string; detail: string; errors: { field: string; message: string }[] }>();
    };

    it('refuses from after to, saying so', async () => {
      const p = await bad('from=2024-06-01&to=2024-01-01');
      expect(p.code).toBe('VALIDATION_FAILED');
      expect(p.errors).toEqual([{ field: '/querystring/to', message: expect.stringContaining('must not be before from (2024-06-01 to 2024-01-01') }]);
      // With the default from (1 January this year), an earlier to is named as such.
      expect((await bad('to=2000-01-01')).detail).toContain('from defaults to');
    });

    it('refuses a range over ten years', async () => {
      expect((await get(leader, 'from=2014-01-01&to=2024-01-01')).items.length).toBeGreaterThanOrEqual(0);
      const p = await bad('from=2014-01-01&to=2024-01-02');
      expect(p.detail).toContain('at most 10 years');
      expect(p.errors[0]!.message).toContain('2024-01-01 or earlier');
    });

    it('refuses dates that do not exist and unknown states', async () => {
      expect((await bad('from=2023-02-30')).errors).toEqual([{ field: '/querystring/from', message: '"2023-02-30" is not a calendar date' }]);
      expect((await bad('state=pending')).code).toBe('VALIDATION_FAILED');
    });
  });

  it('reads everything with a fixed number of queries, none per indicator or cell', async () => {
    const spy = vi.spyOn(t.deps.dbh.sqlite, 'prepare');
    try {
      const c = await get(auditor, 'from=2011-01-01&to=2020-12-31&pageSize=500');
      expect(c.total).toBeGreaterThan(50);
      // Indicators, contributors, observations (the account and unit lookups are prepared once, at start).
      expect(spy.mock.calls.length).toBeGreaterThanOrEqual(3);
      expect(spy.mock.calls.length).toBeLessThanOrEqual(6);
    } finally {
      spy.mockRestore();
    }
  });
  it('lists a report still in hand for a period the calendar does not expect, so it is not lost from view', async () => {
    // A month of a quarterly target, returned to be fixed; and another month, accepted.
    const odd = (await post('/api/v1/observations', staff, { indicatorCode: 'HT-CAL-Q', unitCode: 'HT-STTTT', period: '2023-08', value: 1 })).id;
    sql("UPDATE observations SET state = 'returned', return_reason = ? WHERE id = ?", 'Báo cáo theo quý, không theo tháng', odd);
    const done = (await post('/api/v1/observations', staff, { indicatorCode: 'HT-CAL-Q', unitCode: 'HT-STTTT', period: '2023-09', value: 1 })).id;
    sql("UPDATE observations SET state = 'accepted' WHERE id = ?", done);
    const calendar = await get(staff, RANGE);
    const item = of(calendar, 'HT-CAL-Q').find((i) => i.observationId === odd);
    expect(item).toMatchObject({ period: '2023-08', periodEnd: '2023-08-31', dueDate: '2023-09-10', state: 'returned', late: false, returnReason: 'Báo cáo theo quý, không theo tháng', unitCode: 'HT-STTTT' });
    expect(of(calendar, 'HT-CAL-Q').some((i) => i.observationId === done)).toBe(false);
    expect((await get(staff, `${RANGE}&state=returned`)).items.map((i) => i.observationId)).toContain(odd);
    // Outside the range asked for, it is not listed.
    expect(of(await get(staff, 'from=2024-01-01&to=2024-12-31'), 'HT-CAL-Q').some((i) => i.observationId === odd)).toBe(false);
  });
});
