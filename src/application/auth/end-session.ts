import { SessionNotFoundError } from '../../domain/errors.ts';
import type { SessionId } from '../../domain/session.ts';
import type { AccountAccess } from './account-access.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

type Deps = Readonly<{ uow: UnitOfWork; clock: Clock; access: AccountAccess }>;

/**
 * DELETE /api/auth/sessions/:id: ends one of the actor's own live sessions, its refresh tokens in
 * the transaction and its access tokens once committed, as logout does. Anyone else's session,
 * an unknown, malformed or already ended one, is the same 404, so ids cannot be probed.
 */
export class EndSession {
  readonly #deps: Deps;

  constructor(deps: Deps) {
    this.#deps = deps;
  }

  async execute(input: { id: SessionId }, actor: Actor): Promise<void> {
    const { userId } = actor;
    const sessionId = input.id;
    if (userId === null) throw new SessionNotFoundError();
    await this.#deps.uow.transaction(async ({ refreshTokens }) => {
      const now = this.#deps.clock.now();
      const own = (await refreshTokens.liveSessions(userId, now)).some((session) => session.sessionId === sessionId);
      // Nothing revoked: a concurrent logout or end got there first.
      if (!own || (await refreshTokens.revokeSession(sessionId, now)) === 0) throw new SessionNotFoundError();
    });
    await this.#deps.access.sessionEnded(sessionId);
  }
}
