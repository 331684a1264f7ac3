import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { freePort } from '../../bench/national/helpers';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const SERVER_JS = path.join(ROOT, 'server/dist/server.js');
export const CLI_JS = path.join(ROOT, 'server/dist/cli.js');

export { freePort };

/** Runs the built admin CLI with a data directory, optionally feeding standard input. */
export function cli(args: string[], env: Record<string, string>, input?: string): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [CLI_JS, ...args], { cwd: ROOT, env: { ...process.env, ...env }, input, encoding: 'utf8', timeout: 60_000 });
}

/** Starts the built server and waits for /api/v1/health; returns its base URL and a stop function. */
export async function startServer(env: Record<string, string>): Promise<{ baseUrl: string; stop: () => Promise<void>; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVER_JS], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer within 30 s:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
