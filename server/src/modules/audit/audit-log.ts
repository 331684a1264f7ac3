import type { RequestContext } from '../../lib/context';
import type { AuditRepository } from './repository';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string | number | null;
  unitId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** Appends one audit event for a write; call it inside the write's transaction. */
export function createAuditLog(repo: AuditRepository, inTransaction: () => boolean) {
  return async function record(ctx: RequestContext, entry: AuditEntry): Promise<void> {
    if (!inTransaction()) throw new Error(`audit event ${entry.action} recorded outside a transaction`);
    await repo.append({
      at: new Date().toISOString(),
      actorId: ctx.actor.id,
      actorLabel: ctx.actor.label,
      actorRole: ctx.actor.role,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId === null ? null : String(entry.entityId),
      unitId: entry.unitId ?? null,
      before: entry.before ?? null,
      after: entry.after ?? null,
      requestId: ctx.requestId,
      ip: ctx.ip,
    });
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
