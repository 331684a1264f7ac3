import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';

/**
 * An administrator scoped to Hà Tĩnh (HT) imports within their reach, as through the API: targets
 * are linked only to plans of HT or above it (not to a Bắc Giang plan), and values are recorded
 * only against targets HT may report on (not against a BG target). A refused import writes
 * nothing. A national administrator may do both.
 */

const PASSWORD = 'Nhap-Pham-Vi-2026!';
const HT_PLAN = 'HT-QH-CNTT'; // owned by HT-UBND
const HT_PROVINCE_PLAN = 'HT-QH-XBINPH'; // no owner: anchored at the province HT
const NATIONAL_PLAN = 'VN-KH-IPV6'; // anchored at the nation, above every province
const BG_PLAN = 'BG-MT-2011-2015'; // owned by BG-STTTT
const HT_TARGET = 'HT-CNTT-CB-XA'; // HT-STTTT, percent
const BG_TARGET = 'BG-VT-BTS'; // BG-STTTT, count
const BG_PERCENT_TARGET = 'BG-VT-XA-INTERNET'; // BG-STTTT, percent

const INDICATORS_HEADER = 'code,plan_code,unit_code,field,name_vi,name_en,measure,unit_label,direction,target_value,target_date,notes\n';
const OBSERVATIONS_HEADER = 'indicator_code,unit_code,value,qualifier,value_to,as_of,source_file,quote_vi\n';
const indicatorLine = (code: string, planCode: string, nameVi = 'Chỉ tiêu nhập thử') => `${code},${planCode},HT-STTTT,telecom,${nameVi},Imported target,count,trạm,increase,,,\n`;
const observationLine = (code: string, unitCode: string, value: number, asOf: string) => `${code},${unitCode},${value},,,${asOf},nhap-thu.txt,trích dẫn\n`;

interface Problem {
  file: string;
  line: number;
  column: string;
  code: string;
  message: string;
}
type Counts = Record<'units' | 'plans' | 'indicators' | 'indicator_revisions' | 'observations' | 'imports' | 'audit_events', number>;

describe('imports within the administrator’s subtree', () => {
  let t: TestApp;
  let root: string;
  let htAdmin: string;

  const importAs = (token: string, files: Record<string, string>, dryRun = false) => t.api('POST', '/api/v1/imports', { token, body: { files, dryRun } });
  const counts = (): Counts => {
    const n = (table: keyof Counts) => (t.deps.dbh.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { units: n('units'), plans: n('plans'), indicators: n('indicators'), indicator_revisions: n('indicator_revisions'), observations: n('observations'), imports: n('imports'), audit_events: n('audit_events') };
  };
  const planOf = (code: string) => (t.deps.dbh.sqlite.prepare('SELECT p.code AS plan FROM indicators i LEFT JOIN plans p ON p.id = i.plan_id WHERE i.code = ?').get(code) as { plan: string | null } | undefined)?.plan;
  const currentValue = (indicator: string, unit: string, period: string) =>
    (
      t.deps.dbh.sqlite
        .prepare('SELECT o.value FROM observations o JOIN indicators i ON i.id = o.indicator_id JOIN units u ON u.id = o.unit_id WHERE i.code = ? AND u.code = ? AND o.period = ? AND o.superseded_at IS NULL')
        .get(indicator, unit, period) as { value: number } | undefined
    )?.value;
  const applied = (res: LightMyRequestResponse) => {
    expect(res.statusCode, res.body).toBe(200);
    return res.json<Record<'indicators' | 'observations', { created: number; updated: number; unchanged: number }>>();
  };
  const rejected = (res: LightMyRequestResponse): Problem[] => {
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ code: string }>().code).toBe('IMPORT_INVALID');
    return res.json<{ problems: Problem[] }>().problems;
  };

  beforeAll(async () => {
    t = await createTestApp({ demo: true });
    root = await t.login('admin');
    const res = await t.api('POST', '/api/v1/users', { token: root, body: { email: 'qt.nhap.ht@example.vn', name: 'Quản trị nhập Hà Tĩnh', role: 'admin', unitCode: 'HT', password: PASSWORD } });
    expect(res.statusCode, res.body).toBe(201);
    htAdmin = await t.login('qt.nhap.ht@example.vn', PASSWORD);
  });
  afterAll(() => t.close());

  describe('plan_code in indicators.csv', () => {
    it('a provincial administrator links targets to plans of the subtree, of the province and of the nation', async () => {
      const indicators = INDICATORS_HEADER + indicatorLine('NPV-I1', HT_PLAN) + indicatorLine('NPV-I2', HT_PROVINCE_PLAN) + indicatorLine('NPV-I3', NATIONAL_PLAN);
      expect(applied(await importAs(htAdmin, { indicators })).indicators).toEqual({ created: 3, updated: 0, unchanged: 0 });
      expect(['NPV-I1', 'NPV-I2', 'NPV-I3'].map(planOf)).toEqual([HT_PLAN, HT_PROVINCE_PLAN, NATIONAL_PLAN]);
    });

    it('a plan of another province is refused on plan_code, without naming its owner, and nothing is written', async () => {
      const before = counts();
      const indicators = INDICATORS_HEADER + indicatorLine('NPV-I4', HT_PLAN) + indicatorLine('NPV-I5', BG_PLAN);
      const problems = rejected(await importAs(htAdmin, { indicators }));
      expect(problems).toEqual([{ file: 'indicators.csv', line: 3, column: 'plan_code', code: 'OUT_OF_SCOPE', message: expect.stringContaining(`"${BG_PLAN}"`) }]);
      expect(problems[0]!.message).not.toMatch(/BG-STTTT|Bắc Giang/);
      expect(counts()).toEqual(before);
      expect(planOf('NPV-I4')).toBeUndefined();

      // Nor may a target of the subtree already there be moved into it.
      expect(applied(await importAs(htAdmin, { indicators: INDICATORS_HEADER + indicatorLine('NPV-I6', HT_PLAN) })).indicators.created).toBe(1);
      const moved = rejected(await importAs(htAdmin, { indicators: INDICATORS_HEADER + indicatorLine('NPV-I6', BG_PLAN) }));
      expect(moved).toEqual([expect.objectContaining({ line: 2, column: 'plan_code', code: 'OUT_OF_SCOPE' })]);
      expect(planOf('NPV-I6')).toBe(HT_PLAN);
    });

    it('a national administrator links any plan; the link a target has is kept by a provincial import, but not made again', async () => {
      expect(applied(await importAs(root, { indicators: INDICATORS_HEADER + indicatorLine('NPV-K1', BG_PLAN) })).indicators.created).toBe(1);
      expect(planOf('NPV-K1')).toBe(BG_PLAN);

      // The HT target (HT-STTTT) may be imported again with its link unchanged ...
      const kept = applied(await importAs(htAdmin, { indicators: INDICATORS_HEADER + indicatorLine('NPV-K1', BG_PLAN, 'Chỉ tiêu nhập thử (sửa tên)') }));
      expect(kept.indicators).toEqual({ created: 0, updated: 1, unchanged: 0 });
      expect(planOf('NPV-K1')).toBe(BG_PLAN);

      // ... but the plan, now seen through that link, is not linked to by another target.
      const before = counts();
      const again = rejected(await importAs(htAdmin, { indicators: INDICATORS_HEADER + indicatorLine('NPV-K2', BG_PLAN) }));
      expect(again).toEqual([expect.objectContaining({ file: 'indicators.csv', line: 2, column: 'plan_code', code: 'OUT_OF_SCOPE' })]);
      expect(counts()).toEqual(before);
    });
  });

  describe('indicator_code in observations.csv', () => {
    it('a provincial administrator records values for targets of the subtree and for targets of the same import', async () => {
      const own = applied(await importAs(htAdmin, { observations: OBSERVATIONS_HEADER + observationLine(HT_TARGET, 'HT', 95, '2022') }));
      expect(own.observations.created + own.observations.updated).toBe(1);
      expect(currentValue(HT_TARGET, 'HT', '2022')).toBe(95);

      const both = applied(await importAs(htAdmin, { indicators: INDICATORS_HEADER + indicatorLine('NPV-N1', HT_PLAN), observations: OBSERVATIONS_HEADER + observationLine('NPV-N1', 'HT-STTTT', 5, '2022') }));
      expect(both).toMatchObject({ indicators: { created: 1 }, observations: { created: 1 } });
      expect(currentValue('NPV-N1', 'HT-STTTT', '2022')).toBe(5);
    });

    it('a target of another province is refused on indicator_code, telling nothing about it, and nothing is written', async () => {
      const before = counts();
      const observations =
        OBSERVATIONS_HEADER +
        observationLine(HT_TARGET, 'HT', 96, '2023') +
        observationLine(BG_TARGET, 'HT', 800, '2023') +
        // 150 does not fit a percentage: the target's measure must not show through an OUT_OF_RANGE.
        observationLine(BG_PERCENT_TARGET, 'HT-STTTT', 150, '2023');
      const problems = rejected(await importAs(htAdmin, { observations }));
      expect(problems).toEqual([
        { file: 'observations.csv', line: 3, column: 'indicator_code', code: 'OUT_OF_SCOPE', message: expect.stringContaining(`"${BG_TARGET}"`) },
        { file: 'observations.csv', line: 4, column: 'indicator_code', code: 'OUT_OF_SCOPE', message: expect.stringContaining(`"${BG_PERCENT_TARGET}"`) },
      ]);
      // One wording for every target out of reach: neither its unit nor its measure is told.
      const [first, second] = problems.map((p) => p.message);
      expect(first!.replace(BG_TARGET, 'X')).toBe(second!.replace(BG_PERCENT_TARGET, 'X'));
      expect(first).toContain('not a target you can report on');
      expect(problems.map((p) => p.message).join(' ')).not.toMatch(/BG-STTTT|Bắc Giang|percent|count/);
      expect(counts()).toEqual(before);
      expect(currentValue(HT_TARGET, 'HT', '2023')).toBeUndefined();

      // A code that does not exist is likewise not checked against any measure.
      const unknown = rejected(await importAs(htAdmin, { observations: OBSERVATIONS_HEADER + observationLine('NPV-KHONG-CO', 'HT', 150, '2023') }));
      expect(unknown).toEqual([expect.objectContaining({ line: 2, column: 'indicator_code', code: 'UNKNOWN_REFERENCE' })]);
      // For a national administrator, who sees the target, its measure is checked.
      const national = rejected(await importAs(root, { observations: OBSERVATIONS_HEADER + observationLine(BG_PERCENT_TARGET, 'BG', 150, '2023') }, true));
      expect(national).toEqual([expect.objectContaining({ line: 2, column: 'value', code: 'OUT_OF_RANGE' })]);
      expect(counts()).toEqual(before);
    });

    it('a target another province shares with a unit of the subtree (contributing unit) may be reported on', async () => {
      const target = 'BG-VT-3G-DN';
      expect(rejected(await importAs(htAdmin, { observations: OBSERVATIONS_HEADER + observationLine(target, 'HT-STTTT', 4, '2022') }))).toEqual([expect.objectContaining({ column: 'indicator_code', code: 'OUT_OF_SCOPE' })]);
      const { version } = (await t.api('GET', `/api/v1/indicators/${target}`, { token: root })).json<{ version: number }>();
      const shared = await t.api('PATCH', `/api/v1/indicators/${target}`, { token: root, body: { version, contributingUnitCodes: ['HT-STTTT'] } });
      expect(shared.statusCode, shared.body).toBe(200);
      expect(applied(await importAs(htAdmin, { observations: OBSERVATIONS_HEADER + observationLine(target, 'HT-STTTT', 4, '2022') })).observations.created).toBe(1);
      expect(currentValue(target, 'HT-STTTT', '2022')).toBe(4);
    });

    it('a national administrator records values for any target', async () => {
      const res = applied(await importAs(root, { observations: OBSERVATIONS_HEADER + observationLine(BG_TARGET, 'BG', 900, '2023') }));
      expect(res.observations.created).toBe(1);
      expect(currentValue(BG_TARGET, 'BG', '2023')).toBe(900);
    });
  });
});
