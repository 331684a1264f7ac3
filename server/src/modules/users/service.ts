import type { CreateUserBody, UpdateUserBody, User, UserList, UserListQuery } from '@tiendo/shared/schemas/users';
import { cleanText, foldForSearch } from '@tiendo/shared/text';
import type { Deps } from '../../deps';
import { inScope, nowIso, type RequestContext } from '../../lib/context';
import { AppError, notFound, outOfScope, versionConflict } from '../../lib/errors';
import { paging } from '../../lib/paging';
import { hashPassword, passwordProblem } from '../auth/passwords';
import type { UserRecord } from './repository';

export const normalizeEmail = (email: string): string => email.normalize('NFC').trim().toLowerCase();

export function toUserDto(u: UserRecord): User {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as User['role'],
    unitCode: u.unitCode,
    disabled: u.disabled,
    hasPassword: u.passwordHash !== null,
    lastLoginAt: u.lastLoginAt,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

function checkPassword(password: string, email: string): void {
  const problem = passwordProblem(password, email);
  if (problem) throw new AppError('VALIDATION_FAILED', problem, { errors: [{ field: '/body/password', message: problem }] });
}

export function createUsersService(deps: Deps) {
  const { repos, transact, audit } = deps;

  async function requireInScope(ctx: RequestContext, id: number): Promise<UserRecord> {
    const u = await repos.users.findById(id);
    if (!u || !inScope(ctx.actor, u.unitPath)) throw notFound('User', id);
    return u;
  }

  async function unitInScope(ctx: RequestContext | null, code: string) {
    const unit = await repos.units.findByCode(code);
    if (!unit) throw new AppError('VALIDATION_FAILED', `unitCode "${code}" is not a known unit.`, { errors: [{ field: '/body/unitCode', message: 'is not a known unit' }] });
    if (ctx && !inScope(ctx.actor, unit.path)) throw outOfScope(`Unit "${code}"`);
    return unit;
  }

  return {
    async list(ctx: RequestContext, query: UserListQuery): Promise<UserList> {
      const { page, pageSize, offset, limit } = paging(query);
      let prefix = ctx.actor.unitPath;
      if (query.under) {
        const u = await repos.units.findByCode(query.under);
        if (!u) throw notFound('Unit', query.under);
        if (!inScope(ctx.actor, u.path)) throw outOfScope(`Unit "${query.under}"`);
        prefix = u.path;
      }
      const { rows, total } = await repos.users.list({ pathPrefix: prefix, search: query.q ? foldForSearch(query.q) : undefined, role: query.role, disabled: query.disabled, offset, limit });
      return { items: rows.map(toUserDto), total, page, pageSize };
    },

    async get(ctx: RequestContext, id: number): Promise<User> {
      return toUserDto(await requireInScope(ctx, id));
    },

    /** Creates an account; `ctx` of a system actor (the CLI) is not scope-limited. */
    async create(ctx: RequestContext, body: CreateUserBody): Promise<User> {
      const email = normalizeEmail(body.email);
      const unit = await unitInScope(ctx.actor.role === 'system' ? null : ctx, body.unitCode);
      if (body.password !== undefined) checkPassword(body.password, email);
      const passwordHash = body.password !== undefined ? await hashPassword(body.password) : null;
      return transact(async () => {
        if (await repos.users.findByEmail(email)) throw new AppError('DUPLICATE_CODE', `An account with e-mail ${email} already exists.`);
        const name = cleanText(body.name);
        const id = await repos.users.insert({ email, name, passwordHash, role: body.role, unitId: unit.id, searchText: foldForSearch(`${email} ${name}`), now: nowIso() });
        const dto = toUserDto((await repos.users.findById(id))!);
        await audit(ctx, { action: 'user.create', entity: 'user', entityId: id, unitId: unit.id, after: dto });
        return dto;
      });
    },

    async update(ctx: RequestContext, id: number, body: UpdateUserBody): Promise<User> {
      const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
      return transact(async () => {
        const u = ctx.actor.role === 'system' ? await repos.users.findById(id) : await requireInScope(ctx, id);
        if (!u) throw notFound('User', id);
        if (u.version !== body.version) throw versionConflict(`User ${id}`, u.version, body.version);
        if (body.password !== undefined) checkPassword(body.password, u.email);
        if (ctx.actor.id === id && (body.disabled === true || (body.role !== undefined && body.role !== u.role))) {
          throw new AppError('FORBIDDEN', 'You cannot disable your own account or change your own role; ask another administrator.');
        }
        const unit = body.unitCode !== undefined ? await unitInScope(ctx.actor.role === 'system' ? null : ctx, body.unitCode) : null;
        const name = body.name !== undefined ? cleanText(body.name) : u.name;
        const before = toUserDto(u);
        const now = nowIso();
        const ok = await repos.users.update(
          id,
          body.version,
          {
            name,
            role: body.role ?? u.role,
            unitId: unit?.id ?? u.unitId,
            disabled: body.disabled ?? u.disabled,
            searchText: foldForSearch(`${u.email} ${name}`),
            ...(passwordHash !== undefined ? { passwordHash } : {}),
          },
          now,
        );
        if (!ok) throw versionConflict(`User ${id}`, u.version + 1, body.version);
        // A disabled account, or one whose password changed, loses its sessions at once.
        if (body.disabled === true || passwordHash !== undefined) await repos.users.revokeAllForUser(id, now);
        const after = toUserDto((await repos.users.findById(id))!);
        const { ...auditAfter } = after;
        await audit(ctx, { action: body.disabled === true && !u.disabled ? 'user.disable' : 'user.update', entity: 'user', entityId: id, unitId: unit?.id ?? u.unitId, before, after: { ...auditAfter, passwordChanged: passwordHash !== undefined } });
        return after;
      });
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
