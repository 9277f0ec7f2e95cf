import { UnauthorizedError } from '../../domain/errors.ts';
import type { SessionCache, UserCache } from '../shared/cached-entities.ts';
import type { Principal } from '../ports/token-service.ts';

type Deps = Readonly<{ users: UserCache; sessions: SessionCache }>;

const SIGNED_OUT = 'Session has ended; sign in again';
const LOCKED_OUT = 'Account is suspended or no longer exists';

/**
 * Decides whether a verified access token may still act: a suspended or deleted holder, or an
 * ended session (logout, refresh-token reuse), is locked out at once, and the holder's current
 * role replaces the one the token was issued with.
 *
 * Both answers come through the cache (cache-aside over PostgreSQL, see CacheAside), so the hot
 * path usually makes no database round trip, and every instance sharing one Redis sees a change
 * as soon as the request that made it has answered. The writers keep the entries current: user
 * writes write through `user:{id}`, and `sessionEnded` drops `session:{id}`.
 */
export class AccountAccess {
  readonly #deps: Deps;

  constructor(deps: Deps) {
    this.#deps = deps;
  }

  /** The principal with its holder's current role; throws UnauthorizedError when locked out. */
  async check(principal: Principal): Promise<Principal> {
    const [holder, session] = await Promise.all([this.#deps.users.get(principal.userId), this.#deps.sessions.get(principal.sessionId)]);
    if (session === 'revoked') throw new UnauthorizedError(SIGNED_OUT);
    if (!holder || holder.status === 'suspended') throw new UnauthorizedError(LOCKED_OUT);
    return holder.role === principal.role ? principal : { ...principal, role: holder.role };
  }

  /** Call after a session's refresh tokens were revoked (committed): its access tokens stop working too. */
  async sessionEnded(sessionId: string): Promise<void> {
    await this.#deps.sessions.invalidate(sessionId);
  }
}
