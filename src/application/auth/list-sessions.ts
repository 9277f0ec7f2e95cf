import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../ports/clock.ts';
import type { LiveSession } from '../ports/refresh-token-repository.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';

/** A sign-in as its owner sees it; `current` is the one the request came through. */
export type SessionView = Readonly<{ id: string; createdAt: Date; lastRefreshedAt: Date; expiresAt: Date; current: boolean }>;

/** GET /api/auth/sessions: the actor's own live sessions (not revoked, not expired), newest first. */
export class ListSessions {
  readonly #deps: Readonly<{ uow: UnitOfWork; clock: Clock }>;

  constructor(deps: Readonly<{ uow: UnitOfWork; clock: Clock }>) {
    this.#deps = deps;
  }

  async execute(actor: Actor): Promise<SessionView[]> {
    const { userId } = actor;
    // The system acts in no session and owns none.
    if (userId === null) return [];
    const live = await this.#deps.uow.read(({ refreshTokens }) => refreshTokens.liveSessions(userId, this.#deps.clock.now()));
    return live.map((session) => toView(session, actor.sessionId ?? null));
  }
}

function toView(session: LiveSession, currentId: string | null): SessionView {
  const { sessionId, createdAt, lastRefreshedAt, expiresAt } = session;
  return { id: sessionId, createdAt, lastRefreshedAt, expiresAt, current: sessionId === currentId };
}
