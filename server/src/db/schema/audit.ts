import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Append-only record of every write, inserted in the same transaction as the write. */
export const auditEvents = sqliteTable(
  'audit_events',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    actorId: integer('actor_id'),
    actorLabel: text('actor_label').notNull(),
    actorRole: text('actor_role'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id'),
    unitId: integer('unit_id'),
    before: text('before'),
    after: text('after'),
    requestId: text('request_id'),
    ip: text('ip'),
    /** SHA-256(previous event's hash ‖ canonical JSON of this event): the tamper-evident chain. */
    hash: text('hash'),
  },
  (t) => [
    // Every audited write adds to each of these: only what queries filter by (an entity's history,
    // a time range, a unit's subtree). The actor filter matches the actor's label, not its id.
    index('audit_entity_idx').on(t.entity, t.entityId),
    index('audit_at_idx').on(t.at),
    index('audit_unit_idx').on(t.unitId),
  ],
);
