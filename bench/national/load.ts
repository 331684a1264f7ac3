/**
 * The load generator, run in its own process (so it does not share the server's event loop):
 * `node load.mjs SPEC.json` fires the listed requests in turn over `connections` keep-alive
 * connections for `duration` seconds (or at `rate` requests/second overall), records every
 * response time and prints one JSON line of figures.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadSpec {
  url: string;
  connections: number;
  duration: number;
  /** When given, exactly this many requests are sent, however long they take (`duration` is then ignored). */
  amount?: number;
  /** Requests per second across all connections (open-ended when absent). */
  rate?: number;
  requests: { method: string; path: string; headers?: Record<string, string>; body?: string }[];
  /** When given, the requests are sent once for each period in turn, `{period}` in a body replaced by it. */
  periods?: string[];
  /** Print figures per window of this many seconds too (soak). */
  windowSeconds?: number;
}

export interface LoadFigures {
  requests: number;
  seconds: number;
  perSecond: number;
  statuses: Record<string, number>;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number; mean: number };
  windows?: { at: number; requests: number; p99: number }[];
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]! * 100) / 100;
}

async function main(): Promise<void> {
  const spec = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as LoadSpec;
  let next = 0;
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const windows: NonNullable<LoadFigures['windows']> = [];
  let windowTimes: number[] = [];
  const started = performance.now();
  let windowTimer: NodeJS.Timeout | undefined;
  if (spec.windowSeconds) {
    windowTimer = setInterval(() => {
      const sorted = Float64Array.from(windowTimes).sort();
      windows.push({ at: Math.round((performance.now() - started) / 1000), requests: sorted.length, p99: percentile(sorted, 99) });
      windowTimes = [];
    }, spec.windowSeconds * 1000);
  }
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.duration,
        ...(spec.amount ? { amount: spec.amount } : {}),
        ...(spec.rate ? { overallRate: spec.rate } : {}),
        timeout: 10,
        requests: [
          {
            setupRequest: (req) => {
              const k = next++;
              const r = spec.requests[k % spec.requests.length]!;
              const period = spec.periods?.[Math.floor(k / spec.requests.length) % spec.periods.length];
              const body = period && r.body ? r.body.replace('{period}', period) : r.body;
              return { ...req, method: r.method as autocannon.Request['method'], path: r.path, headers: { ...(r.body ? { 'content-type': 'application/json' } : {}), ...r.headers }, body };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
      if (spec.windowSeconds) windowTimes.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  if (windowTimer) clearInterval(windowTimer);
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(times).sort();
  const figures: LoadFigures = {
    requests: sorted.length,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(sorted.length / (spec.amount ? seconds : spec.duration)),
    statuses,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), max: percentile(sorted, 100), mean: Math.round((sorted.reduce((s, x) => s + x, 0) / Math.max(1, sorted.length)) * 100) / 100 },
    ...(spec.windowSeconds ? { windows } : {}),
  };
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}

if (process.argv[2]) await main();
