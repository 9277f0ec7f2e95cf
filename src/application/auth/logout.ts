import type { AccountAccess } from './account-access.ts';
import type { Clock } from '../ports/clock.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import { hashRefreshToken } from './session-tokens.ts';

/**
 * Ends the session a refresh token belongs to: every refresh token of that login is revoked, and
 * its access tokens stop working at once. Idempotent and silent: an unknown or already revoked
 * token succeeds too, so logout tells a caller nothing about tokens it does not hold.
 */
export class Logout {
  readonly #deps: Readonly<{ uow: UnitOfWork; clock: Clock; access: AccountAccess }>;

  constructor(deps: Readonly<{ uow: UnitOfWork; clock: Clock; access: AccountAccess }>) {
    this.#deps = deps;
  }

  async execute(input: { refreshToken: string }): Promise<void> {
    const hash = await hashRefreshToken(input.refreshToken);
    const sessionId = await this.#deps.uow.transaction(async (repos) => {
      const session = await repos.refreshTokens.sessionOf(hash);
      if (session) await repos.refreshTokens.revokeSession(session.sessionId, this.#deps.clock.now());
      return session?.sessionId;
    });
    if (sessionId) await this.#deps.access.sessionEnded(sessionId);
  }
}
