import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app';
import { cli } from '../helpers/processes';

const audits = (t: TestApp, action: string) => (t.deps.dbh.sqlite.prepare('SELECT count(*) AS n FROM audit_events WHERE action = ?').get(action) as { n: number }).n;

describe('sign-in, refresh and sign-out', () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(() => t.close());

  it('signs in with e-mail and password (case-insensitive e-mail) and reports who is signed in', async () => {
    const res = await t.api('POST', '/api/v1/auth/login', { body: { email: ' Staff@TienDo.demo ', password: 'TienDo-Staff-2026' } });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ accessToken: string; tokenType: string; expiresIn: number; user: { role: string; unit: { code: string } } }>();
    expect(body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, user: { role: 'staff', unit: { code: 'HT-STTTT' } } });
    expect(String(res.headers['set-cookie'])).toMatch(/tiendo_refresh=.*HttpOnly.*SameSite=Strict/i);
    expect(body).not.toHaveProperty('refreshToken');
    const me = await t.api('GET', '/api/v1/auth/me', { token: body.accessToken });
    expect(me.json()).toMatchObject({ user: { email: 'staff@tiendo.demo', name: 'Nguyễn Văn An' } });
    expect(audits(t, 'auth.login')).toBe(1);
  });

  it('wrong credentials are a clear, audited 401 that does not reveal whether the account exists', async () => {
    const wrong = await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'nope' } });
    const unknown = await t.api('POST', '/api/v1/auth/login', { body: { email: 'nobody@tiendo.demo', password: 'nope' } });
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', detail: 'The e-mail or password is wrong. Check them and try again.' });
    }
    expect(audits(t, 'auth.login_failed')).toBe(2);
  });

  it('throttles repeated failures with 429 and Retry-After, audited, even for the right password', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await t.api('POST', '/api/v1/auth/login', { body: { email: 'leader@tiendo.demo', password: `guess-${i}` } })).statusCode).toBe(401);
    }
    const throttled = await t.api('POST', '/api/v1/auth/login', { body: { email: 'leader@tiendo.demo', password: 'TienDo-Leader-2026' } });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json()).toMatchObject({ code: 'LOGIN_THROTTLED' });
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    expect(audits(t, 'auth.login_throttled')).toBe(1);
    // Another account from the same address is not locked by these failures.
    expect((await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' } })).statusCode).toBe(200);
  });

  it('a burst of concurrent guesses gets no more tries than the limit', async () => {
    // All sent at once: each is counted before its (slow) password check, so they see each other.
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) => t.api('POST', '/api/v1/auth/login', { body: { email: 'leader@tiendo.demo', password: `guess-${i}-in-parallel` } })),
    );
    const codes = burst.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
    expect(audits(t, 'auth.login_failed')).toBe(5);
    expect(audits(t, 'auth.login_throttled')).toBe(15);
    expect((await t.api('POST', '/api/v1/auth/login', { body: { email: 'leader@tiendo.demo', password: 'TienDo-Leader-2026' } })).statusCode).toBe(429);
  });

  it('a successful sign-in clears the failures counted against the account', async () => {
    const failures = () => (t.deps.dbh.sqlite.prepare('SELECT count(*) AS n FROM login_failures').get() as { n: number }).n;
    expect((await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'wrong-password-1' } })).statusCode).toBe(401);
    expect(failures()).toBe(1);
    await t.login('staff');
    expect(failures()).toBe(0);
  });

  it('refuses a weak password when an account is created or its password is set, over the API and the command line', async () => {
    const admin = await t.login('admin');
    const weak = [
      ['short-1A', 'fewer than 10 characters'],
      ['matkhau2026', 'mix at least three'],
      ['Dang.Thi.Mai-2026', 'must not contain the account name'],
    ] as const;
    for (const [password, message] of weak) {
      const res = await t.api('POST', '/api/v1/users', { token: admin, body: { email: 'dang.thi.mai@hatinh.gov.vn', name: 'Đặng Thị Mai', role: 'staff', unitCode: 'HT-STTTT', password } });
      expect(res.statusCode, password).toBe(400);
      expect(res.json<{ code: string; detail: string }>()).toMatchObject({ code: 'VALIDATION_FAILED', detail: expect.stringContaining(message), errors: [expect.objectContaining({ field: '/body/password' })] });
    }
    const created = await t.api('POST', '/api/v1/users', { token: admin, body: { email: 'dang.thi.mai@hatinh.gov.vn', name: 'Đặng Thị Mai', role: 'staff', unitCode: 'HT-STTTT', password: 'Vung-Tau-Bien-2026' } });
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json<{ id: number; version: number }>();
    for (const [password, message] of weak) {
      const res = await t.api('PATCH', `/api/v1/users/${id}`, { token: admin, body: { version, password } });
      expect(res.statusCode, password).toBe(400);
      expect(res.json<{ detail: string }>().detail).toContain(message);
    }
    // The command line goes through the same check.
    const env = { TIENDO_DATA_DIR: t.dataDir, TIENDO_DEMO: 'true', LOG_LEVEL: 'silent' };
    const viaCli = cli(['user', 'set-password', '--email', 'dang.thi.mai@hatinh.gov.vn', '--password-stdin'], env, 'matkhau2026\n');
    expect(viaCli.status).not.toBe(0);
    expect(viaCli.stderr).toContain('mix at least three');
    // Nothing was changed: the first password still works.
    expect(await t.login('dang.thi.mai@hatinh.gov.vn', 'Vung-Tau-Bien-2026')).toEqual(expect.any(String));
  });

  it('validation errors name each bad field', async () => {
    const res = await t.api('POST', '/api/v1/auth/login', { body: { email: 'x', extra: 1 } });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; errors: { field: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.errors.map((e) => e.field)).toEqual(expect.arrayContaining(['/body/password', '/body/extra', '/body/email']));
  });

  it('rotates refresh tokens; a reused token revokes the whole family; logout ends the session', async () => {
    const login = await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026', refreshTokenInBody: true } });
    const first = login.json<{ refreshToken: string }>().refreshToken;
    const r1 = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first } });
    expect(r1.statusCode).toBe(200);
    const second = r1.json<{ refreshToken: string; accessToken: string }>().refreshToken;
    expect(second).not.toBe(first);
    // The cookie works as well as the body.
    const viaCookie = await t.api('POST', '/api/v1/auth/refresh', { headers: { cookie: `tiendo_refresh=${second}` } });
    expect(viaCookie.statusCode).toBe(200);
    // A cookie-based refresh keeps the new token out of the body (out of reach of page scripts).
    expect(viaCookie.json()).not.toHaveProperty('refreshToken');
    const third = /tiendo_refresh=([^;]+)/.exec(String(viaCookie.headers['set-cookie']))![1]!;
    // Reusing an old token is theft: refused, and the newest token of the family dies with it.
    const reuse = await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: first } });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json()).toMatchObject({ code: 'INVALID_REFRESH_TOKEN' });
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: third } })).statusCode).toBe(401);
    expect(audits(t, 'auth.refresh_reuse')).toBe(1);

    const again = (await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026', refreshTokenInBody: true } })).json<{ refreshToken: string }>().refreshToken;
    const out = await t.api('POST', '/api/v1/auth/logout', { body: { refreshToken: again } });
    expect(out.statusCode).toBe(204);
    expect((await t.api('POST', '/api/v1/auth/refresh', { body: { refreshToken: again } })).statusCode).toBe(401);
    expect(audits(t, 'auth.logout')).toBe(1);
  });

  it('rejects a forged or garbage access token', async () => {
    const res = await t.api('GET', '/api/v1/auth/me', { token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.x' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('an access token stops working when it expires, even one already used (and remembered as verified)', async () => {
    const login = await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' } });
    const { accessToken, expiresIn } = login.json<{ accessToken: string; expiresIn: number }>();
    expect((await t.api('GET', '/api/v1/auth/me', { token: accessToken })).statusCode).toBe(200);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + (expiresIn - 5) * 1000 });
    try {
      expect((await t.api('GET', '/api/v1/auth/me', { token: accessToken })).statusCode).toBe(200);
      vi.setSystemTime(Date.now() + 10_000);
      const late = await t.api('GET', '/api/v1/auth/me', { token: accessToken });
      expect(late.statusCode).toBe(401);
      expect(late.json()).toMatchObject({ code: 'TOKEN_EXPIRED' });
    } finally {
      vi.useRealTimers();
    }
  });

  it('a disabled account or a changed role acts on its very next request, whatever token it holds', async () => {
    const login = await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' } });
    const { accessToken } = login.json<{ accessToken: string }>();
    expect((await t.api('GET', '/api/v1/auth/me', { token: accessToken })).json()).toMatchObject({ user: { role: 'staff' } });
    const db = t.deps.dbh.sqlite;
    db.prepare("UPDATE users SET role = 'auditor' WHERE email = 'staff@tiendo.demo'").run();
    expect((await t.api('GET', '/api/v1/auth/me', { token: accessToken })).json()).toMatchObject({ user: { role: 'auditor' } });
    db.prepare("UPDATE users SET disabled = 1 WHERE email = 'staff@tiendo.demo'").run();
    const refused = await t.api('GET', '/api/v1/auth/me', { token: accessToken });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('a change made by another process (the command line) acts on the very next request too', async () => {
    const token = await t.login('staff');
    // Accounts are remembered while nothing is committed: make sure this one is.
    for (let i = 0; i < 3; i++) expect((await t.api('GET', '/api/v1/auth/me', { token })).json()).toMatchObject({ user: { role: 'staff' } });
    const other = new Database(path.join(t.dataDir, 'tiendo.sqlite'));
    try {
      other.prepare("UPDATE users SET role = 'auditor' WHERE email = 'staff@tiendo.demo'").run();
    } finally {
      other.close();
    }
    expect((await t.api('GET', '/api/v1/auth/me', { token })).json()).toMatchObject({ user: { role: 'auditor' } });
    const viaCli = cli(['user', 'disable', '--email', 'staff@tiendo.demo'], { TIENDO_DATA_DIR: t.dataDir, TIENDO_DEMO: 'true', LOG_LEVEL: 'silent' });
    expect(viaCli.status, viaCli.stderr).toBe(0);
    const refused = await t.api('GET', '/api/v1/auth/me', { token });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'ACCOUNT_DISABLED' });
  });

  it('shows demo accounts in demo mode only', async () => {
    const res = await t.api('GET', '/api/v1/auth/demo-accounts');
    expect(res.json<{ accounts: { role: string }[] }>().accounts.map((a) => a.role).sort()).toEqual(['admin', 'auditor', 'leader', 'staff']);
    const prod = await createTestApp({ demo: false });
    try {
      expect((await prod.api('GET', '/api/v1/auth/demo-accounts')).statusCode).toBe(404);
      expect(prod.deps.dbh.sqlite.prepare('SELECT count(*) AS n FROM users').get()).toEqual({ n: 0 });
    } finally {
      await prod.close();
    }
  });
});
