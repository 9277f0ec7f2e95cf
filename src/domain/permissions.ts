import type { UserRole } from './user.ts';

/** Every permission the contract names (API.md, "Authentication and authorization"). */
export const PERMISSIONS = ['users:read', 'users:write', 'users:delete', 'users:export', 'posts:read', 'posts:write', 'posts:delete'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Roles to permissions: domain knowledge, so every inbound adapter (HTTP, CLI, a job) asks the
 * same table. A member reads users and posts and writes posts; what it may do to itself or to its
 * own posts beyond that is an ownership rule, decided by the use cases. `users:export` is apart
 * from `users:read`: an export holds every user in full, which only admins may see.
 */
const GRANTS: Readonly<Record<UserRole, ReadonlySet<Permission>>> = {
  admin: new Set(PERMISSIONS),
  member: new Set(['users:read', 'posts:read', 'posts:write']),
};

export function roleHasPermission(role: UserRole, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

export function permissionsOf(role: UserRole): readonly Permission[] {
  return [...GRANTS[role]];
}
