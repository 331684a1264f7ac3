import type { Config } from './config';
import type { DbHandle } from './db/client';
import { createStateStamp } from './db/state-stamp';
import { createTransact, type Transact } from './db/transaction';
import type { WriteLock } from './db/write-lock';
import type { WriterThread } from './db/writer-thread';
import { createAuditLog, type AuditLog } from './modules/audit/audit-log';
import { createAuditRepository } from './modules/audit/repository';
import { createCalendarRepository } from './modules/calendar/repository';
import { createEvidenceRepository } from './modules/evidence/repository';
import { createExportsRepository } from './modules/exports/repository';
import { createImportsRepository } from './modules/imports/repository';
import { createIndicatorsRepository } from './modules/indicators/repository';
import { createObservationsRepository } from './modules/observations/repository';
import { createPlansRepository } from './modules/plans/repository';
import { createReportsRepository } from './modules/reports/repository';
import { createStatusRepository } from './modules/status/repository';
import { createUnitsRepository } from './modules/units/repository';
import { createUsersRepository } from './modules/users/repository';

/**
 * Everything a feature needs, built once from the config and the open database and handed in.
 * `lock`: the write lock shared with a writer thread (write-lock.ts), when the process has one.
 */
export function createDeps(config: Config, dbh: DbHandle, options: { lock?: WriteLock } = {}) {
  // What tells the repositories' remembered reads whether anything has been committed since.
  const stamp = createStateStamp(dbh.sqlite);
  const repos = {
    units: createUnitsRepository(dbh.db, stamp),
    plans: createPlansRepository(dbh.db),
    indicators: createIndicatorsRepository(dbh.db, stamp),
    observations: createObservationsRepository(dbh.db),
    calendar: createCalendarRepository(dbh.db),
    users: createUsersRepository(dbh.db, stamp),
    audit: createAuditRepository(dbh.db, dbh.sqlite),
    imports: createImportsRepository(dbh.db),
    evidence: createEvidenceRepository(dbh.db),
    status: createStatusRepository(dbh.db, dbh.sqlite, stamp),
    reports: createReportsRepository(dbh.db),
    exports: createExportsRepository(dbh.db),
  };
  const transact: Transact = createTransact(dbh.sqlite, options.lock);
  const audit: AuditLog = createAuditLog(repos.audit, () => dbh.sqlite.inTransaction);
  /** Where reports are written, when the server runs a writer thread (db/writer-thread.ts); else here. */
  const writer = null as WriterThread | null;
  return { config, dbh, repos, transact, audit, writer };
}

export type Deps = ReturnType<typeof createDeps>;
export type Repos = Deps['repos'];

declare module 'fastify' {
  interface FastifyInstance {
    deps: Deps;
  }
}
