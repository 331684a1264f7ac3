import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import fastifyJwt from '@fastify/jwt';
import type { Role } from '@tiendo/shared/roles';
import { AppError } from '../lib/errors';
import type { RequestContext } from '../lib/context';
import type { AccessAccount } from '../modules/users/repository';

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
/** How many verified tokens are remembered; past it the longest-remembered is forgotten. */
const VERIFIED_TOKENS = 10_000;

type Claims = { sub: string; role: Role; exp: number };

const anonymous = (request: FastifyRequest): RequestContext => ({
  actor: { id: null, label: 'anonymous', name: 'anonymous', role: 'system', unitId: null, unitCode: null, unitPath: '\u0000' },
  requestId: request.id,
  ip: request.ip,
});

const unauthenticated = () => new AppError('UNAUTHENTICATED', 'Sign in first: send a valid access token as "Authorization: Bearer <token>".');

/**
 * The token verifier, remembering the tokens it has verified until they expire: a busy client's
 * requests skip the HMAC and the JSON parse. Each token is its own key, so a hit is exactly a token
 * verified before; one past its `exp` is verified again, which refuses it as expired.
 */
function rememberingVerifier(verify: (token: string) => Claims): (token: string) => Claims {
  const verified = new Map<string, Claims>();
  return (token) => {
    const known = verified.get(token);
    if (known !== undefined && Date.now() <= known.exp * 1000) return known;
    verified.delete(token);
    const claims = verify(token);
    if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
    verified.set(token, claims);
    return claims;
  };
}

export default fp(async function accessPlugin(app: FastifyInstance, opts: { secret: string; accessTokenTtlSeconds: number }) {
  await app.register(fastifyJwt, { secret: opts.secret, sign: { expiresIn: opts.accessTokenTtlSeconds } });
  const verifyToken = rememberingVerifier((token) => app.jwt.verify<Claims>(token));
  const { users } = app.deps.repos;

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

  /** Who sends the request, checked against the route's rule; throws the refusal. */
  function authorize(request: FastifyRequest): RequestContext {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return anonymous(request);
    const header = request.headers.authorization;
    const token = header && BEARER.exec(header)?.[1];
    if (!token) throw unauthenticated();
    let claims: Claims;
    try {
      claims = verifyToken(token);
    } catch (err) {
      if ((err as { code?: string }).code === TOKEN_EXPIRED_CODE) {
        throw new AppError('TOKEN_EXPIRED', 'Your session has expired; refresh the access token or sign in again.');
      }
      throw unauthenticated();
    }
    // The account as the database holds it now (remembered only while nothing has been committed),
    // so disabling it or changing its role takes effect at once.
    const user = users.accessAccount(Number(claims.sub));
    if (!user) throw new AppError('UNAUTHENTICATED', 'The account of this access token no longer exists; sign in again.');
    if (user.disabled) throw new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator to enable it.');
    const role = user.role as Role;
    if (access !== 'authenticated' && !access.includes(role)) {
      // Known (for the refusal's audit and log), but refused.
      request.ctx = signedIn(request, user, role);
      throw new AppError('FORBIDDEN', `Your role (${user.role}) may not do this; it needs one of: ${access.join(', ')}.`);
    }
    return signedIn(request, user, role);
  }

  app.addHook('onRequest', (request, _reply, done) => {
    try {
      request.ctx = authorize(request);
    } catch (err) {
      request.ctx ??= anonymous(request);
      done(err as Error);
      return;
    }
    done();
  });
});

function signedIn(request: FastifyRequest, user: AccessAccount, role: Role): RequestContext {
  return {
    actor: { id: user.id, label: user.email, name: user.name, role, unitId: user.unitId, unitCode: user.unitCode, unitPath: user.unitPath },
    requestId: request.id,
    ip: request.ip,
  };
}
