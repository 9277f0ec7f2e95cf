import { UnauthorizedError } from '../../domain/errors.ts';
import type { User } from '../../domain/user.ts';
import type { AccountAccess } from './account-access.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import {
  hashRefreshToken,
  sessionTokens,
  storeRefreshToken,
  type SessionTokenDependencies,
  type SessionTokens,
} from './session-tokens.ts';

export type RefreshSessionDependencies = SessionTokenDependencies & Readonly<{ uow: UnitOfWork; access: AccountAccess }>;

type Outcome =
  | { kind: 'rotated'; user: User; sessionId: string; refreshToken: string }
  | { kind: 'reused'; sessionId: string }
  | { kind: 'refused' };

export const INVALID_REFRESH_TOKEN = 'Invalid or expired refresh token';

/**
 * Rotates a refresh token (RFC 9700): the presented one is used up and a new one of the same
 * session is issued, in one transaction. Which of several concurrent refreshes wins is decided
 * by the repository's one conditional statement; every other one sees a used token, which is what
 * a replayed, stolen token looks like, so the whole session is revoked, access tokens included.
 */
export class RefreshSession {
  readonly #deps: RefreshSessionDependencies;

  constructor(deps: RefreshSessionDependencies) {
    this.#deps = deps;
  }

  async execute(input: { refreshToken: string }): Promise<SessionTokens> {
    const hash = await hashRefreshToken(input.refreshToken);
    const outcome = await this.#deps.uow.transaction(async (repos): Promise<Outcome> => {
      const use = await repos.refreshTokens.use(hash, this.#deps.clock.now());
      if (use.outcome === 'reused') return { kind: 'reused', sessionId: use.token.sessionId };
      if (use.outcome === 'invalid') return { kind: 'refused' };
      const user = await repos.users.findById(use.token.userId);
      // A suspended user is locked out; the used-up token stays used (the transaction commits).
      if (!user || user.status === 'suspended') return { kind: 'refused' };
      const refreshToken = await storeRefreshToken(this.#deps, repos, user, use.token.sessionId);
      return { kind: 'rotated', user, sessionId: use.token.sessionId, refreshToken };
    });
    if (outcome.kind === 'rotated') return sessionTokens(this.#deps, outcome.user, outcome.sessionId, outcome.refreshToken);
    if (outcome.kind === 'reused') {
      // Its own transaction: the revocation must commit although this request fails.
      await this.#deps.uow.transaction((repos) => repos.refreshTokens.revokeSession(outcome.sessionId, this.#deps.clock.now()));
      await this.#deps.access.sessionEnded(outcome.sessionId);
      throw new UnauthorizedError('Refresh token was already used; the session is revoked');
    }
    throw new UnauthorizedError(INVALID_REFRESH_TOKEN);
  }
}
