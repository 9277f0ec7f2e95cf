import { ValidationError, UserNotFoundError } from '../../domain/errors.ts';
import { passwordProblem } from '../../domain/user.ts';
import { modifyUser, type UserWriteDependencies, type WriteRules } from '../users/apply-user-write.ts';
import { hashRefreshToken } from './session-tokens.ts';

export type ConfirmPasswordResetInput = { token: string; password: string };

/** What any user write needs; a wrong token is no guess at a password, so no sign-in failures. */
export type ConfirmPasswordResetDependencies = Readonly<Omit<UserWriteDependencies, 'failures'>>;

/** Used, expired, voided by a newer one, unknown: one answer, which tells nothing more. */
const invalidToken = () => new ValidationError({ token: 'The password-reset token is invalid, expired or already used' });

/**
 * POST /api/auth/password-reset/confirm: sets the password of the token's user and ends every
 * session of that user (refresh and access tokens), since whoever held the old password may hold
 * a session too. A suspended user's token is refused like an invalid one.
 *
 * The token is looked at first (no hashing for a bad one), the password hashed outside the
 * transaction, then `modifyUser` writes the user as every user write does (conditional on its
 * version, the outbox event, the sessions revoked, the cache written through after commit).
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
    const { uow, clock, hasher } = this.#deps;
    const userId = await uow.read((repos) => repos.passwordResetTokens.holderOf(tokenHash, clock.now()));
    if (!userId) throw invalidToken();
    const passwordHash = await hasher.hash(input.password);
    // The user write every password change makes (every session ends), with the token used up in
    // its transaction: of concurrent confirmations one wins, the others roll back.
    const rules: WriteRules = {
      authorize: (current) => {
        if (current.status === 'suspended') throw invalidToken();
      },
      alongside: async (repos, now) => {
        if ((await repos.passwordResetTokens.consume(tokenHash, now)) !== userId) throw invalidToken();
      },
    };
    try {
      await modifyUser(this.#deps, userId, undefined, { passwordHash }, rules);
    } catch (error) {
      throw error instanceof UserNotFoundError ? invalidToken() : error; // deleted since the token was made
    }
  }
}
