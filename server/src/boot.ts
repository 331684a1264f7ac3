import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import { openDatabase } from './db/client';
import type { WriteLock } from './db/write-lock';
import { createDeps, type Deps } from './deps';
import { seedDemo } from './modules/demo/seed';

/**
 * The signing secret: from TIENDO_JWT_SECRET, or (outside production) generated once and kept in
 * the data directory so sessions survive a restart without any setup.
 */
function resolveJwtSecret(config: Config): string {
  if (config.jwtSecret) return config.jwtSecret;
  const file = path.join(config.dataDir, 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

/** Opens the data directory exactly as the server and every CLI command do: create, migrate, seed. */
export async function openDeps(config: Config, options: { seed?: boolean; file?: string; lock?: WriteLock } = {}): Promise<Deps> {
  mkdirSync(config.dataDir, { recursive: true });
  const jwtSecret = resolveJwtSecret(config);
  const dbh = openDatabase({ dataDir: config.dataDir, file: options.file, migrationsDir: config.migrationsDir, cacheMb: config.dbCacheMb });
  const deps = createDeps({ ...config, jwtSecret }, dbh, options.lock ? { lock: options.lock } : {});
  if (options.seed !== false && config.demo) await seedDemo(deps);
  return deps;
}

export function closeDeps(deps: Deps): void {
  if (deps.dbh.sqlite.open) deps.dbh.sqlite.close();
}
