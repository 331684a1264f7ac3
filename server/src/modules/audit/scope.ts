import type { Deps } from '../../deps';
import { inScope, type Actor } from '../../lib/context';
import { notFound, outOfScope } from '../../lib/errors';
import type { AuditScope } from './repository';

export interface ResolvedScope extends AuditScope {
  unitPathPrefix: string;
  /** The unit whose subtree is in scope (null for the system actor: everything). */
  unitCode: string | null;
  unitId: number | null;
}

/**
 * The unit subtree a reader asks for (`under`, default their own unit), refused when it lies
 * outside theirs. Events tied to no unit (failed sign-ins of unknown accounts, imports) are shown
 * only to readers whose scope is the top of the tree.
 */
export async function resolveScope(deps: Deps, actor: Actor, under?: string): Promise<ResolvedScope> {
  if (under) {
    const unit = await deps.repos.units.findByCode(under);
    if (!unit) throw notFound('Unit', under);
    if (!inScope(actor, unit.path)) throw outOfScope(`Unit "${under}"`);
    return { unitPathPrefix: unit.path, unitCode: unit.code, unitId: unit.id, includeUnscoped: unit.parentId === null };
  }
  if (actor.unitId === null) return { unitPathPrefix: actor.unitPath, unitCode: null, unitId: null, includeUnscoped: true };
  const own = await deps.repos.units.findById(actor.unitId);
  return { unitPathPrefix: actor.unitPath, unitCode: actor.unitCode, unitId: actor.unitId, includeUnscoped: own?.parentId === null };
}
