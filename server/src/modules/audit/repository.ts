import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { auditEvents, units } from '../../db/schema/index';

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

export interface AuditEventRecord extends Omit<NewAuditEvent, 'before' | 'after'> {
  seq: number;
  unitCode: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  unitPathPrefix?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));
const parse = (v: string | null): unknown => (v === null ? null : (JSON.parse(v) as unknown));

export function createAuditRepository(db: Db) {
  return {
    async append(event: NewAuditEvent): Promise<number> {
      const row = db
        .insert(auditEvents)
        .values({ ...event, before: json(event.before), after: json(event.after) })
        .returning({ seq: auditEvents.seq })
        .get();
      return row.seq;
    },

    async list(filter: AuditFilter): Promise<{ rows: AuditEventRecord[]; total: number }> {
      const where: SQL[] = [];
      if (filter.entity) where.push(eq(auditEvents.entity, filter.entity));
      if (filter.entityId) where.push(eq(auditEvents.entityId, filter.entityId));
      if (filter.actor) where.push(eq(auditEvents.actorLabel, filter.actor));
      if (filter.action) where.push(eq(auditEvents.action, filter.action));
      if (filter.from) where.push(gte(auditEvents.at, filter.from));
      if (filter.to) where.push(lte(auditEvents.at, filter.to));
      if (filter.unitPathPrefix && filter.unitPathPrefix !== '/') {
        where.push(sql`${auditEvents.unitId} IN (SELECT id FROM units WHERE path >= ${filter.unitPathPrefix} AND path < ${upperBound(filter.unitPathPrefix)})`);
      }
      const cond = where.length ? and(...where) : undefined;
      const total = db.select({ n: sql<number>`count(*)` }).from(auditEvents).where(cond).get()?.n ?? 0;
      const rows = db
        .select({ e: auditEvents, unitCode: units.code })
        .from(auditEvents)
        .leftJoin(units, eq(units.id, auditEvents.unitId))
        .where(cond)
        .orderBy(desc(auditEvents.seq))
        .limit(filter.limit)
        .offset(filter.offset)
        .all();
      return {
        total,
        rows: rows.map(({ e, unitCode }) => ({ ...e, unitCode, before: parse(e.before), after: parse(e.after) })),
      };
    },

    async count(): Promise<number> {
      return db.select({ n: sql<number>`count(*)` }).from(auditEvents).get()?.n ?? 0;
    },
  };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;

/** Upper bound of a materialized-path prefix: `/1/5/` → `/1/50` ('0' follows '/'), an index range. */
export function upperBound(prefix: string): string {
  return `${prefix.slice(0, -1)}0`;
}
