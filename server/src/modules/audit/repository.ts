import type Database from 'better-sqlite3';
import { and, asc, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, units } from '../../db/schema/index';
import { chainHash, GENESIS_HASH, storedJson, wellFormed, type ChainedEvent } from './chain';

export interface NewAuditEvent {
  at: string;
  actorId: number | null;
  actorLabel: string;
  actorRole: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: number | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  ip: string | null;
}

export interface AuditEventRecord extends ChainedEvent {
  unitCode: string | null;
  hash: string | null;
}

/** Which events a reader may see: those of units under a path prefix ('/' = all). */
export interface AuditScope {
  unitPathPrefix?: string;
  /** Also events tied to no unit (sign-ins of unknown accounts, imports): for readers scoped to the top of the tree. */
  includeUnscoped?: boolean;
}

export interface AuditFilter extends AuditScope {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/** An event as stored, for verifying the chain: `before`/`after` still as JSON text. */
export interface StoredAuditRow {
  seq: number;
  at: string;
  actor_id: number | null;
  actor_label: string;
  actor_role: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  unit_id: number | null;
  before: string | null;
  after: string | null;
  request_id: string | null;
  ip: string | null;
  hash: string | null;
}

export interface ChainHead {
  seq: number;
  hash: string | null;
}

const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

export const toChained = (r: StoredAuditRow): ChainedEvent => ({
  seq: r.seq,
  at: r.at,
  actorId: r.actor_id,
  actorLabel: r.actor_label,
  actorRole: r.actor_role,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  unitId: r.unit_id,
  before: parse(r.before),
  after: parse(r.after),
  requestId: r.request_id,
  ip: r.ip,
});

/** Upper bound of a materialized-path prefix: `/1/5/` → `/1/50` ('0' follows '/'), an index range. */
export function upperBound(prefix: string): string {
  return `${prefix.slice(0, -1)}0`;
}

/** SQL condition on `audit_events.unit_id` for a scope (undefined: everything). */
export function auditScopeSql(scope: AuditScope): SQL | undefined {
  const prefix = scope.unitPathPrefix;
  if (!prefix || prefix === '/') return undefined;
  const inSubtree = sql`${auditEvents.unitId} IN (SELECT id FROM units WHERE path >= ${prefix} AND path < ${upperBound(prefix)})`;
  return scope.includeUnscoped ? sql`(${auditEvents.unitId} IS NULL OR ${inSubtree})` : inSubtree;
}

const COLUMNS = 'seq, at, actor_id, actor_label, actor_role, action, entity, entity_id, unit_id, before, after, request_id, ip, hash';

/** `sqlite` is the same connection as `db`: the chain's hot paths use prepared statements directly. */
export function createAuditRepository(db: Db, sqlite: Database.Database) {
  const lastStmt = sqlite.prepare<[], ChainHead>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
  const insertStmt = sqlite.prepare(
    `INSERT INTO audit_events (${COLUMNS}) VALUES (@seq, @at, @actorId, @actorLabel, @actorRole, @action, @entity, @entityId, @unitId, @before, @after, @requestId, @ip, @hash)`,
  );
  const pageStmt = sqlite.prepare<[number, number, number], StoredAuditRow>(`SELECT ${COLUMNS} FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`);
  const rangeStmt = sqlite.prepare<[number, number], StoredAuditRow>(`SELECT ${COLUMNS} FROM audit_events WHERE seq >= ? AND seq <= ? ORDER BY seq`);
  const countStmt = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM audit_events');

  const rows = (cond: SQL | undefined, order: 'asc' | 'desc', limit: number, offset: number): AuditEventRecord[] =>
    db
      .select({ e: auditEvents, unitCode: units.code })
      .from(auditEvents)
      .leftJoin(units, eq(units.id, auditEvents.unitId))
      .where(cond)
      .orderBy(order === 'asc' ? asc(auditEvents.seq) : desc(auditEvents.seq))
      .limit(limit)
      .offset(offset)
      .all()
      .map(({ e, unitCode }) => ({ ...e, unitCode, before: parse(e.before), after: parse(e.after) }));

  return {
    /**
     * Appends an event with the next sequence number and its chain hash. Call it inside the
     * write's transaction (BEGIN IMMEDIATE): the last event read here is then the last one.
     */
    async append(event: NewAuditEvent): Promise<number> {
      const last = lastStmt.get();
      const before = storedJson(event.before);
      const after = storedJson(event.after);
      const stored: ChainedEvent = {
        seq: (last?.seq ?? 0) + 1,
        at: event.at,
        actorId: event.actorId,
        actorLabel: wellFormed(event.actorLabel),
        actorRole: wellFormed(event.actorRole),
        action: event.action,
        entity: event.entity,
        entityId: wellFormed(event.entityId),
        unitId: event.unitId,
        // Hashed as read back, so the verifier (which parses the stored text) sees the same value.
        before: parse(before),
        after: parse(after),
        requestId: wellFormed(event.requestId),
        ip: wellFormed(event.ip),
      };
      const hash = chainHash(last?.hash ?? GENESIS_HASH, stored);
      insertStmt.run({ ...stored, before, after, hash });
      return stored.seq;
    },

    async list(filter: AuditFilter): Promise<{ rows: AuditEventRecord[]; total: number }> {
      const where: SQL[] = [];
      if (filter.entity) where.push(eq(auditEvents.entity, filter.entity));
      if (filter.entityId) where.push(eq(auditEvents.entityId, filter.entityId));
      if (filter.actor) where.push(eq(auditEvents.actorLabel, filter.actor));
      if (filter.action) where.push(eq(auditEvents.action, filter.action));
      if (filter.from) where.push(gte(auditEvents.at, filter.from));
      if (filter.to) where.push(lte(auditEvents.at, filter.to));
      const scope = auditScopeSql(filter);
      if (scope) where.push(scope);
      const cond = where.length ? and(...where) : undefined;
      const total = db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(cond).get()?.n ?? 0;
      return { total, rows: rows(cond, 'desc', filter.limit, filter.offset) };
    },

    /** Every event of one record, oldest first. */
    async history(entity: string, entityId: string, scope: AuditScope, page: { offset: number; limit: number }): Promise<{ rows: AuditEventRecord[]; total: number }> {
      const where: SQL[] = [eq(auditEvents.entity, entity), eq(auditEvents.entityId, entityId)];
      const s = auditScopeSql(scope);
      if (s) where.push(s);
      const cond = and(...where);
      const total = db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(cond).get()?.n ?? 0;
      return { total, rows: rows(cond, 'asc', page.limit, page.offset) };
    },

    async count(): Promise<number> {
      return countStmt.get()?.n ?? 0;
    },

    /** The last event's sequence number and hash, or null for an empty trail. */
    async head(): Promise<ChainHead | null> {
      return lastStmt.get() ?? null;
    },

    /** Up to `limit` stored events after `afterSeq` (and at most `maxSeq`), in sequence order: keyset pages. */
    async page(afterSeq: number, maxSeq: number, limit: number): Promise<StoredAuditRow[]> {
      return pageStmt.all(afterSeq, maxSeq, limit);
    },

    /** Stored events with `from` ≤ seq ≤ `to`. */
    async range(from: number, to: number): Promise<StoredAuditRow[]> {
      return rangeStmt.all(from, to);
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
