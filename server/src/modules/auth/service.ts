import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { LoginBody, SessionUser } from '@tiendo/shared/schemas/auth';
import type { Deps } from '../../deps';
import type { RequestContext } from '../../lib/context';
import { AppError } from '../../lib/errors';
import { normalizeEmail } from '../users/service';
import type { UserRecord } from '../users/repository';
import { dummyHash, verifyPassword } from './passwords';

export const THROTTLE = { windowMinutes: 15, perAccount: 5, perAddress: 30 } as const;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export function toSessionUser(u: UserRecord): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role as SessionUser['role'], unit: { code: u.unitCode, nameVi: u.unitNameVi, nameEn: u.unitNameEn } };
}

export interface IssuedSession {
  user: UserRecord;
  refreshToken: string;
}

export function createAuthService(deps: Deps) {
  const { repos, transact, audit, config } = deps;

  async function issueRefresh(userId: number, familyId: string, now: Date): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + config.refreshTokenTtlDays * 86_400_000).toISOString();
    await repos.users.insertRefreshToken({ userId, familyId, tokenHash: sha256(token), expiresAt, now: now.toISOString() });
    return token;
  }

  function retryAfter(oldest: string | null, now: Date): number {
    const until = (oldest ? Date.parse(oldest) : now.getTime()) + THROTTLE.windowMinutes * 60_000;
    return Math.max(1, Math.ceil((until - now.getTime()) / 1000));
  }

  return {
    async login(ctx: RequestContext, body: LoginBody): Promise<IssuedSession> {
      const email = normalizeEmail(body.email);
      const ip = ctx.ip ?? 'unknown';
      const now = new Date();
      const since = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000).toISOString();
      // The attempt is counted as a failure before the slow password check, in the same
      // transaction as the count: concurrent guesses see each other, so a burst of parallel
      // requests cannot get more than the allowed number of tries. A success clears it again.
      const throttledFor = await transact(async () => {
        const byAccount = await repos.users.countLoginFailures({ email }, since);
        const byAddress = await repos.users.countLoginFailures({ ip }, since);
        if (byAccount.count >= THROTTLE.perAccount || byAddress.count >= THROTTLE.perAddress) {
          await audit({ ...ctx, actor: { ...ctx.actor, label: email } }, { action: 'auth.login_throttled', entity: 'session', entityId: email, after: { ip, failures: byAccount.count } });
          return retryAfter(byAccount.count >= THROTTLE.perAccount ? byAccount.oldest : byAddress.oldest, now);
        }
        await repos.users.recordLoginFailure(email, ip, now.toISOString());
        return null;
      });
      if (throttledFor !== null) {
        throw new AppError('LOGIN_THROTTLED', `Too many failed sign-ins for this account or address; try again in ${Math.ceil(throttledFor / 60)} minute(s).`, {
          headers: { 'retry-after': String(throttledFor) },
        });
      }
      const user = await repos.users.findByEmail(email);
      // Verify against a dummy hash for unknown accounts, so response time does not reveal which exist.
      const ok = user?.passwordHash ? await verifyPassword(user.passwordHash, body.password) : (await verifyPassword(await dummyHash(), body.password), false);
      if (!user || !ok) {
        await transact(() => audit({ ...ctx, actor: { ...ctx.actor, label: email } }, { action: 'auth.login_failed', entity: 'session', entityId: email, unitId: user?.unitId ?? null, after: { ip } }));
        throw new AppError('INVALID_CREDENTIALS', 'The e-mail or password is wrong. Check them and try again.');
      }
      if (user.disabled) {
        await transact(() => audit({ ...ctx, actor: { ...ctx.actor, id: user.id, label: email } }, { action: 'auth.login_refused', entity: 'session', entityId: email, unitId: user.unitId, after: { reason: 'disabled' } }));
        throw new AppError('ACCOUNT_DISABLED', 'This account is disabled; ask an administrator to enable it.');
      }
      return transact(async () => {
        await repos.users.clearLoginFailures(email);
        await repos.users.touchLogin(user.id, now.toISOString());
        const refreshToken = await issueRefresh(user.id, randomUUID(), now);
        await audit({ ...ctx, actor: { ...ctx.actor, id: user.id, label: email, role: user.role as 'staff' } }, { action: 'auth.login', entity: 'session', entityId: email, unitId: user.unitId, after: { ip } });
        return { user, refreshToken };
      });
    },

    /** Rotates a refresh token. A token used twice means it leaked: the whole family is revoked. */
    async refresh(ctx: RequestContext, token: string | undefined): Promise<IssuedSession> {
      const invalid = () => new AppError('INVALID_REFRESH_TOKEN', 'Your session has ended; sign in again.');
      if (!token) throw invalid();
      const now = new Date();
      return transact(async () => {
        const row = await repos.users.findRefreshToken(sha256(token));
        if (!row || row.revokedAt !== null || row.expiresAt <= now.toISOString()) throw invalid();
        const user = await repos.users.findById(row.userId);
        if (!user || user.disabled) throw invalid();
        if (row.usedAt !== null || !(await repos.users.markRefreshTokenUsed(row.id, now.toISOString()))) {
          await repos.users.revokeFamily(row.familyId, now.toISOString());
          await audit({ ...ctx, actor: { ...ctx.actor, id: user.id, label: user.email } }, { action: 'auth.refresh_reuse', entity: 'session', entityId: user.email, unitId: user.unitId, after: { family: row.familyId } });
          return null;
        }
        const refreshToken = await issueRefresh(user.id, row.familyId, now);
        return { user, refreshToken };
      }).then((r) => {
        if (!r) throw invalid();
        return r;
      });
    },

    async logout(ctx: RequestContext, token: string | undefined): Promise<void> {
      if (!token) return;
      await transact(async () => {
        const row = await repos.users.findRefreshToken(sha256(token));
        if (!row || row.revokedAt !== null) return;
        await repos.users.revokeFamily(row.familyId, new Date().toISOString());
        const user = await repos.users.findById(row.userId);
        await audit({ ...ctx, actor: { ...ctx.actor, id: row.userId, label: user?.email ?? 'unknown' } }, { action: 'auth.logout', entity: 'session', entityId: user?.email ?? null, unitId: user?.unitId ?? null });
      });
    },
  };
}
