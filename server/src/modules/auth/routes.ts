import cookie from '@fastify/cookie';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { DemoAccountsResponse, LoginBody, MeResponse, RefreshBody, SessionResponse } from '@tiendo/shared/schemas/auth';
import { AppError } from '../../lib/errors';
import { authProblems, problems } from '../../lib/route-schemas';
import { DEMO_ACCOUNTS } from '../demo/accounts';
import { createAuthService, toSessionUser, type IssuedSession } from './service';

export const REFRESH_COOKIE = 'tiendo_refresh';

/** Refresh and logout may come with no body at all (the browser sends the cookie). */
async function emptyBody(req: FastifyRequest): Promise<void> {
  req.body ??= {};
}

const routes: FastifyPluginAsyncTypebox = async (app) => {
  // The refresh token's cookie is read and set only here (its path is /api/v1/auth): the cookie
  // parser runs for these routes alone, not for every request.
  await app.register(cookie);
  const service = createAuthService(app.deps);
  const { config } = app.deps;
  const tags = ['auth'];

  function sendSession(req: FastifyRequest, reply: FastifyReply, s: IssuedSession, tokenInBody: boolean) {
    reply.setCookie(REFRESH_COOKIE, s.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: config.production || req.protocol === 'https',
      path: '/api/v1/auth',
      maxAge: config.refreshTokenTtlDays * 86_400,
    });
    const accessToken = app.jwt.sign({ sub: String(s.user.id), role: s.user.role as 'staff' });
    return {
      accessToken,
      tokenType: 'Bearer' as const,
      expiresIn: config.accessTokenTtlSeconds,
      ...(tokenInBody ? { refreshToken: s.refreshToken } : {}),
      user: toSessionUser(s.user),
    };
  }

  app.post('/auth/login', {
    config: { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Sign in with e-mail and password', body: LoginBody, response: { 200: SessionResponse, ...problems(401, 403, 429) } },
  }, async (req, reply) => sendSession(req, reply, await service.login(req.ctx, req.body), req.body.refreshTokenInBody === true));

  app.post('/auth/refresh', {
    config: { access: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Exchange the refresh token (cookie or body) for a new session; the token rotates', body: RefreshBody, response: { 200: SessionResponse, ...problems(401, 429) } },
    preValidation: emptyBody,
  }, async (req, reply) =>
    sendSession(req, reply, await service.refresh(req.ctx, req.body.refreshToken ?? req.cookies[REFRESH_COOKIE]), req.body.refreshToken !== undefined),
  );

  app.post('/auth/logout', {
    config: { access: 'public' },
    schema: { tags, summary: 'End the session: revokes the refresh token family and clears the cookie', body: RefreshBody, response: { 204: Type.Null(), ...problems() } },
    preValidation: emptyBody,
  }, async (req, reply) => {
    await service.logout(req.ctx, req.body.refreshToken ?? req.cookies[REFRESH_COOKIE]);
    reply.clearCookie(REFRESH_COOKIE, { path: '/api/v1/auth' });
    return reply.code(204).send(null);
  });

  app.get('/auth/me', {
    config: { access: 'authenticated' },
    schema: { tags, summary: 'The signed-in account', response: { 200: MeResponse, ...authProblems() } },
  }, async (req) => {
    const user = await app.deps.repos.users.findById(req.ctx.actor.id!);
    return { user: toSessionUser(user!) };
  });

  app.get('/auth/demo-accounts', {
    config: { access: 'public' },
    schema: { tags, summary: 'The demo accounts (demo mode only)', response: { 200: DemoAccountsResponse, ...problems(404) } },
  }, async () => {
    if (!config.demo) throw new AppError('NOT_FOUND', 'Demo accounts exist only in demo mode.');
    const units = await app.deps.repos.units.findByCodes(DEMO_ACCOUNTS.map((a) => a.unitCode));
    return { accounts: DEMO_ACCOUNTS.map((a) => ({ ...a, unitName: units.get(a.unitCode)?.nameVi ?? a.unitCode })) };
  });
};

export default routes;
