import type { MiddlewareHandler } from 'hono';
import { parseUserId } from '../../../domain/user.ts';
import { UserNotFoundError } from '../../../domain/user-errors.ts';
import type { AppEnv } from '../env.ts';

/**
 * An `:id` that is not even a well-formed id names no user: 404 at once, before the body is read
 * or validated, so `PATCH /api/users/nope` with any body answers like the contract says.
 */
export const knownUserId: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!parseUserId(c.req.param('id') ?? '')) throw new UserNotFoundError();
  await next();
};
