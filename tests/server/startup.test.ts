import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/src/config';
import { startServer } from '../helpers/processes';

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'tiendo-start-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('starting the server', () => {
  it('starts on an empty data directory, creating, migrating and seeding it, and again on the existing one', async () => {
    const dataDir = path.join(tempDir(), 'nested', 'data');
    const first = await startServer({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true' });
    let token: string;
    try {
      const health = await (await fetch(`${first.baseUrl}/api/v1/health`)).json();
      expect(health).toMatchObject({ status: 'ok', demo: true, database: { status: 'ok', journalMode: 'wal' } });
      expect(existsSync(path.join(dataDir, 'tiendo.sqlite'))).toBe(true);
      const login = await fetch(`${first.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@tiendo.demo', password: 'TienDo-Admin-2026' }) });
      token = ((await login.json()) as { accessToken: string }).accessToken;
      const created = await fetch(`${first.baseUrl}/api/v1/units`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ code: 'HT-XA-99999', nameVi: 'xã Kiểm Thử', type: 'commune', parentCode: 'HT' }) });
      expect(created.status).toBe(201);
    } finally {
      await first.stop();
    }
    const second = await startServer({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'true' });
    try {
      // The same signing secret survives the restart, and so does the data; nothing is seeded twice.
      const units = await fetch(`${second.baseUrl}/api/v1/units?pageSize=500`, { headers: { authorization: `Bearer ${token}` } });
      expect(units.status).toBe(200);
      const body = (await units.json()) as { total: number; items: { code: string }[] };
      expect(body.total).toBe(28);
      expect(body.items.map((u) => u.code)).toContain('HT-XA-99999');
      // The web app is served with client-side routing fallback; unknown API paths are problems.
      const page = await fetch(`${second.baseUrl}/dashboard/anything`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const missing = await fetch(`${second.baseUrl}/api/v1/nothing-here`);
      expect(missing.status).toBe(404);
      expect(missing.headers.get('content-type')).toContain('application/problem+json');
      const openapi = (await (await fetch(`${second.baseUrl}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
      expect(openapi.openapi).toMatch(/^3\./);
      expect(Object.keys(openapi.paths)).toContain('/api/v1/indicators/{code}');
      expect((await fetch(`${second.baseUrl}/api/docs/`)).status).toBe(200);
    } finally {
      await second.stop();
    }
  });

  it('with demo mode off, the first start creates no account and no known password', async () => {
    const dataDir = tempDir();
    const server = await startServer({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: 'false' });
    try {
      expect((await fetch(`${server.baseUrl}/api/v1/auth/demo-accounts`)).status).toBe(404);
      const login = await fetch(`${server.baseUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'admin@tiendo.demo', password: 'TienDo-Admin-2026' }) });
      expect(login.status).toBe(401);
    } finally {
      await server.stop();
    }
  });

  it('in production, refuses to start without a strong signing secret, and keeps none on disk when given one', async () => {
    const dataDir = tempDir();
    const production = { NODE_ENV: 'production', TIENDO_DATA_DIR: dataDir };
    await expect(startServer({ ...production, TIENDO_JWT_SECRET: '' })).rejects.toThrow(/TIENDO_JWT_SECRET is required when NODE_ENV=production/);
    await expect(startServer({ ...production, TIENDO_JWT_SECRET: 'a-short-guessable-secret' })).rejects.toThrow(/TIENDO_JWT_SECRET must be at least 32 characters/);
    const server = await startServer({ ...production, TIENDO_JWT_SECRET: randomBytes(48).toString('base64') });
    try {
      expect(await (await fetch(`${server.baseUrl}/api/v1/health`)).json()).toMatchObject({ status: 'ok', demo: false });
      // The secret lives in the environment only, never generated into the data directory.
      expect(existsSync(path.join(dataDir, 'jwt-secret'))).toBe(false);
      const page = await fetch(`${server.baseUrl}/`);
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('x-powered-by')).toBeNull();
    } finally {
      await server.stop();
    }
  });

  it('refuses to start with a clear message when the configuration is invalid', async () => {
    await expect(startServer({ TIENDO_DATA_DIR: tempDir(), PORT: 'abc' })).rejects.toThrow(/PORT must be a whole number/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/TIENDO_JWT_SECRET is required/);
    expect(() => loadConfig({ TIENDO_JWT_SECRET: 'short' })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ TIENDO_DB_CACHE_MB: '1' })).toThrow(/TIENDO_DB_CACHE_MB/);
    expect(loadConfig({ TIENDO_DB_CACHE_MB: '512' }).dbCacheMb).toBe(512);
    expect(() => loadConfig({ TIENDO_DEMO: 'maybe' })).toThrow(/TIENDO_DEMO must be true or false/);
  });
});
