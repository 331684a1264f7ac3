import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type App } from '../../server/src/app';
import { closeDeps, openDeps } from '../../server/src/boot';
import { loadConfig, type Config } from '../../server/src/config';
import type { Deps } from '../../server/src/deps';
import { DEMO_ACCOUNTS } from '../../server/src/modules/demo/accounts';
import type { Role } from '@tiendo/shared/roles';
// Brings in the Fastify type augmentations (request.ctx, app.accessTable) for the tests.
import type {} from '../../server/src/plugins/access';

export interface TestApp {
  app: App;
  deps: Deps;
  dataDir: string;
  /** Signs in a demo account (or any e-mail/password) and returns its access token. */
  login(roleOrEmail: Role | string, password?: string): Promise<string>;
  /** Calls the API as the holder of `token` (or anonymously). */
  api(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A fresh application on its own migrated database in a new temp data directory. */
export async function createTestApp(options: { demo?: boolean; config?: Partial<Config>; dataDir?: string } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'tiendo-test-'));
  const config = loadConfig({ TIENDO_DATA_DIR: dataDir, TIENDO_DEMO: String(options.demo ?? true), LOG_LEVEL: 'silent' }, options.config);
  const deps = await openDeps(config);
  const app = await buildApp(deps);
  await app.ready();
  const api: TestApp['api'] = (method, url, o = {}) =>
    app.inject({
      method,
      url,
      headers: { ...(o.token ? { authorization: `Bearer ${o.token}` } : {}), ...(o.headers ?? {}) },
      ...(o.body !== undefined ? { payload: o.body as object } : {}),
    });
  return {
    app,
    deps,
    dataDir,
    api,
    async login(roleOrEmail, password) {
      const demo = DEMO_ACCOUNTS.find((a) => a.role === roleOrEmail);
      const email = demo?.email ?? roleOrEmail;
      const res = await api('POST', '/api/v1/auth/login', { body: { email, password: password ?? demo?.password } });
      if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
      return res.json<{ accessToken: string }>().accessToken;
    },
    async close() {
      await app.close();
      closeDeps(deps);
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const SEED_DIR = path.resolve(import.meta.dirname, '../../server/demo/seed-data');
