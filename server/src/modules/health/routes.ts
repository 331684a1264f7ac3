import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { HealthResponse } from '@tiendo/shared/schemas/health';
import { VERSION } from '../../version';

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', {
    config: { access: 'public' },
    schema: { tags: ['health'], summary: 'Liveness and database state', response: { 200: HealthResponse, 503: HealthResponse } },
  }, async (_req, reply) => {
    const { sqlite } = app.deps.dbh;
    try {
      const migrations = (sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
      const journalMode = String(sqlite.pragma('journal_mode', { simple: true }));
      return { status: 'ok' as const, version: VERSION, demo: app.deps.config.demo, database: { status: 'ok' as const, migrations, journalMode } };
    } catch {
      return reply.code(503).send({ status: 'degraded', version: VERSION, demo: app.deps.config.demo, database: { status: 'error', migrations: 0, journalMode: 'unknown' } });
    }
  });
};

export default routes;
