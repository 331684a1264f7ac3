import { Type, type Static } from 'typebox';
import { Code, DateTime, Nullable, Page, PageQuery, Text } from './common';

export const AuditEvent = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.Integer()),
  actorLabel: Type.String(),
  actorRole: Nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  unitId: Nullable(Type.Integer()),
  unitCode: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
  hash: Nullable(Type.String({ description: 'SHA-256 chain hash (tiendo-audit-chain/1, see docs/audit.md)' })),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const AuditEventList = Page(AuditEvent);
export type AuditEventList = Static<typeof AuditEventList>;

export const AuditEventQuery = Type.Object(
  {
    ...PageQuery,
    entity: Type.Optional(Text(64)),
    entityId: Type.Optional(Text(128)),
    actor: Type.Optional(Text(254)),
    action: Type.Optional(Text(64)),
    under: Type.Optional(Code),
    from: Type.Optional(DateTime),
    to: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type AuditEventQuery = Static<typeof AuditEventQuery>;

export const AuditHistoryQuery = Type.Object(
  {
    ...PageQuery,
    entity: Text(64, 1),
    entityId: Text(128, 1),
  },
  { additionalProperties: false },
);
export type AuditHistoryQuery = Static<typeof AuditHistoryQuery>;

export const AuditChange = Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() });

export const AuditHistoryItem = Type.Object({
  ...AuditEvent.properties,
  changes: Type.Array(AuditChange, { description: 'Top-level fields whose value differs between before and after' }),
});

export const AuditHistory = Type.Object({
  entity: Type.String(),
  entityId: Type.String(),
  items: Type.Array(AuditHistoryItem, { description: 'Oldest first' }),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type AuditHistory = Static<typeof AuditHistory>;

export const ChainBreakReason = Type.Union([Type.Literal('gap'), Type.Literal('missing_hash'), Type.Literal('reordered'), Type.Literal('hash_mismatch'), Type.Literal('anchor_mismatch')]);

export const AuditVerification = Type.Object({
  intact: Type.Boolean(),
  method: Type.String({ description: 'tiendo-audit-chain/1' }),
  events: Type.Integer({ description: 'Events verified (up to the first break)' }),
  head: Nullable(Type.Object({ seq: Type.Integer(), hash: Nullable(Type.String()) })),
  firstBroken: Nullable(Type.Object({ seq: Type.Integer(), reason: ChainBreakReason, detail: Type.String() })),
  anchors: Type.Integer({ description: 'Chain heads recorded by earlier exports that were checked' }),
  checkedAt: DateTime,
});
export type AuditVerification = Static<typeof AuditVerification>;
