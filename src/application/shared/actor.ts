import { ForbiddenError } from '../../domain/errors.ts';
import { roleHasPermission, type Permission } from '../../domain/permissions.ts';
import type { UserId, UserRole } from '../../domain/user.ts';

/**
 * Who a use case acts for. Every use case that reads or changes users takes one and decides
 * itself, so the rules hold for every inbound adapter, not only for HTTP's guards.
 * `userId` is null for the system itself (the admin bootstrap, the CLI), which owns nothing.
 * `sessionId` is the sign-in the request came through (kept on a password change, `current` in
 * the sessions list); null or absent when acting outside any session.
 */
export type Actor = Readonly<{ userId: UserId | null; role: UserRole; sessionId?: string | null }>;

/** The service acting on its own behalf: start-up tasks and shell commands run by an operator. */
export const SYSTEM_ACTOR: Actor = Object.freeze({ userId: null, role: 'admin', sessionId: null });

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
