import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** Secret for signing access tokens; when unset outside production one is generated and kept in the data directory. */
  jwtSecret: string | null;
  demo: boolean;
  production: boolean;
  logLevel: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  webDir: string;
  migrationsDir: string;
  demoDir: string;
  docsDir: string;
  trustProxy: boolean;
  /** The server's SQLite page cache, in MiB: the database pages it keeps in memory. */
  dbCacheMb: number;
  /** Days a completed export's files are kept before they are removed (its record and manifest stay). */
  exportKeepDays: number;
  /** Whether the server writes progress reports and imports on a thread of its own (db/writer-thread.ts). */
  writerThread: boolean;
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

/** The repository root: two levels above this file, both from `src/` and from the bundled `dist/`. */
function findRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

function parseBool(name: string, raw: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (raw === undefined || raw === '') return fallback;
  const v = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  problems.push(`${name} must be true or false (got "${raw}")`);
  return fallback;
}

function parseInt10(name: string, raw: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
    return fallback;
  }
  return n;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the environment once; throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const problems: string[] = [];
  const root = findRoot();
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.TIENDO_JWT_SECRET && env.TIENDO_JWT_SECRET !== '' ? env.TIENDO_JWT_SECRET : null;
  if (jwtSecret !== null && jwtSecret.length < 32) {
    problems.push('TIENDO_JWT_SECRET must be at least 32 characters (use e.g. `openssl rand -base64 48`)');
  }
  if (production && jwtSecret === null) {
    problems.push('TIENDO_JWT_SECRET is required when NODE_ENV=production');
  }
  const logLevel = env.LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  const config: Config = {
    port: parseInt10('PORT', env.PORT, 3000, 0, 65535, problems),
    host: env.HOST && env.HOST !== '' ? env.HOST : '0.0.0.0',
    dataDir: path.resolve(env.TIENDO_DATA_DIR && env.TIENDO_DATA_DIR !== '' ? env.TIENDO_DATA_DIR : './data'),
    jwtSecret,
    demo: parseBool('TIENDO_DEMO', env.TIENDO_DEMO, !production, problems),
    production,
    logLevel,
    accessTokenTtlSeconds: parseInt10('TIENDO_ACCESS_TOKEN_TTL', env.TIENDO_ACCESS_TOKEN_TTL, 900, 30, 86_400, problems),
    refreshTokenTtlDays: parseInt10('TIENDO_REFRESH_TOKEN_DAYS', env.TIENDO_REFRESH_TOKEN_DAYS, 14, 1, 365, problems),
    webDir: path.resolve(env.TIENDO_WEB_DIR ?? path.join(root, 'web', 'dist')),
    migrationsDir: path.join(root, 'migrations'),
    demoDir: path.join(root, 'server', 'demo'),
    docsDir: path.join(root, 'docs'),
    trustProxy: parseBool('TIENDO_TRUST_PROXY', env.TIENDO_TRUST_PROXY, false, problems),
    dbCacheMb: parseInt10('TIENDO_DB_CACHE_MB', env.TIENDO_DB_CACHE_MB, 64, 2, 65_536, problems),
    exportKeepDays: parseInt10('TIENDO_EXPORT_KEEP_DAYS', env.TIENDO_EXPORT_KEEP_DAYS, 30, 1, 3650, problems),
    writerThread: parseBool('TIENDO_WRITER_THREAD', env.TIENDO_WRITER_THREAD, true, problems),
    ...overrides,
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
