import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../env.ts';

export const PERMISSIONS = ['users:read', 'users:write', 'users:delete'] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * Declares the permission a route needs, so that authorization slots in without touching the
 * routes. For now it is a pass-through: authentication arrives in a later issue. Then:
 *  1. an `authenticate(tokens)` middleware, mounted in app.ts before the routes, verifies the
 *     bearer token (401 UNAUTHORIZED otherwise) and sets a typed `principal` variable (AppEnv);
 *  2. this middleware reads `c.get('principal')` and throws ForbiddenError
 *     (`Missing permission: users:delete`) when the principal does not hold `permission`.
 * Rules finer than a permission ("or self") belong to the use cases, which receive the principal.
 */
export function requirePermission(permission: Permission): MiddlewareHandler<AppEnv> {
  void permission; // read by the authorizer to come; the route table already documents it
  return async (_c, next) => {
    await next();
  };
}
