/**
 * Benchmark (not a test): the product at national scale, against the fastest this machine can do.
 *
 *   pnpm bench                  # national dataset (≈ 71,000 targets, ≈ 4 million values)
 *   pnpm bench --quick          # a small dataset, under a minute
 *   pnpm bench --dir D --keep   # generate into D and keep it; a later run with --dir D reuses it
 *   pnpm bench --soak 5         # then a soak of 5 minutes of mixed reads and writes at half the
 *                               # measured maximum rate, sampling the server's memory
 *
 * 1. Generates the dataset deterministically from --seed into a temporary data directory through
 *    the product's own storage code (bench/national/dataset.ts).
 * 2. Starts the production build of the server (server/dist/server.js, NODE_ENV=production) on it
 *    and measures, each load from a separate process (autocannon over loopback, bounded in time):
 *    cold start to the first answered request; the ceiling (bench/national/ceiling.ts); an
 *    authenticated read of one target with its status; province and national roll-ups; progress
 *    submissions; then the export of the audit trail as CSV in a fresh process.
 * 3. Writes bench/results/national-<date>-<hhmm UTC>.json (or national-quick-…) and prints a table.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { closeDeps, openDeps } from '../server/src/boot';
import { loadConfig } from '../server/src/config';
import { FULL, generateDataset, QUICK, type DatasetInfo } from './national/dataset';
import { freePort, prng } from './national/helpers';
import type { LoadFigures, LoadSpec } from './national/load';

function findRoot(): string {
  for (let dir = import.meta.dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) if (existsSync(path.join(dir, 'pnpm-workspace.yaml'))) return dir;
  return process.cwd();
}
const ROOT = findRoot();
const DIST = path.join(ROOT, 'server/dist');

const USAGE = `Usage: pnpm bench [options]

  --quick            a small dataset; the whole run takes under a minute
  --dir D            generate the dataset into D (or reuse the one already there)
  --keep             keep the generated dataset (with --dir) for a later run
  --seed S           the dataset's seed (default 20261122)
  --duration S       seconds each measured load runs (default 15, 3 with --quick)
  --connections N    connections of the read loads (default 32)
  --soak M           then M minutes of mixed reads and writes at half the measured maximum
  --skip-export      leave out the export of one million audit events
  --server-js F      measure another build of the server on the same dataset
  --label L          a label recorded with the results
  --help             this text
`;

/** Ends the run before it starts: what is wrong with the options, then how to give them. */
function refuse(problem: string): never {
  process.stderr.write(`${problem}\n\n${USAGE}`);
  process.exit(2);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        quick: { type: 'boolean', default: false },
        dir: { type: 'string' },
        keep: { type: 'boolean', default: false },
        seed: { type: 'string', default: '20261122' },
        duration: { type: 'string' },
        connections: { type: 'string', default: '32' },
        soak: { type: 'string' },
        'skip-export': { type: 'boolean', default: false },
        // Another build of the server to measure on the same dataset (e.g. an earlier version, for before/after figures).
        'server-js': { type: 'string' },
        label: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (err) {
    return refuse((err as Error).message);
  }
}
const values = parseOptions();
if (values.help) {
  process.stdout.write(USAGE);
  process.exit(0);
}
for (const name of ['duration', 'connections', 'soak'] as const) {
  const v = values[name];
  if (v !== undefined && !(Number(v) > 0)) refuse(`--${name} must be a positive number (got "${v}").`);
}
if (!Number.isSafeInteger(Number(values.seed))) refuse(`--seed must be a whole number (got "${values.seed}").`);
const QUICK_RUN = values.quick;
const DURATION = Number(values.duration ?? (QUICK_RUN ? 3 : 15));
const CONNECTIONS = Number(values.connections);
const WRITERS = 16;
const SECRET = 'bench-national-signing-secret-0123456789abcdef';

export const TARGETS = {
  readRatioToCeiling: 0.5,
  readP99Ms: 25,
  provinceRollupP95Ms: 50,
  nationalRollupP95Ms: 300,
  submissionsPerSecond: 2000,
  submissionP99Ms: 25,
  exportRowsPerSecond: 150_000,
  exportPeakRssMb: 200,
  coldStartSeconds: 1.5,
};

const log = (msg: string) => process.stderr.write(`${msg}\n`);
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Running {
  child: ChildProcess;
  url: string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

/** Starts the production server and returns once it answered its first request, with the time that took. */
async function startServer(dir: string): Promise<Running & { coldStartSeconds: number }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(process.execPath, [values['server-js'] ?? path.join(DIST, 'server.js')], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', TIENDO_DATA_DIR: dir, TIENDO_DEMO: 'false', TIENDO_JWT_SECRET: SECRET, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info' },
    // The server's request log is written as in production, to a sink the benchmark does not read.
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - started > 60_000) throw new Error('server did not answer within 60 s');
    await sleep(5);
  }
  return { child, url, coldStartSeconds: Math.round((performance.now() - started) / 10) / 100, stop: stopper(child) };
}

async function startCeiling(dir: string): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, [path.join(ROOT, 'bench/dist/ceiling.mjs'), path.join(dir, 'tiendo.sqlite'), String(port)], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`ceiling server exited with ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}`, stop: stopper(child) };
}

/** Runs one load in a separate process (bench/national/load.ts) and returns its figures. */
function load(spec: LoadSpec): LoadFigures {
  const file = path.join(os.tmpdir(), `tiendo-load-${process.pid}-${Date.now()}.json`);
  writeFileSync(file, JSON.stringify(spec));
  try {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'bench/dist/load.mjs'), file], { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 << 20 });
    if (run.status !== 0) throw new Error(`load failed:\n${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').pop()!) as LoadFigures;
  } finally {
    rmSync(file, { force: true });
  }
}

/**
 * Warm-up: every request of the set once (each target's pages read from disk if they are not in
 * memory), then the set for `duration` seconds more. Not measured.
 */
function warmUp(spec: LoadSpec): void {
  load({ ...spec, amount: spec.requests.length });
  load(spec);
}

/**
 * Reads, on a connection of the benchmark's own, the index entries the reports on these targets
 * are written next to: each target's and commune's reports, each commune's drafts and audit events.
 */
function readIndexPagesOf(dir: string, targets: readonly { indicatorCode: string; unitCode: string }[]): void {
  const db = new Database(path.join(dir, 'tiendo.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const indicator = db.prepare('SELECT id FROM indicators WHERE code = ?').pluck();
    const unit = db.prepare('SELECT id FROM units WHERE code = ?').pluck();
    const reports = db.prepare('SELECT count(*) FROM observations WHERE indicator_id = ? AND unit_id = ?');
    const drafts = db.prepare("SELECT max(id) FROM observations WHERE unit_id = ? AND state = 'draft'");
    const events = db.prepare('SELECT max(seq) FROM audit_events WHERE unit_id = ?');
    const seen = new Set<number>();
    for (const t of targets) {
      const u = unit.get(t.unitCode) as number;
      reports.get(indicator.get(t.indicatorCode), u);
      if (seen.has(u)) continue;
      seen.add(u);
      drafts.get(u);
      events.get(u);
    }
  } finally {
    db.close();
  }
}

async function login(url: string, email: string, password: string): Promise<string> {
  const send = () => fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  // A kept-alive connection idle since the last sign-in may be closed by the server just as it is
  // reused ("other side closed"): once on a network error, on a new connection.
  const res = await send().catch(() => send());
  if (!res.ok) throw new Error(`sign-in of ${email} failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** CPU time (user + system) a process has used, in milliseconds, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

/** Runs a load against a process and adds the CPU time that process spent per request. */
function measured(pid: number, spec: LoadSpec): LoadFigures & { serverCpuMsPerRequest: number } {
  const before = cpuMs(pid);
  const figures = load(spec);
  return { ...figures, serverCpuMsPerRequest: Math.round(((cpuMs(pid) - before) / Math.max(1, figures.requests)) * 1000) / 1000 };
}

/** Resident set size of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return line ? Math.round(Number(line.replace(/\D+/g, '')) / 102.4) / 10 : 0;
}

function okShare(f: LoadFigures): number {
  const ok = Object.entries(f.statuses).filter(([s]) => s.startsWith('2')).reduce((n, [, c]) => n + c, 0);
  return f.requests ? ok / f.requests : 0;
}

function diskSize(dir: string): number {
  return ['tiendo.sqlite', 'tiendo.sqlite-wal'].map((f) => path.join(dir, f)).filter(existsSync).reduce((s, f) => s + statSync(f).size, 0);
}

async function main(): Promise<void> {
  const dir = values.dir ?? mkdtempSync(path.join(os.tmpdir(), 'tiendo-national-'));
  const infoFile = path.join(dir, 'bench-dataset.json');
  const rnd = prng(Number(values.seed) + 1);
  const result: Record<string, unknown> = {
    // The label goes into the result file's name too: anything but letters, digits, dots and dashes becomes a dash.
    benchmark: `${QUICK_RUN ? 'national-quick' : 'national'}${values.label ? `-${values.label.replace(/[^\w.-]+/g, '-')}` : ''}`,
    label: values.label ?? null,
    server: values['server-js'] ?? 'server/dist/server.js',
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', memoryGb: Math.round(os.totalmem() / 1024 ** 3), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: os.loadavg().map((l) => Math.round(l * 100) / 100) },
    // The server's settings that change its figures; a run with a larger page cache says so.
    serverSettings: { dbCacheMb: loadConfig({ TIENDO_DB_CACHE_MB: process.env.TIENDO_DB_CACHE_MB, TIENDO_DATA_DIR: os.tmpdir(), TIENDO_DEMO: 'false', LOG_LEVEL: 'silent' }).dbCacheMb },
    targets: TARGETS,
  };
  let server: (Running & { coldStartSeconds: number }) | undefined;
  try {
    let info: DatasetInfo;
    if (existsSync(infoFile)) {
      info = JSON.parse(readFileSync(infoFile, 'utf8')) as DatasetInfo;
      log(`Reusing the dataset in ${dir} (seed ${info.seed}).`);
    } else {
      log(`Generating the ${QUICK_RUN ? 'quick' : 'national'} dataset (seed ${values.seed}) in ${dir} …`);
      const deps = await openDeps(loadConfig({ TIENDO_DATA_DIR: dir, TIENDO_DEMO: 'false', LOG_LEVEL: 'silent' }), { seed: false });
      info = await generateDataset(deps, QUICK_RUN ? QUICK : FULL, Number(values.seed), log);
      closeDeps(deps);
      writeFileSync(infoFile, JSON.stringify(info));
    }
    // What is in the database now: a kept dataset grows by the reports earlier runs submitted.
    const counted = await openDeps(loadConfig({ TIENDO_DATA_DIR: dir, TIENDO_DEMO: 'false', LOG_LEVEL: 'silent' }), { seed: false });
    const count = (table: string) => (counted.dbh.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    // Nothing deletes a report or an audit event, and a rolled-back insert leaves no gap in the ids:
    // the highest id of these two is their number of rows. Counting them would read gigabytes, from
    // the disk when they are not in the operating system's cache (minutes on a slow disk).
    const highest = (table: string, id: string) => (counted.dbh.sqlite.prepare(`SELECT coalesce(max(${id}), 0) AS n FROM ${table}`).get() as { n: number }).n;
    info.counts = { ...info.counts, units: count('units'), plans: count('plans'), indicators: count('indicators'), observations: highest('observations', 'id'), auditEvents: highest('audit_events', 'seq') };
    // Every month this run reports (measure, warm-up, soak) comes after the latest month anyone
    // reported in the dataset, so no report of the run finds one already there.
    const latest = (counted.dbh.sqlite.prepare("SELECT max(period) AS p FROM observations WHERE period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]'").get() as { p: string | null }).p;
    closeDeps(counted);
    const ORIGIN = 2026 * 12 + 10; // November 2026, as months since year 0
    const runNo = latest ? Math.max(0, Number(latest.slice(0, 4)) * 12 + Number(latest.slice(5, 7)) - 1 - ORIGIN + 1) : 0;
    const month = (k: number) => {
      const m = ORIGIN + k;
      return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    };
    const generatedCounts = (JSON.parse(readFileSync(infoFile, 'utf8')) as DatasetInfo).counts;
    result.dataset = { seed: info.seed, counts: info.counts, generatedCounts, generationSeconds: info.seconds, diskMb: mb(diskSize(dir)) };
    log(`dataset: ${JSON.stringify(info.counts)}, ${mb(diskSize(dir))} MB on disk`);
    const generated = generatedCounts.observations;
    if (info.counts.observations > 1.25 * generated) {
      log(
        `note: earlier runs have grown this dataset to ${(info.counts.observations / generated).toFixed(1)} × the ${generated.toLocaleString('en')} values it was generated with; ` +
          'its figures are not comparable with those of a fresh dataset (generate one with a new --dir).',
      );
    }

    // Cold start: three starts on the dataset; the median counts.
    const starts: number[] = [];
    for (let k = 0; k < 3; k++) {
      const s = await startServer(dir);
      starts.push(s.coldStartSeconds);
      if (k < 2) await s.stop();
      else server = s;
    }
    const coldStart = [...starts].sort((a, b) => a - b)[1]!;
    result.coldStart = { seconds: coldStart, runs: starts };
    log(`cold start: ${starts.join(' s, ')} s`);
    const url = server!.url;

    const account = (email: string) => info.accounts.find((a) => a.email === email)!;
    const leader = await login(url, 'lanhdao@bench.gov.vn', account('lanhdao@bench.gov.vn').password);

    // The ceiling, then the same load on the product's read of one target with its status.
    const ceiling = await startCeiling(dir);
    const ids = shuffled(Array.from({ length: info.counts.indicators }, (_, i) => i + 1), rnd).slice(0, 20_000);
    const ceilingRequests = ids.map((id) => ({ method: 'GET', path: `/ceiling/${id}` }));
    // Warmed up like the product's read below: both are measured with their pages in memory.
    warmUp({ url: ceiling.url, connections: CONNECTIONS, duration: QUICK_RUN ? 2 : 5, requests: ceilingRequests });
    const ceilingFigures = measured(ceiling.child.pid!, { url: ceiling.url, connections: CONNECTIONS, duration: DURATION, requests: ceilingRequests });
    await ceiling.stop();
    log(`ceiling: ${ceilingFigures.serverCpuMsPerRequest} CPU-ms/request, ${ceilingFigures.perSecond}/s p50 ${ceilingFigures.latencyMs.p50} ms p99 ${ceilingFigures.latencyMs.p99} ms`);
    const auth = { authorization: `Bearer ${leader}` };
    const codes = shuffled(info.indicatorCodes, rnd).slice(0, 20_000);
    // Warm-up the way a running server is warm, over the same targets; not measured.
    warmUp({ url, connections: CONNECTIONS, duration: QUICK_RUN ? 2 : 5, requests: codes.map((c) => ({ method: 'GET', path: `/api/v1/indicators/${encodeURIComponent(c)}/status`, headers: auth })) });
    const read = measured(server!.child.pid!, { url, connections: CONNECTIONS, duration: DURATION, requests: codes.map((c) => ({ method: 'GET', path: `/api/v1/indicators/${encodeURIComponent(c)}/status`, headers: auth })) });
    log(`read one target with status: ${read.serverCpuMsPerRequest} CPU-ms/request, ${read.perSecond}/s (${(read.perSecond / ceilingFigures.perSecond).toFixed(2)} × ceiling) p50 ${read.latencyMs.p50} ms p99 ${read.latencyMs.p99} ms, ${JSON.stringify(read.statuses)}`);

    // Dashboards: one leader at a time (the latency a user sees), random provinces / the nation.
    const provinceRollup = measured(server!.child.pid!, { url, connections: 1, duration: DURATION, requests: shuffled(info.provinceCodes.flatMap((p) => ['plan', 'field', 'unit'].map((by) => ({ method: 'GET', path: `/api/v1/rollups?unit=${p}&by=${by}`, headers: auth }))), rnd) });
    log(`province roll-up: ${provinceRollup.serverCpuMsPerRequest} CPU-ms/request, p50 ${provinceRollup.latencyMs.p50} ms p95 ${provinceRollup.latencyMs.p95} ms (${provinceRollup.requests} requests), ${JSON.stringify(provinceRollup.statuses)}`);
    const nationalRollup = measured(server!.child.pid!, { url, connections: 1, duration: DURATION, requests: ['plan', 'field', 'unit'].map((by) => ({ method: 'GET', path: `/api/v1/rollups?unit=VN&by=${by}`, headers: auth })) });
    log(`national roll-up: ${nationalRollup.serverCpuMsPerRequest} CPU-ms/request, p50 ${nationalRollup.latencyMs.p50} ms p95 ${nationalRollup.latencyMs.p95} ms (${nationalRollup.requests} requests), ${JSON.stringify(nationalRollup.statuses)}`);
    // The drill-down from the national dashboard: a page of the nation's list of targets (no target
    // in the issue; recorded because it reads every target's figures to sort and page them).
    const nationalList = measured(server!.child.pid!, {
      url,
      connections: 1,
      duration: DURATION,
      requests: shuffled(Array.from({ length: 20 }, (_, k) => ({ method: 'GET', path: `/api/v1/indicator-statuses?under=VN&pageSize=50&page=${k + 1}${k % 2 ? '&sort=severity' : ''}`, headers: auth })), rnd),
    });
    log(`national target list: ${nationalList.serverCpuMsPerRequest} CPU-ms/request, p50 ${nationalList.latencyMs.p50} ms p95 ${nationalList.latencyMs.p95} ms (${nationalList.requests} requests), ${JSON.stringify(nationalList.statuses)}`);

    // Progress submissions: staff of twenty provinces (sign-in is rate-limited per address) report
    // monthly values of commune targets, each a report nobody has made yet.
    const staffTokens = new Map<string, string>();
    const provinces = info.provinceCodes.slice(0, 20);
    for (const p of provinces) staffTokens.set(p, await login(url, `canbo.${p.toLowerCase()}@bench.gov.vn`, account(`canbo.${p.toLowerCase()}@bench.gov.vn`).password));
    const submissions = shuffled(provinces.flatMap((p) => info.openCommuneTargets[p]!.map((t) => ({ ...t, token: staffTokens.get(p)! }))), rnd);
    const submissionRequests = submissions.map((s, i) => ({
      method: 'POST',
      path: '/api/v1/observations',
      headers: { authorization: `Bearer ${s.token}` },
      body: JSON.stringify({ indicatorCode: s.indicatorCode, unitCode: s.unitCode, period: '{period}', value: 40 + (i % 50), comment: 'Số liệu tháng do xã báo cáo' }),
    }));
    // Warm-up the way a running server is warm, as for reads; not measured. The index pages these
    // writes touch (where each target's and each commune's next entries go) are read once, then
    // reports on the same targets for a month of their own run for a while: on a fresh process each
    // page is first read from disk, which is the cold start, not the steady state.
    readIndexPagesOf(dir, submissions);
    load({ url, connections: WRITERS, duration: QUICK_RUN ? 2 : 10, requests: submissionRequests, periods: [month(runNo + 18)] });
    // Sixteen writers in flight saturate the single writer; more connections only lengthen the queue.
    const submit = measured(server!.child.pid!, { url, connections: WRITERS, duration: DURATION, requests: submissionRequests, periods: Array.from({ length: QUICK_RUN ? 12 : 2 }, (_, k) => month(runNo + k)) });
    log(`submissions: ${submit.serverCpuMsPerRequest} CPU-ms/request, ${submit.perSecond}/s p50 ${submit.latencyMs.p50} ms p99 ${submit.latencyMs.p99} ms, ${JSON.stringify(submit.statuses)} (of ${submissions.length} distinct reports available)`);

    const serverRss = rssMb(server!.child.pid!);
    result.measures = {
      ceiling: { connections: CONNECTIONS, durationSeconds: DURATION, ...ceilingFigures },
      readTargetStatus: { connections: CONNECTIONS, durationSeconds: DURATION, ratioToCeiling: Math.round((read.perSecond / ceilingFigures.perSecond) * 100) / 100, ...read },
      provinceRollup: { connections: 1, durationSeconds: DURATION, ...provinceRollup },
      nationalRollup: { connections: 1, durationSeconds: DURATION, ...nationalRollup },
      nationalTargetList: { connections: 1, durationSeconds: DURATION, ...nationalList },
      submissions: { connections: WRITERS, durationSeconds: DURATION, durability: 'WAL, synchronous=FULL: each answer after its commit is on disk', ...submit },
      serverRssMbAfterLoads: serverRss,
    };

    if (values.soak) {
      const minutes = Number(values.soak);
      // Half the measured maximum of the mix: reads at half their maximum, writes at half theirs.
      const readRate = Math.round(read.perSecond / 2);
      const writeRate = Math.round(submit.perSecond / 2);
      log(`soak: ${minutes} min at ${readRate} reads/s + ${writeRate} writes/s …`);
      const rss: { at: number; mb: number }[] = [];
      const t0 = performance.now();
      const sampler = setInterval(() => rss.push({ at: Math.round((performance.now() - t0) / 1000), mb: rssMb(server!.child.pid!) }), 5000);
      const file = (spec: LoadSpec) => {
        const f = path.join(os.tmpdir(), `tiendo-soak-${process.pid}-${Math.random()}.json`);
        writeFileSync(f, JSON.stringify(spec));
        return f;
      };
      const run = (spec: LoadSpec) =>
        new Promise<LoadFigures>((resolve, reject) => {
          const f = file(spec);
          const child = spawn(process.execPath, [path.join(ROOT, 'bench/dist/load.mjs'), f], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
          child.once('exit', (code) => {
            rmSync(f, { force: true });
            if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop()!) as LoadFigures);
            else reject(new Error(`soak load exited with ${code}`));
          });
        });
      const seconds = minutes * 60;
      const [reads, writes] = await Promise.all([
        run({ url, connections: 8, duration: seconds, rate: readRate, windowSeconds: 30, requests: codes.map((c) => ({ method: 'GET', path: `/api/v1/indicators/${encodeURIComponent(c)}/status`, headers: auth })) }),
        run({ url, connections: 16, duration: seconds, rate: writeRate, windowSeconds: 30, requests: submissionRequests, periods: Array.from({ length: 6 }, (_, k) => month(runNo + 12 + k)) }),
      ]);
      clearInterval(sampler);
      result.soak = { minutes, readRate, writeRate, reads, writes, rssMb: rss };
      log(`soak: reads p99 ${reads.latencyMs.p99} ms, writes p99 ${writes.latencyMs.p99} ms; RSS ${rss[0]?.mb} → ${rss.at(-1)?.mb} MB (max ${Math.max(...rss.map((r) => r.mb))})`);
    }
    await server!.stop();
    server = undefined;

    // The whole trail's export, once a run besides the target's export (no target).
    let wholeTrail: { rowsPerSecond: number; peakRssMb: number } | undefined;
    if (!values['skip-export']) {
      // Let the operating system finish writing what the server wrote, so the export measures the export.
      spawnSync('sync');
      type ExportRun = { rows: number; rowsPerSecond: number; peakRssMb: number; seconds: number; bytes: number };
      const exportRun = (label: string, extra: string[]): ExportRun => {
        log(`export of ${label} as CSV, in a fresh process …`);
        const child = spawnSync(process.execPath, [path.join(DIST, 'bench/export-audit.mjs'), '--phase', 'export', '--dir', dir, ...extra], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 });
        if (child.status !== 0) throw new Error(`export failed:\n${child.stderr}`);
        return JSON.parse(child.stdout.trim().split('\n').pop()!) as ExportRun;
      };
      // The target's export: one million audit events, as an auditor exports a period: the trail's
      // first million (`to`: the time of the millionth event), the same events in every run on a
      // dataset, however many reports earlier runs added. In a quick run, the whole trail.
      const db = new Database(path.join(dir, 'tiendo.sqlite'), { readonly: true, fileMustExist: true });
      const to = QUICK_RUN ? null : ((db.prepare('SELECT at FROM audit_events WHERE seq = 1000000').get() as { at: string } | undefined)?.at ?? null);
      db.close();
      const runs: ExportRun[] = [];
      for (let k = 0; k < (QUICK_RUN ? 1 : 3); k++) runs.push(exportRun(to ? `the first million audit events (run ${k + 1})` : `the audit trail (run ${k + 1})`, to ? ['--to', to] : []));
      // The median run by throughput; memory is the highest of the runs.
      const exp = { ...[...runs].sort((a, b) => a.rowsPerSecond - b.rowsPerSecond)[Math.floor((runs.length - 1) / 2)]!, peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)), to, runs };
      result.export = exp;
      log(`export: ${exp.rows} rows at ${exp.rowsPerSecond}/s (runs: ${runs.map((r) => r.rowsPerSecond).join(', ')}), peak RSS ${exp.peakRssMb} MB`);
      if (to) {
        // The whole trail once, as recorded before: no target, a figure to compare.
        const whole = exportRun('the whole audit trail (no target)', []);
        result.exportWholeTrail = whole;
        wholeTrail = whole;
        log(`export of the whole trail: ${whole.rows} rows at ${whole.rowsPerSecond}/s, peak RSS ${whole.peakRssMb} MB`);
      }
    }

    const m = result.measures as { ceiling: LoadFigures; readTargetStatus: { ratioToCeiling: number } & LoadFigures; provinceRollup: LoadFigures; nationalRollup: LoadFigures; submissions: LoadFigures };
    const exp = result.export as { rowsPerSecond: number; peakRssMb: number } | undefined;
    const checks = {
      // On the rates themselves, not the ratio as rounded for the table (0.498 is not 0.5).
      read: m.readTargetStatus.perSecond >= TARGETS.readRatioToCeiling * m.ceiling.perSecond && m.readTargetStatus.latencyMs.p99 <= TARGETS.readP99Ms && okShare(m.readTargetStatus) === 1,
      provinceRollup: m.provinceRollup.latencyMs.p95 <= TARGETS.provinceRollupP95Ms && okShare(m.provinceRollup) === 1,
      nationalRollup: m.nationalRollup.latencyMs.p95 <= TARGETS.nationalRollupP95Ms && okShare(m.nationalRollup) === 1,
      submissions: m.submissions.perSecond >= TARGETS.submissionsPerSecond && m.submissions.latencyMs.p99 <= TARGETS.submissionP99Ms && okShare(m.submissions) === 1,
      export: exp ? exp.rowsPerSecond >= TARGETS.exportRowsPerSecond && exp.peakRssMb <= TARGETS.exportPeakRssMb : null,
      coldStart: coldStart <= TARGETS.coldStartSeconds,
    };
    result.checks = checks;
    result.pass = Object.values(checks).every((c) => c !== false);
    (result.machine as Record<string, unknown>).loadAverageAtEnd = os.loadavg().map((l) => Math.round(l * 100) / 100);
    mkdirSync(path.join(ROOT, 'bench/results'), { recursive: true });
    // Named by the minute the run started (UTC), so no run overwrites another.
    const started = result.date as string;
    const out = path.join(ROOT, 'bench/results', `${result.benchmark as string}-${started.slice(0, 10)}-${started.slice(11, 13)}${started.slice(14, 16)}.json`);
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    const row = (name: string, figure: string, target: string, ok: boolean | null) => `  ${name.padEnd(40)} ${figure.padEnd(44)} ${target.padEnd(34)} ${ok === null ? '–' : ok ? 'PASS' : 'FAIL'}`;
    console.log(
      [
        `${QUICK_RUN ? 'Quick' : 'National'} benchmark: ${info.counts.indicators.toLocaleString('en')} targets, ${info.counts.observations.toLocaleString('en')} values, ${info.counts.auditEvents.toLocaleString('en')} audit events, ${mb(diskSize(dir))} MB`,
        row('ceiling (bare Fastify + one read)', `${ceilingFigures.perSecond}/s, p99 ${ceilingFigures.latencyMs.p99} ms`, '', null),
        row('read one target with status', `${m.readTargetStatus.perSecond}/s = ${m.readTargetStatus.ratioToCeiling} × ceiling, p50 ${m.readTargetStatus.latencyMs.p50} p99 ${m.readTargetStatus.latencyMs.p99} ms`, '≥ 0.5 × ceiling, p99 ≤ 25 ms', checks.read),
        row('province roll-up', `p50 ${m.provinceRollup.latencyMs.p50} p95 ${m.provinceRollup.latencyMs.p95} ms`, 'p95 ≤ 50 ms', checks.provinceRollup),
        row('national roll-up', `p50 ${m.nationalRollup.latencyMs.p50} p95 ${m.nationalRollup.latencyMs.p95} ms`, 'p95 ≤ 300 ms', checks.nationalRollup),
        row('national target list, a page', `p50 ${nationalList.latencyMs.p50} p95 ${nationalList.latencyMs.p95} ms`, '', null),
        row('progress submission', `${m.submissions.perSecond}/s, p99 ${m.submissions.latencyMs.p99} ms`, '≥ 2,000/s, p99 ≤ 25 ms', checks.submissions),
        row(QUICK_RUN ? 'export of the audit trail (CSV)' : 'export of 1M audit events (CSV)', exp ? `${exp.rowsPerSecond}/s, peak RSS ${exp.peakRssMb} MB` : 'skipped', '≥ 150,000 rows/s, RSS ≤ 200 MB', checks.export),
        ...(wholeTrail ? [row('export of the whole trail, once', `${wholeTrail.rowsPerSecond}/s, peak RSS ${wholeTrail.peakRssMb} MB`, '', null)] : []),
        row('cold start', `${coldStart} s`, '≤ 1.5 s', checks.coldStart),
        `  ${result.pass ? 'PASS' : 'FAIL'} — written to ${path.relative(ROOT, out)}`,
      ].join('\n'),
    );
    if (!result.pass) process.exitCode = 1;
  } finally {
    if (server) await server.stop();
    if (!values.keep && !values.dir) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
