import type { Role } from '@tiendo/shared/roles';

/** Who is acting: a signed-in user, or the system itself (demo seeding, CLI commands). */
export interface Actor {
  id: number | null;
  label: string;
  name: string;
  role: Role | 'system';
  unitId: number | null;
  unitCode: string | null;
  /** Materialized path of the actor's unit; everything whose path starts with it is in scope. */
  unitPath: string;
}

export interface RequestContext {
  actor: Actor;
  requestId: string | null;
  ip: string | null;
}

export function systemContext(label = 'system'): RequestContext {
  return {
    actor: { id: null, label, name: label, role: 'system', unitId: null, unitCode: null, unitPath: '/' },
    requestId: null,
    ip: null,
  };
}

/** True when a unit (by its path) lies in the actor's subtree. */
export function inScope(actor: Actor, unitPath: string | null | undefined): boolean {
  return unitPath != null && unitPath.startsWith(actor.unitPath);
}

export const nowIso = (): string => new Date().toISOString();
