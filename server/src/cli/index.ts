
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '@tiendo/shared/roles';
import { closeDeps, openDeps } from '../boot';
import { ConfigError, loadConfig, type Config } from '../config';
import type { Deps } from '../deps';
import { systemContext } from '../lib/context';
import { AppError } from '../lib/errors';
import { CHAIN_METHOD } from '../modules/audit/chain';
import { verifyChain } from '../modules/audit/verify';
import { createExportRetention } from '../modules/exports/retention';
import { backupDatabase, BackupRefused, DATABASE_FILE, restoreDatabase, type DatabaseSummary, type FilesCopy } from '../modules/backup/service';
import { createImportService, ImportRejectedError } from '../modules/imports/service';
import { readSeedDir } from '../modules/demo/seed';
import { createUsersService } from '../modules/users/service';

const USAGE = `Tiến Độ administration

Usage: pnpm cli <command> [options]

  user create --email E --name N --role R --unit CODE [--password-stdin]
        Create an account. R is one of ${ROLES.join(', ')}. With --password-stdin the password is
        read from standard input (e.g. \`printf '%s' "$PW" | pnpm cli user create ... --password-stdin\`);
        without it the account has no password until one is set.
  user set-password --email E --password-stdin
  user list [--json]
  user disable --email E
  user enable --email E
  import DIR|FILE.xlsx [--dry-run]
        Import units.csv, plans.csv, indicators.csv, observations.csv (any of them) and any .xlsx
        workbooks from DIR (sheets named units, plans, indicators, observations, or a workbook
        named after its table: units.xlsx …), or one workbook.
        Everything is validated first; every problem is listed; nothing is written unless all pass.
  audit verify [--json]
        Check the whole audit trail's hash chain (and the chain heads recorded by exports).
        Exits 0 when intact; otherwise 1, naming the first broken sequence number and why.
  exports prune [--json]
        Remove the files of completed exports kept TIENDO_EXPORT_KEEP_DAYS days (default 30) after
        they finished; their records, manifests and audit events stay. The server does this itself
        when it starts and every hour.
  backup FILE [--force] [--with-files] [--json]
        Copy the database to FILE while the server keeps running (SQLite's online backup: one
        consistent moment). The copy is verified (integrity check, audit hash chain) before it is
        given the name FILE; an existing FILE is replaced only with --force. The database holds
        everything except the stored files: evidence and frozen report documents live in the
        data directory's evidence/ and reports/ folders. --with-files copies those to FILE.files/
        (or copy them yourself, after the backup). exports/ can be made again and is not copied.
  restore FILE [--force] [--with-files] [--json]
        Put a backup back into the data directory. STOP THE SERVER FIRST (a server still holding
        the database is detected and the restore refused). FILE is checked (integrity, schema,
        audit hash chain) before anything is changed; replacing an existing database needs
        --force, and the old one is kept as tiendo.sqlite.before-restore-<time>. Pending
        migrations are applied. --with-files also copies FILE.files/ back into the data directory.
        In a new data directory everyone signs in again, unless its jwt-secret (or
        TIENDO_JWT_SECRET) is the old one. --json: machine-readable output (both commands).

Every command uses TIENDO_DATA_DIR (default ./data), creating and migrating the database if needed
(backup never creates one). Exit codes: 0 done, 1 refused or failed, 2 usage error.
`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) throw new UsageError('--password-stdin expects the password on standard input (pipe it in).');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function need(values: Record<string, unknown>, ...names: string[]): void {
  const missing = names.filter((n) => typeof values[n] !== 'string' || values[n] === '');
  if (missing.length) throw new UsageError(`Missing option(s): ${missing.map((m) => `--${m}`).join(', ')}`);
}

async function userByEmail(deps: Deps, email: string) {
  const user = await deps.repos.users.findByEmail(email.trim().toLowerCase());
  if (!user) throw new UsageError(`No account with e-mail ${email}.`);
  return user;
}

function describeSummary(s: DatabaseSummary): string[] {
  return [
    `  ${s.units} units, ${s.indicators} indicators, ${s.observations} observations, ${s.auditEvents} audit events`,
    `  audit trail intact${s.chainHead ? `, head ${s.chainHead.seq} ${s.chainHead.hash ?? ''}` : ' (no events)'}`,
  ];
}

function describeFiles(f: FilesCopy, verb: string): string[] {
  return [`  stored files ${verb} ${f.dir}: ${f.copied.evidence.files} evidence, ${f.copied.reports.files} report document(s), ${f.copied.evidence.bytes + f.copied.reports.bytes} bytes`];
}

/** Files the database names that were not there to copy: the copy is as complete as its source, but say so. */
function warnMissing(f: FilesCopy | null): void {
  if (f?.missing.length) console.error(`Warning: ${f.missing.length} stored file(s) the database refers to were not found: ${f.missing.slice(0, 5).join(', ')}${f.missing.length > 5 ? ', …' : ''}`);
}

/** backup and restore: they work on the database file itself, so they open no Deps of their own first. */
async function runBackup(command: 'backup' | 'restore', args: string[], config: Config, deps: () => Promise<Deps>): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { force: { type: 'boolean' }, 'with-files': { type: 'boolean' }, json: { type: 'boolean' } }, allowPositionals: true });
  if (positionals.length !== 1 || positionals[0] === '') throw new UsageError(`Give exactly one file: pnpm cli ${command} FILE`);
  const options = { dataDir: config.dataDir, migrationsDir: config.migrationsDir, force: values.force ?? false, withFiles: values['with-files'] ?? false };
  if (command === 'backup') {
    const result = await backupDatabase({ ...options, target: positionals[0]! });
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      console.log(`Backed up ${path.join(config.dataDir, DATABASE_FILE)} to ${result.file} (${result.size} bytes):`);
      for (const line of [...describeSummary(result.summary), ...(result.files ? describeFiles(result.files, 'copied to') : [])]) console.log(line);
      if (!result.files) console.log(`  stored files (evidence/, reports/ in ${config.dataDir}) are not in this backup; copy them too, or use --with-files`);
    }
    warnMissing(result.files);
    return 0;
  }
  const result = await restoreDatabase({ ...options, source: positionals[0]! });
  // Opened the way the server opens it: pending migrations (already applied to the copy) and pragmas.
  const d = await deps();
  const head = await d.repos.audit.head();
  if (values.json) console.log(JSON.stringify({ ...result, head }, null, 2));
  else {
    console.log(`Restored ${path.resolve(positionals[0]!)} into ${result.file}:`);
    for (const line of describeSummary(result.summary)) console.log(line);
    if (result.summary.migrations.pending) console.log(`  ${result.summary.migrations.pending} pending migration(s) applied`);
    console.log(result.previous ? `  the previous database was kept as ${result.previous}` : '  the data directory had no database before');
    if (result.files) for (const line of describeFiles(result.files, 'copied from')) console.log(line);
    else console.log(`  stored files were not restored: copy the backup's evidence/ and reports/ into ${config.dataDir} (or use --with-files)`);
  }
  warnMissing(result.files);
  return 0;
}

async function run(argv: string[], config: Config, deps: () => Promise<Deps>): Promise<number | void> {
  const [command, sub] = argv;
  if (command === 'backup' || command === 'restore') return runBackup(command, argv.slice(1), config, deps);
  const ctx = systemContext('cli');
  if (command === 'user') {
    const { values } = parseArgs({
      args: argv.slice(2),
      options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, unit: { type: 'string' }, 'password-stdin': { type: 'boolean' }, json: { type: 'boolean' } },
    });
    const d = await deps();
    const users = createUsersService(d);
    if (sub === 'create') {
      need(values, 'email', 'name', 'role', 'unit');
      if (!ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
      const password = values['password-stdin'] ? await readStdin() : undefined;
      const u = await users.create(ctx, { email: values.email!, name: values.name!, role: values.role as Role, unitCode: values.unit!, password });
      console.log(`Created ${u.role} ${u.email} (id ${u.id}) in ${u.unitCode}${u.hasPassword ? '' : ' without a password; set one with `user set-password`'}.`);
    } else if (sub === 'set-password') {
      need(values, 'email');
      if (!values['password-stdin']) throw new UsageError('Give the password on standard input with --password-stdin.');
      const user = await userByEmail(d, values.email!);
      await users.update(ctx, user.id, { version: user.version, password: await readStdin() });
      console.log(`Password set for ${user.email}; their sessions were ended.`);
    } else if (sub === 'list') {
      const { rows } = await d.repos.users.list({ offset: 0, limit: 1_000_000 });
      if (values.json) console.log(JSON.stringify(rows.map((r) => ({ id: r.id, email: r.email, name: r.name, role: r.role, unit: r.unitCode, disabled: r.disabled })), null, 2));
      else if (rows.length === 0) console.log('No accounts.');
      else for (const r of rows) console.log([String(r.id).padStart(4), r.email.padEnd(32), r.role.padEnd(8), r.unitCode.padEnd(12), r.disabled ? 'disabled' : 'active', r.name].join('  '));
    } else if (sub === 'disable' || sub === 'enable') {
      need(values, 'email');
      const user = await userByEmail(d, values.email!);
      await users.update(ctx, user.id, { version: user.version, disabled: sub === 'disable' });
      console.log(`${user.email} is now ${sub === 'disable' ? 'disabled; their sessions were ended' : 'enabled'}.`);
    } else throw new UsageError(`Unknown command "user ${sub ?? ''}".`);
    return;
  }
  if (command === 'import') {
    const { values, positionals } = parseArgs({ args: argv.slice(1), options: { 'dry-run': { type: 'boolean' } }, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('Give exactly one directory or .xlsx file: pnpm cli import DIR');
    const target = path.resolve(positionals[0]!);
    if (!existsSync(target)) throw new UsageError(`${target} does not exist.`);
    const isDir = statSync(target).isDirectory();
    if (!isDir && !/\.xlsx$/i.test(target)) throw new UsageError(`${target} is neither a directory nor an .xlsx workbook.`);
    const files = isDir ? readSeedDir(target) : {};
    const workbookPaths = isDir ? readdirSync(target).filter((f) => /\.xlsx$/i.test(f) && !f.startsWith('~$')).sort().map((f) => path.join(target, f)) : [target];
    const workbooks = workbookPaths.map((p) => ({ name: path.basename(p), data: readFileSync(p) }));
    if (Object.values(files).every((f) => f === undefined) && workbooks.length === 0) {
      throw new UsageError(`${target} has none of units.csv, plans.csv, indicators.csv, observations.csv and no .xlsx workbook.`);
    }
    const d = await deps();
    const result = await createImportService(d).run(ctx, files, { dryRun: values['dry-run'] ?? false, workbooks });
    console.log(`${result.dryRun ? 'Dry run (nothing written)' : `Import ${result.importId ?? '(no changes)'}`}:`);
    for (const k of ['units', 'plans', 'indicators', 'observations'] as const) {
      const c = result[k];
      console.log(`  ${k.padEnd(13)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged`);
    }
    return;
  }
  if (command === 'audit') {
    const { values } = parseArgs({ args: argv.slice(2), options: { json: { type: 'boolean' } } });
    if (sub !== 'verify') throw new UsageError(`Unknown command "audit ${sub ?? ''}".`);
    const d = await deps();
    const anchors = await d.repos.exports.anchors();
    const result = await verifyChain(d.repos.audit, anchors);
    if (values.json) console.log(JSON.stringify({ ...result, method: CHAIN_METHOD, anchors: anchors.length }, null, 2));
    if (result.firstBroken) {
      const b = result.firstBroken;
      console.error(`Audit trail BROKEN at sequence number ${b.seq} (${b.reason}): ${b.detail}`);
      console.error(`  ${result.events} event(s) before it verified; the trail ends at ${result.head?.seq ?? 0}.`);
      return 1;
    }
    if (!values.json) {
      console.log(
        result.head
          ? `Audit trail intact: ${result.events} events, head ${result.head.seq} ${result.head.hash}${anchors.length ? `; ${anchors.length} export chain head(s) matched` : ''}.`
          : 'Audit trail intact: no events yet.',
      );
    }
    return 0;
  }
  if (command === 'exports') {
    const { values } = parseArgs({ args: argv.slice(2), options: { json: { type: 'boolean' } } });
    if (sub !== 'prune') throw new UsageError(`Unknown command "exports ${sub ?? ''}".`);
    const d = await deps();
    const result = await createExportRetention(d).sweep();
    if (values.json) console.log(JSON.stringify({ keepDays: d.config.exportKeepDays, ...result }, null, 2));
    else
      console.log(
        result.expired.length
          ? `Removed the files of ${result.expired.length} export(s) kept ${d.config.exportKeepDays} days or more: ${result.expired.join(', ')}.`
          : `No export has been kept ${d.config.exportKeepDays} days or more; nothing removed.`,
      );
    return 0;
  }
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    console.log(USAGE);
    return;
  }
  throw new UsageError(`Unknown command "${command}".`);
}

async function main(): Promise<number> {
  let deps: Deps | null = null;
  try {
    const config = loadConfig();
    return (await run(process.argv.slice(2), config, async () => (deps ??= await openDeps(config, { seed: false })))) ?? 0;
  } catch (err) {
    if (err instanceof BackupRefused) {
      console.error(`Error: ${err.message}`);
      return 1;
    }
    if (err instanceof ImportRejectedError) {
      console.error(err.message);
      for (const p of err.problems) console.error(`  ${p.file}${p.sheet ? `:${p.sheet}` : ''}:${p.line}${p.column ? ` [${p.column}]` : ''} ${p.code}: ${p.message}`);
      return 1;
    }
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof AppError) {
      console.error(`Error: ${err.message}`);
      if (err instanceof AppError && err.extra.errors) for (const e of err.extra.errors) console.error(`  ${e.field}: ${e.message}`);
      if (err instanceof UsageError) console.error('\nRun `pnpm cli help` for usage.');
      return 2;
    }
    if ((err as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      console.error(`Error: ${(err as Error).message}\nRun \`pnpm cli help\` for usage.`);
      return 2;
    }
    console.error('Error:', err instanceof Error ? err.message : err);
    return 1;
  } finally {
    if (deps) closeDeps(deps);
  }
}

process.exitCode = await main();
