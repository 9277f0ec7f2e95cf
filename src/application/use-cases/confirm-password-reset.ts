import { ValidationError } from '../../domain/errors.ts';
import { changeUser, passwordProblem, type User, type UserId } from '../../domain/user.ts';
import type { AccountAccess } from '../account-access.ts';
import { toUserView, type UserCache } from '../cached-entities.ts';
import { retryingConditionalWrite } from '../conditional-write.ts';
import { userEvent } from '../events.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/id-generator.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import { hashRefreshToken } from '../session-tokens.ts';

export type ConfirmPasswordResetInput = { token: string; password: string };

export type ConfirmPasswordResetDependencies = Readonly<{
  uow: UnitOfWork;
  ids: IdGenerator;
  clock: Clock;
  hasher: PasswordHasher;
  users: UserCache;
  access: AccountAccess;
}>;

/** Used, expired, voided by a newer one, unknown: one answer, which tells nothing more. */
const invalidToken = () => new ValidationError({ token: 'The password-reset token is invalid, expired or already used' });

/**
 * POST /api/auth/password-reset/confirm: sets the password of the token's user and ends every
 * session of that user (refresh and access tokens), since whoever held the old password may hold
 * a session too. A suspended user's token is refused like an invalid one.
 *
 * The token is looked at first (no hashing for a bad one), the password hashed outside the
 * transaction, then one transaction writes the user (conditional on its version, as every user
 * write), consumes the token (single use: of concurrent confirmations one wins, the others roll
 * back) and revokes the sessions; after commit the user is written through the cache and the
 * ended sessions' access tokens stop, as logout does.
 */
export class ConfirmPasswordReset {
  readonly #deps: ConfirmPasswordResetDependencies;

  constructor(deps: ConfirmPasswordResetDependencies) {
    this.#deps = deps;
  }

  async execute(input: ConfirmPasswordResetInput): Promise<void> {
    const problem = passwordProblem(input.password);
    if (problem) throw new ValidationError({ password: problem });
    const tokenHash = await hashRefreshToken(input.token);
    const { uow, clock, hasher, users, access } = this.#deps;
    const userId = await uow.read((repos) => repos.passwordResetTokens.holderOf(tokenHash, clock.now()));
    if (!userId) throw invalidToken();
    const passwordHash = await hasher.hash(input.password);

    const ticket = await users.beforeWrite(userId);
    const { user, endedSessions } = await retryingConditionalWrite(() => this.#reset(userId, tokenHash, passwordHash), 'user');
    await users.written(ticket, toUserView(user));
    for (const sessionId of endedSessions) await access.sessionEnded(sessionId);
  }

  /** null when the user changed since it was read (retried); throws, rolling back, on a spent token. */
  #reset(userId: UserId, tokenHash: string, passwordHash: string): Promise<{ user: User; endedSessions: string[] } | null> {
    return this.#deps.uow.transaction(async (repos) => {
      const current = await repos.users.findById(userId);
      if (!current || current.status === 'suspended') throw invalidToken();
      const now = this.#deps.clock.now();
      const next = changeUser(current, { passwordHash }, now);
      // Written before the token is consumed: a lost race here returns (writing nothing) to retry.
      if (next !== current && !(await repos.users.update(next, current.version))) return null;
      if ((await repos.passwordResetTokens.consume(tokenHash, now)) !== userId) throw invalidToken();
      const endedSessions = await repos.refreshTokens.revokeUserSessions(userId, now);
      if (next !== current) await repos.outbox.add(userEvent(this.#deps, 'user.updated', toUserView(next)));
      return { user: next, endedSessions };
    });
  }
}
