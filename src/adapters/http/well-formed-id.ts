import type { MiddlewareHandler } from 'hono';
import { requireJobId, type JobId } from '../../domain/jobs.ts';
import { requirePostId, type PostId } from '../../domain/post.ts';
import { requireUserId, type UserId } from '../../domain/user.ts';

/** What a route's `:id` was parsed into, once, by the middleware below; handlers read it with `c.get`. */
type PathIds = { userId: UserId; postId: PostId; jobId: JobId };

/**
 * An `:id` that is not even well-formed names nothing: 404 at once, before the body is read or
 * validated, so `PATCH /api/users/nope` with any body answers like the contract says.
 */
function wellFormedId<K extends keyof PathIds>(key: K, parse: (raw: string) => PathIds[K]): MiddlewareHandler<{ Variables: Pick<PathIds, K> }> {
  return async (c, next) => {
    c.set(key, parse(c.req.param('id') ?? ''));
    await next();
  };
}

export const knownUserId = wellFormedId('userId', requireUserId);
export const knownPostId = wellFormedId('postId', requirePostId);
export const knownJobId = wellFormedId('jobId', requireJobId);
