import { and, asc, eq, gte, isNull, lt, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { createStampedCache, type StateStamp } from '../../db/state-stamp';
import { loginFailures, refreshTokens, units, users } from '../../db/schema/index';
import { escapeLike, pathUnder } from '../units/repository';

export interface UserRecord {
  id: number;
  email: string;
  name: string;
  passwordHash: string | null;
  role: string;
  unitId: number;
  unitCode: string;
  unitNameVi: string;
  unitNameEn: string | null;
  unitPath: string;
  disabled: boolean;
  lastLoginAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** What every authenticated request needs of its account: who acts, where, and whether they may. */
export interface AccessAccount {
  id: number;
  email: string;
  name: string;
  role: string;
  unitId: number;
  unitCode: string;
  unitPath: string;
  disabled: boolean;
}

export interface UserListFilter {
  pathPrefix?: string;
  search?: string;
  role?: string;
  disabled?: boolean;
  offset: number;
  limit: number;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  role: string;
  unitId: number;
  searchText: string;
  now: string;
}

export type UserChanges = Partial<Pick<NewUser, 'name' | 'passwordHash' | 'role' | 'unitId' | 'searchText'>> & { disabled?: boolean };

const selection = {
  id: users.id,
  email: users.email,
  name: users.name,
  passwordHash: users.passwordHash,
  role: users.role,
  unitId: users.unitId,
  unitCode: units.code,
  unitNameVi: units.nameVi,
  unitNameEn: units.nameEn,
  unitPath: units.path,
  disabled: users.disabled,
  lastLoginAt: users.lastLoginAt,
  version: users.version,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

/** How many accounts the server remembers between commits. */
const REMEMBERED_ACCOUNTS = 10_000;

export function createUsersRepository(db: Db, stamp: StateStamp) {
  const base = () => db.select(selection).from(users).innerJoin(units, eq(units.id, users.unitId));
  // Read for authenticated requests: only what the access check needs, as a plain array (no
  // per-row object built from column names), synchronously.
  const forAccess = db.$client
    .prepare<[number], [number, string, string, string, number, string, string, number]>(
      `SELECT u.id, u.email, u.name, u.role, u.unit_id, un.code, un.path, u.disabled
         FROM users u JOIN units un ON un.id = u.unit_id WHERE u.id = ?`,
    )
    .raw(true);
  // Accounts as last read, while no account, unit or target has changed since (reports being
  // written do not count): an account disabled or changed, here or from the command line, is read
  // afresh by its very next request.
  const rememberedAccounts = createStampedCache<number, AccessAccount | null>(stamp.reference, REMEMBERED_ACCOUNTS);
  return {
    accessAccount(id: number): AccessAccount | null {
      return rememberedAccounts.get(id, () => {
        const r = forAccess.get(id);
        return r ? { id: r[0], email: r[1], name: r[2], role: r[3], unitId: r[4], unitCode: r[5], unitPath: r[6], disabled: r[7] !== 0 } : null;
      });
    },
    async findById(id: number): Promise<UserRecord | null> {
      return base().where(eq(users.id, id)).get() ?? null;
    },
    async findByEmail(email: string): Promise<UserRecord | null> {
      return base().where(eq(users.email, email)).get() ?? null;
    },
    async list(filter: UserListFilter): Promise<{ rows: UserRecord[]; total: number }> {
      const where: SQL[] = [];
      if (filter.pathPrefix) where.push(pathUnder(units.path, filter.pathPrefix));
      if (filter.search) where.push(sql`${users.searchText} LIKE ${`%${escapeLike(filter.search)}%`} ESCAPE '\\'`);
      if (filter.role) where.push(eq(users.role, filter.role));
      if (filter.disabled !== undefined) where.push(eq(users.disabled, filter.disabled));
      const cond = where.length ? and(...where) : undefined;
      const total =
        db.select({ n: sql<number>`count(*)` }).from(users).innerJoin(units, eq(units.id, users.unitId)).where(cond).get()?.n ?? 0;
      const rows = base().where(cond).orderBy(asc(users.email)).limit(filter.limit).offset(filter.offset).all();
      return { rows, total };
    },
    async insert(u: NewUser): Promise<number> {
      return db
        .insert(users)
        .values({ email: u.email, name: u.name, passwordHash: u.passwordHash, role: u.role, unitId: u.unitId, searchText: u.searchText, createdAt: u.now, updatedAt: u.now })
        .returning({ id: users.id })
        .get().id;
    },
    async update(id: number, expectedVersion: number | null, changes: UserChanges, now: string): Promise<boolean> {
      const where = expectedVersion === null ? eq(users.id, id) : and(eq(users.id, id), eq(users.version, expectedVersion));
      return db.update(users).set({ ...changes, updatedAt: now, version: sql`${users.version} + 1` }).where(where).run().changes === 1;
    },
    async touchLogin(id: number, now: string): Promise<void> {
      db.update(users).set({ lastLoginAt: now }).where(eq(users.id, id)).run();
    },
    async count(): Promise<number> {
      return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
    },

    // Refresh tokens (hashed) and failed sign-ins.
    async insertRefreshToken(t: { userId: number; familyId: string; tokenHash: string; expiresAt: string; now: string }): Promise<void> {
      db.insert(refreshTokens).values({ userId: t.userId, familyId: t.familyId, tokenHash: t.tokenHash, expiresAt: t.expiresAt, createdAt: t.now }).run();
    },
    async findRefreshToken(tokenHash: string) {
      return db.select().from(refreshTokens).where(eq(refreshTokens.tokenHash, tokenHash)).get() ?? null;
    },
    async markRefreshTokenUsed(id: number, now: string): Promise<boolean> {
      return db.update(refreshTokens).set({ usedAt: now }).where(and(eq(refreshTokens.id, id), isNull(refreshTokens.usedAt))).run().changes === 1;
    },
    async revokeFamily(familyId: string, now: string): Promise<number> {
      return db.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.familyId, familyId), isNull(refreshTokens.revokedAt))).run().changes;
    },
    async revokeAllForUser(userId: number, now: string): Promise<number> {
      return db.update(refreshTokens).set({ revokedAt: now }).where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt))).run().changes;
    },
    async recordLoginFailure(email: string, ip: string, at: string): Promise<void> {
      db.insert(loginFailures).values({ email, ip, at }).run();
    },
    async countLoginFailures(by: { email?: string; ip?: string }, since: string): Promise<{ count: number; oldest: string | null }> {
      const cond = by.email !== undefined ? and(eq(loginFailures.email, by.email), gte(loginFailures.at, since)) : and(eq(loginFailures.ip, by.ip ?? ''), gte(loginFailures.at, since));
      const row = db.select({ n: sql<number>`count(*)`, oldest: sql<string | null>`min(${loginFailures.at})` }).from(loginFailures).where(cond).get();
      return { count: row?.n ?? 0, oldest: row?.oldest ?? null };
    },
    async clearLoginFailures(email: string): Promise<void> {
      db.delete(loginFailures).where(eq(loginFailures.email, email)).run();
    },
    async pruneLoginFailures(before: string): Promise<void> {
      db.delete(loginFailures).where(lt(loginFailures.at, before)).run();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;
