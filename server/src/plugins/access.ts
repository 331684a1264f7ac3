import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { Role } from '@tiendo/shared/roles';
import { AppError } from '../lib/errors';
import type { RequestContext } from '../lib/context';

/** Who may call a route: anyone, any signed-in user, or the listed roles. Deny by default. */
export type Access = 'public' | 'authenticated' | readonly Role[];

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyInstance {
    /** Every API route with its access rule: the table the authorization tests are generated from. */
    accessTable: RouteAccess[];
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
}

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: { sub: string; role: Role };
    user: { sub: string; role: Role };
  }
}

/** fast-jwt's code (TokenError.codes.expired) for a well-signed token past its `exp`. */
const TOKEN_EXPIRED_CODE = 'FAST_JWT_EXPIRED';
const BEARER = /^Bearer +([^\s]+) *$/i;

const anonymous = (request: FastifyRequest): RequestContext => ({
  actor: { id: null, label: 'anonymous', name: 'anonymous', role: 'system', unitId: null, unitCode: null, unitPath: '\u0000' },
  requestId: request.id,
  ip: request.ip,
});

export default fp(async function accessPlugin(app: FastifyInstance, opts: { secret: string; accessTokenTtlSeconds: number }) {
  // Verified tokens are remembered (until they expire), so a busy client's requests skip the HMAC
  // and the JSON parse; the account itself is still read on every request, so disabling it acts at once.
  await app.register(fastifyJwt, { secret: opts.secret, sign: { expiresIn: opts.accessTokenTtlSeconds }, verify: { cache: 10_000 } });

  // Every API route must say who may call it: a route without a rule fails at start-up.
  const table: RouteAccess[] = [];
  app.decorate('accessTable', table);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/v1')) return;
    const access = route.config?.access;
    if (access === undefined) throw new Error(`Route ${route.method} ${route.url} declares no access rule (config.access)`);
    for (const method of [route.method].flat()) if (method !== 'HEAD') table.push({ method, url: route.url, access });
  });

  app.decorateRequest('ctx', null as unknown as RequestContext);

  app.addHook('onRequest', async (request) => {
    request.ctx = anonymous(request);
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    // The bearer token, verified by the plugin's verifier (cached; see above).
    const header = request.headers.authorization;
    const token = header && BEARER.exec(header)?.[1];
    if (!token) throw new AppError('UNAUTHENTICATED', 'Sign in first: send a valid access token as "Authorization: Bearer <token>".');
    let payload: { sub: string; role: Role };
    try {
      payload = app.jwt.verify<{ sub: string; role: Role }>(token);
    } catch (err) {
      if ((err as { code?: string }).code === TOKEN_EXPIRED_CODE) {
        throw new AppError('TOKEN_EXPIRED', 'Your session has expired; refresh the access token or sign in again.');
      }
      throw new AppError('UNAUTHENTICATED', 'Sign in first: send a valid access token as "Authorization: Bearer <token>".');
    }
    // The account is read on every request, so disabling it or changing its role takes effect at once.
    const user = await app.deps.repos.users.findById(Number(payload.sub));
    if (!user) throw new AppError('UNAUTHENTICATED', 'The account of this access token no longer exists; sign in again.');
    if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator to enable it.');
    request.ctx = {
      actor: {
        id: user.id,
        label: user.email,
        name: user.name,
        role: user.role as Role,
        unitId: user.unitId,
        unitCode: user.unitCode,
        unitPath: user.unitPath,
      },
      requestId: request.id,
      ip: request.ip,
    };
    if (access !== 'authenticated' && !access.includes(user.role as Role)) {
      throw new AppError('FORBIDDEN', `Your role (${user.role}) may not do this; it needs one of: ${access.join(', ')}.`);
    }
  });
});
