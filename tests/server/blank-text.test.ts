import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';

/** A required name or title made only of white space is refused (it would be stored empty otherwise). */
describe('required text that is only white space', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.login('admin');
  });
  afterAll(() => t.close());

  const BLANKS = ['   ', '\t\n ', '\u00a0\u3000'];
  const cases: ['POST', string, (blank: string) => Record<string, unknown>, string][] = [
    ['POST', '/api/v1/units', (b) => ({ code: 'HT-BLANK', nameVi: b, type: 'agency', parentCode: 'HT' }), '/body/nameVi'],
    ['POST', '/api/v1/plans', (b) => ({ code: 'HT-BLANK', titleVi: b, kind: 'plan', ownerUnitCode: 'HT-STTTT' }), '/body/titleVi'],
    ['POST', '/api/v1/users', (b) => ({ email: 'blank@example.vn', name: b, role: 'staff', unitCode: 'HT' }), '/body/name'],
  ];

  it.each(cases)('%s %s refuses it with the field named, and writes nothing', async (method, url, body, field) => {
    const events = () => (t.deps.dbh.sqlite.prepare('SELECT count(*) AS n FROM audit_events').get() as { n: number }).n;
    const before = events();
    for (const blank of BLANKS) {
      const res = await t.api(method, url, { token: admin, body: body(blank) });
      expect(res.statusCode, res.body).toBe(400);
      const problem = res.json<{ code: string; errors: { field: string; message: string }[] }>();
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors).toContainEqual({ field, message: 'must not be blank: write some text, not only spaces' });
    }
    expect(events()).toBe(before);
    // Text around the spaces is fine, and stored trimmed.
    const ok = await t.api(method, url, { token: admin, body: body('  Tên  mới ') });
    expect(ok.statusCode, ok.body).toBe(201);
  });
});
