import type { UserId } from '../../domain/user.ts';
import { UserNotFoundError } from '../../domain/errors.ts';
import { requirePermission, type Actor } from '../shared/actor.ts';
import type { UserCache } from '../shared/cached-entities.ts';
import { seenBy, type SeenUser } from './user-visibility.ts';

/**
 * Through the cache: the hottest read, and never staler than the last acknowledged write (CacheAside).
 * In full for an admin or the user itself, else as a public profile (user-visibility.ts).
 */
export class GetUser {
  readonly #users: UserCache;

  constructor(deps: { users: UserCache }) {
    this.#users = deps.users;
  }

  async execute(input: { id: UserId }, actor: Actor): Promise<SeenUser> {
    requirePermission(actor, 'users:read');
    const user = await this.#users.get(input.id);
    if (!user) throw new UserNotFoundError();
    return seenBy(actor, user);
  }
}
