import { spawn } from 'node:child_process';
import http from 'node:http';
import { freePort, ROOT, SERVER_JS } from './processes';

/** The benchmark's seeded PRNG (mulberry32): the same seed gives the same sequence, so a failing run can be replayed. */
export { prng as seededRandom } from '../../bench/national/helpers';

export interface ServerProcess {
  baseUrl: string;
  pid: number;
  /** Resolves with the milliseconds from spawn to the first healthy answer; rejects if it exits or never answers. */
  ready: Promise<number>;
  output(): string;
  /** Kills the process with SIGKILL (no shutdown hook runs) and waits until it is gone. */
  kill(): Promise<void>;
  /** Asks for a graceful shutdown (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Spawns the built server without waiting for it, so the caller can do other work while it boots
 * and can kill it at any moment; `startServer` in processes.ts covers the ordinary start/stop case.
 */
export async function launchServer(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER_JS], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;

  const ready = (async () => {
    const deadline = Date.now() + 30_000;
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) throw new Error(`server exited (${child.exitCode ?? child.signalCode}) before answering:\n${out}`);
      try {
        const res = await fetch(`${baseUrl}/api/v1/health`);
        if (res.ok) return performance.now() - started;
      } catch {
        // not listening yet
      }
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`server did not answer within 30 s:\n${out}`);
      }
      // Polled often: the restart time is what the crash test measures.
      await new Promise((r) => setTimeout(r, 15));
    }
  })();
  // Callers that kill before awaiting `ready` must not leave an unhandled rejection behind.
  ready.catch(() => undefined);

  const signal = (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    return exited;
  };
  return { baseUrl, pid: child.pid!, ready, output: () => out, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
}

export interface HttpClient {
  /**
   * One JSON request. Resolves only when the whole response has arrived (any status); rejects
   * when the connection fails or closes before the response is complete.
   */
  request<T = unknown>(method: string, url: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<HttpResult<T>>;
  /** Opens `n` keep-alive connections now, so `n` later requests leave at once on their own sockets. */
  warm(n: number): Promise<void>;
  close(): void;
}

/** A keep-alive HTTP/1.1 client with up to `sockets` connections to one server (node:http, no pooling surprises). */
export function createHttpClient(baseUrl: string, sockets: number): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  const base = new URL(baseUrl);
  const client: HttpClient = {
    request<T>(method: string, url: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) {
      return new Promise<HttpResult<T>>((resolve, reject) => {
        const payload = options.body === undefined ? undefined : JSON.stringify(options.body);
        const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
        if (options.token) headers.authorization = `Bearer ${options.token}`;
        if (payload !== undefined) {
          headers['content-type'] = 'application/json';
          headers['content-length'] = String(Buffer.byteLength(payload));
        }
        const req = http.request({ host: base.hostname, port: base.port, path: url, method, headers, agent }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('aborted', () => reject(new Error(`${method} ${url}: response aborted`)));
          res.on('error', reject);
          res.on('end', () => {
            // `complete` is false when the connection ended before the announced body length.
            if (!res.complete) return reject(new Error(`${method} ${url}: response incomplete`));
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: res.statusCode ?? 0, body: (text ? JSON.parse(text) : null) as T });
            } catch (err) {
              reject(new Error(`${method} ${url}: ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)} (${String(err)})`));
            }
          });
        });
        req.on('error', reject);
        req.end(payload);
      });
    },
    async warm(n) {
      await Promise.all(Array.from({ length: n }, () => client.request('GET', '/api/v1/health')));
    },
    close: () => agent.destroy(),
  };
  return client;
}
