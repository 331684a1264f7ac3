import Fastify, { type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { randomUUID } from 'node:crypto';
import type { Deps } from './deps';
import accessPlugin from './plugins/access';
import errorsPlugin from './plugins/errors';
import openapiPlugin from './plugins/openapi';
import staticSpaPlugin from './plugins/static-spa';
import auditRoutes from './modules/audit/routes';
import authRoutes from './modules/auth/routes';
import calendarRoutes from './modules/calendar/routes';
import evidenceRoutes from './modules/evidence/routes';
import exportRoutes from './modules/exports/routes';
import healthRoutes from './modules/health/routes';
import importRoutes from './modules/imports/routes';
import indicatorRoutes from './modules/indicators/routes';
import observationRoutes from './modules/observations/routes';
import planRoutes from './modules/plans/routes';
import reportRoutes from './modules/reports/routes';
import unitRoutes from './modules/units/routes';
import statusRoutes from './modules/status/routes';
import userRoutes from './modules/users/routes';

/**
 * Builds the whole application around its dependencies; the process entry (server.ts) and the
 * tests both call this, the tests with a fresh database and `app.inject`.
 */
export async function buildApp(deps: Deps, options: { logger?: FastifyServerOptions['logger'] } = {}) {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  await app.register(errorsPlugin);
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(accessPlugin, { secret: deps.config.jwtSecret!, accessTokenTtlSeconds: deps.config.accessTokenTtlSeconds });
  await app.register(openapiPlugin);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (request.url.startsWith('/api/v1')) reply.header('cache-control', 'no-store');
    // The web app runs without inline scripts or styles; the API reference page brings its own policy.
    if (!request.url.startsWith('/api/docs')) {
      reply.header('content-security-policy', "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
      reply.header('x-frame-options', 'DENY');
    }
  });

  await app.register(
    async (api) => {
      for (const routes of [healthRoutes, authRoutes, unitRoutes, planRoutes, indicatorRoutes, observationRoutes, evidenceRoutes, statusRoutes, calendarRoutes, userRoutes, importRoutes, auditRoutes, exportRoutes, reportRoutes]) {
        await api.register(routes);
      }
    },
    { prefix: '/api/v1' },
  );
  await app.register(staticSpaPlugin, { webDir: deps.config.webDir, docsDir: deps.config.docsDir });
  return app;
}

export type App = Awaited<ReturnType<typeof buildApp>>;
