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
  unitCode: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
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
