/**
 * Security headers on every kind of answer, the request size limit, what a server error reveals,
 * and the audit trail of a sign-in lockout.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../server/src/app';
import { closeDeps, openDeps } from '../../server/src/boot';
import { loadConfig } from '../../server/src/config';
import type { Deps } from '../../server/src/deps';
import { createTestApp, type TestApp } from '../helpers/app';

/** The policy the web build and the API reference run under: nothing inline, nothing foreign. */
const POLICY: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'connect-src': ["'self'"],
  'font-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
};

function parsePolicy(header: unknown): Record<string, string[]> {
  expect(typeof header).toBe('string');
  const directives: Record<string, string[]> = {};
  for (const part of String(header).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives[name] = values;
  }
  return directives;
}

function expectSecurityHeaders(res: LightMyRequestResponse): void {
  const policy = parsePolicy(res.headers['content-security-policy']);
  expect(policy).toEqual(POLICY);
  expect(res.headers['x-content-type-options']).toBe('nosniff');
  expect(res.headers['x-frame-options']).toBe('DENY');
  expect(res.headers['referrer-policy']).toBe('no-referrer');
  expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
  expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  expect(res.headers['x-permitted-cross-domain-policies']).toBe('none');
  expect(res.headers['x-request-id']).toMatch(/^[\w.-]{1,64}$/);
  expect(res.headers).not.toHaveProperty('x-powered-by');
  expect(res.headers).not.toHaveProperty('server');
  // Plain HTTP: HSTS would be ignored by browsers, and is not sent.
  expect(res.headers).not.toHaveProperty('strict-transport-security');
}

describe('security headers', () => {
  let t: TestApp;
  let webDir: string;
  let staff: string;

  beforeAll(async () => {
    // A web build of its own, so the test does not depend on `pnpm build` having run.
    webDir = mkdtempSync(path.join(tmpdir(), 'tiendo-web-'));
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><html lang="vi"><head><script type="module" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>');
    t = await createTestApp({ config: { webDir } });
    staff = await t.login('staff');
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('HTML pages, the root and a deep client-side path, carry the strict policy and no-cache', async () => {
    for (const url of ['/', '/targets/HT-CNTT-CB-XA?tab=history']) {
      const res = await t.api('GET', url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('<div id="root">');
      expectSecurityHeaders(res);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('the policy forbids inline and evaluated script and style, and does not force HTTPS on a plain-HTTP install', async () => {
    const policy = parsePolicy((await t.api('GET', '/')).headers['content-security-policy']);
    for (const directive of ['script-src', 'style-src', 'default-src']) {
      expect(policy[directive]).not.toContain("'unsafe-inline'");
      expect(policy[directive]).not.toContain("'unsafe-eval'");
      expect(policy[directive]?.some((v) => v.startsWith("'nonce-") || v.startsWith("'sha"))).toBe(false);
    }
    expect(policy).not.toHaveProperty('upgrade-insecure-requests');
  });

  it('API JSON answers carry the headers and are never cached', async () => {
    for (const url of ['/api/v1/health', '/api/v1/auth/me', '/api/v1/indicators?pageSize=1']) {
      const res = await t.api('GET', url, { token: staff });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expectSecurityHeaders(res);
      expect(res.headers['cache-control']).toBe('no-store');
    }
  });

  it('problem+json errors carry them too: 400, 401, 404 and unknown routes, API or not, and URLs refused before routing', async () => {
    const answers = [
      await t.api('POST', '/api/v1/auth/login', { body: { email: 'x' } }),
      await t.api('GET', '/api/v1/units'),
      await t.api('GET', '/api/v1/indicators/NO-SUCH-CODE', { token: staff }),
      await t.api('GET', '/api/v1/nothing-here'),
      await t.api('DELETE', '/some/page'),
      await t.api('GET', '/api/v1/units/%ff', { token: staff }),
      await t.api('GET', `/api/v1/units/${'a'.repeat(500)}`, { token: staff }),
    ];
    expect(answers.map((r) => r.statusCode)).toEqual([400, 401, 404, 404, 404, 400, 414]);
    for (const res of answers) {
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expectSecurityHeaders(res);
    }
    for (const res of answers.slice(0, 4)) expect(res.headers['cache-control']).toBe('no-store');
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    expect((await t.api('GET', '/api/v1/health', { headers: { 'x-request-id': 'proxy-42.a' } })).headers['x-request-id']).toBe('proxy-42.a');
    const replaced = (await t.api('GET', '/api/v1/health', { headers: { 'x-request-id': '<script>' } })).headers['x-request-id'];
    expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('the API reference at /api/docs runs under the same policy, from same-origin files only', async () => {
    const page = await t.api('GET', '/api/docs/');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expectSecurityHeaders(page);
    // Nothing inline for the policy to block, and nothing from another origin.
    expect(page.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
    expect(page.body).not.toMatch(/<style/i);
    expect(page.body).not.toMatch(/\sstyle=/i);
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//i);
    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, 'http://localhost/api/docs/').pathname);
    expect(assets).toEqual(expect.arrayContaining(['/api/docs/static/swagger-ui-bundle.js', '/api/docs/static/swagger-initializer.js', '/api/docs/static/swagger-ui.css']));
    for (const asset of assets) {
      const res = await t.api('GET', asset);
      expect(res.statusCode, asset).toBe(200);
      expectSecurityHeaders(res);
    }
    // The page's configuration is a file too, and reads the document from the same origin.
    const init = await t.api('GET', '/api/docs/static/swagger-initializer.js');
    expect(init.headers['content-type']).toMatch(/javascript/);
    expect(init.body).toContain("resolveUrl('./json')");
    const doc = await t.api('GET', '/api/docs/json');
    expect(doc.statusCode).toBe(200);
    expectSecurityHeaders(doc);
  });

  it('sends HSTS only for HTTPS seen through a trusted proxy, never on plain HTTP or for an untrusted X-Forwarded-Proto', async () => {
    const viaUntrusted = await t.api('GET', '/api/v1/health', { headers: { 'x-forwarded-proto': 'https' } });
    expect(viaUntrusted.headers).not.toHaveProperty('strict-transport-security');
    const proxied = await createTestApp({ config: { trustProxy: true, webDir } });
    try {
      const https = await proxied.api('GET', '/', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' } });
      expect(https.headers['strict-transport-security']).toBe('max-age=31536000');
      const http = await proxied.api('GET', '/', { headers: { 'x-forwarded-proto': 'http' } });
      expect(http.headers).not.toHaveProperty('strict-transport-security');
    } finally {
      await proxied.close();
    }
  });
});

describe('request size', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const observations = () => (t.deps.dbh.sqlite.prepare('SELECT count(*) AS n FROM observations').get() as { n: number }).n;

  it('refuses a JSON body over 1 MiB with 413 problem+json, before any write', async () => {
    const staff = await t.login('staff');
    const before = observations();
    const res = await t.api('POST', '/api/v1/observations', {
      token: staff,
      body: { indicatorCode: 'HT-CNTT-CB-XA', periodKey: '2026-Q4', value: 1, note: 'x'.repeat(1024 * 1024) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is too large.' });
    expectSecurityHeaders(res);
    expect(observations()).toBe(before);
  });

  it('reads a body just under the limit (and then judges its content)', async () => {
    const body = JSON.stringify({ email: 'a@b.vn', password: 'p'.repeat(1024 * 1024 - 100) });
    expect(Buffer.byteLength(body)).toBeLessThan(1024 * 1024);
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: body });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });
});

describe('server errors reveal nothing inside', () => {
  const SECRET_DETAIL = 'SQLITE_ERROR: no such column: password_hash in SELECT password_hash FROM users WHERE id = 1';
  let dataDir: string;
  let deps: Deps;
  let app: App;
  const logLines: string[] = [];

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'tiendo-err-'));
    deps = await openDeps(loadConfig({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true' }));
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    app = await buildApp(deps, { logger: { level: 'error', stream } });
    // A route that fails the way a bug deep in a repository would: SQL and a file path in the message.
    app.get('/api/v1/test-failure', { config: { access: 'public' } }, async () => {
      const err = new Error(`${SECRET_DETAIL} (at ${path.join(process.cwd(), 'server/src/modules/users/repository.ts')}:42)`);
      throw Object.assign(err, { code: 'SQLITE_ERROR' });
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    closeDeps(deps);
    rmSync(dataDir, { recursive: true, force: true });
  });

  function expectOpaque500(res: LightMyRequestResponse): void {
    expect(res.statusCode).toBe(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expectSecurityHeaders(res);
    const body = res.json<Record<string, unknown>>();
    expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'instance', 'status', 'title', 'type']);
    expect(body).toMatchObject({ status: 500, code: 'INTERNAL', title: 'Internal Server Error' });
    expect(body.detail).toBe(`Something went wrong on the server. The error was logged with request id ${res.headers['x-request-id']}.`);
    for (const leak of [/SQLITE/i, /SELECT/i, /password/i, /\.ts\b/, /\.js\b/, /node_modules/, /\/(work|home|tmp|usr)\//, /\bat \w/, /stack/i]) {
      expect(res.body).not.toMatch(leak);
    }
  }

  it('an unexpected exception answers a generic 500 problem; the details go to the log under the request id', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test-failure', headers: { 'x-request-id': 'failure-1' } });
    expectOpaque500(res);
    const logged = logLines.map((l) => JSON.parse(l) as { reqId?: string; err?: { message?: string; stack?: string } }).find((l) => l.reqId === 'failure-1');
    expect(logged?.err?.message).toContain(SECRET_DETAIL);
    expect(logged?.err?.stack).toContain('security-headers.test.ts');
  });

  it('a real failure (the database closed under the running server) is just as opaque', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' } });
    const token = login.json<{ accessToken: string }>().accessToken;
    deps.dbh.sqlite.close();
    for (const res of [
      await app.inject({ method: 'GET', url: '/api/v1/indicators', headers: { authorization: `Bearer ${token}` } }),
      await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' } }),
    ]) {
      expectOpaque500(res);
    }
  });
});

describe('sign-in lockout', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('every failure and every refused attempt while locked is an audit event, and the chain still verifies', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: `wrong-${i}-guess` }})).statusCode).toBe(401);
    }
    for (let i = 0; i < 2; i++) {
      const locked = await t.api('POST', '/api/v1/auth/login', { body: { email: 'staff@tiendo.demo', password: 'TienDo-Staff-2026' }});
      expect(locked.statusCode).toBe(429);
      expect(locked.json()).toMatchObject({ code: 'LOGIN_THROTTLED' });
      expectSecurityHeaders(locked);
    }
    const events = t.deps.dbh.sqlite
      .prepare("SELECT action, entity_id AS entityId, actor_label AS actor, after FROM audit_events WHERE action LIKE 'auth.%' ORDER BY seq")
      .all() as { action: string; entityId: string; actor: string; after: string }[];
    expect(events.map((e) => e.action)).toEqual([...Array<string>(5).fill('auth.login_failed'), 'auth.login_throttled', 'auth.login_throttled']);
    expect(events.every((e) => e.entityId === 'staff@tiendo.demo' && e.actor === 'staff@tiendo.demo')).toBe(true);
    expect(JSON.parse(events.at(-1)!.after)).toMatchObject({ failures: 5 });
    const auditor = await t.login('auditor');
    const chain = await t.api('GET', '/api/v1/audit/verify', { token: auditor });
    expect(chain.json()).toMatchObject({ intact: true });
  });
});
