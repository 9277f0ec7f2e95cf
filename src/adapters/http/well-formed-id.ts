import type { MiddlewareHandler } from 'hono';
import { isUuid } from '../../domain/ids.ts';
import { JobNotFoundError, PostNotFoundError, UserNotFoundError } from '../../domain/errors.ts';
import { parsePostId } from '../../domain/post.ts';
import { parseUserId } from '../../domain/user.ts';
import type { AppEnv } from './env.ts';

/**
 * An `:id` that is not even well-formed names nothing: 404 at once, before the body is read or
 * validated, so `PATCH /api/users/nope` with any body answers like the contract says.
 */
function wellFormedId(parse: (raw: string) => string | null, notFound: () => Error): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!parse(c.req.param('id') ?? '')) throw notFound();
    await next();
  };
}

export const knownUserId = wellFormedId(parseUserId, () => new UserNotFoundError());
export const knownPostId = wellFormedId(parsePostId, () => new PostNotFoundError());
export const knownJobId = wellFormedId((raw) => (isUuid(raw) ? raw : null), () => new JobNotFoundError());
