import { parseUserId } from '../../../domain/user.ts';
import type { UserCache } from '../../shared/cached-entities.ts';
import type { EventConsumer } from '../../ports/event-subscriber.ts';

/**
 * Drops `user:{id}` for every user event. The writers already update the cache after their commit;
 * this consumer covers the one case they cannot: a process that dies between the commit and its
 * cache update (the outbox still publishes the event). One durable consumer for all instances is
 * enough: the cache it clears is the shared one (or, without Redis, the only one).
 */
export function cacheInvalidation(users: UserCache): EventConsumer {
  return {
    name: 'cache-invalidation',
    types: ['user.created', 'user.updated', 'user.deleted'],
    handle: async (event) => {
      // A payload is outside input: an id that names no user has no entry to drop.
      const id = typeof event.data.id === 'string' ? parseUserId(event.data.id) : null;
      if (id) await users.invalidate(id);
    },
  };
}
