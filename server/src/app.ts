import Fastify, { LogController, type FastifyServerOptions } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import rateLimit from '@fastify/rate-limit';
import { randomUUID } from 'node:crypto';
import type { Deps } from './deps';
import { lazyCompilers } from './lib/lazy-schemas';
import { SECURITY_HEADER_VALUES } from './lib/security-headers';
import accessPlugin from './plugins/access';
import errorsPlugin, { clientErrorHandler, frameworkErrors } from './plugins/errors';
import inputPlugin from './plugins/input';
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

/** One year, without includeSubDomains: the host may share its parent domain with plain-HTTP services. */
const HSTS = 'max-age=31536000';

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
    // Each route's validators and serializers are built on its first request (lib/lazy-schemas.ts).
    schemaController: { compilersFactory: lazyCompilers },
    // One line per request (below), when it is answered, instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // Requests refused before routing (a malformed URL or HTTP) are problems like any other.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('deps', deps);
  await app.register(errorsPlugin);
  await app.register(inputPlugin);
  // Registered before the access checks, so refused requests (401, 403, 404, 413) carry the headers
  // too. The headers are the same for every answer: helmet works them out once (lib/security-headers.ts).
  // API answers are never stored by caches; a route may say otherwise by setting its own.
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(SECURITY_HEADER_VALUES);
    reply.header('x-request-id', request.id);
    if (request.url.startsWith('/api/v1')) reply.header('cache-control', 'no-store');
    // HSTS only where the browser honours it: HTTPS, which this server sees only behind a TLS proxy
    // trusted with TIENDO_TRUST_PROXY (X-Forwarded-Proto: https). Never on a plain-HTTP install.
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done();
  });
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info({ method: request.method, url: request.url, statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 }, 'request');
    done();
  });
  await app.register(rateLimit, { global: false });
  await app.register(accessPlugin, { secret: deps.config.jwtSecret!, accessTokenTtlSeconds: deps.config.accessTokenTtlSeconds });
  await app.register(openapiPlugin);

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
