import { ForbiddenError } from '../domain/errors.ts';
import { roleHasPermission, type Permission } from '../domain/permissions.ts';
import type { UserId, UserRole } from '../domain/user.ts';

/**
 * Who a use case acts for. Every use case that reads or changes users takes one and decides
 * itself, so the rules hold for every inbound adapter, not only for HTTP's guards.
 * `userId` is null for the system itself (the admin bootstrap, the CLI), which owns nothing.
 */
export type Actor = Readonly<{ userId: UserId | null; role: UserRole }>;

/** The service acting on its own behalf: start-up tasks and shell commands run by an operator. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, role: 'admin' });

export function hasPermission(actor: Actor, permission: Permission): boolean {
  return roleHasPermission(actor.role, permission);
}

/** Throws 403 `Missing permission: users:delete` unless the actor's role grants `permission`. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!hasPermission(actor, permission)) throw new ForbiddenError(`Missing permission: ${permission}`);
}

export function isSelf(actor: Actor, userId: UserId): boolean {
  return actor.userId !== null && actor.userId === userId;
}
