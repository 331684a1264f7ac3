import { Type, type Static } from 'typebox';

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  version: Type.String(),
  demo: Type.Boolean(),
  database: Type.Object({
    status: Type.Union([Type.Literal('ok'), Type.Literal('error')]),
    migrations: Type.Integer({ description: 'Number of applied migrations' }),
    journalMode: Type.String(),
  }),
});
export type HealthResponse = Static<typeof HealthResponse>;
