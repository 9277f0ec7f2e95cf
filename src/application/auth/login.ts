import { UnauthorizedError, RateLimitedError } from '../../domain/errors.ts';
import { hasUnsafeCharacters } from '../../domain/text.ts';
import { normalizeEmail } from '../../domain/user.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { RateLimiter, RateLimitPolicy } from '../ports/rate-limiter.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import { sessionTokens, storeRefreshToken, type SessionTokenDependencies, type SessionTokens } from './session-tokens.ts';
import { TOO_MANY_SIGN_IN_ATTEMPTS, type SignInFailures } from './sign-in-failures.ts';

export type LoginInput = { email: string; password: string; clientAddress: string };

export type LoginDependencies = SessionTokenDependencies &
  Readonly<{
    uow: UnitOfWork;
    hasher: PasswordHasher;
    limiter: RateLimiter;
    /** Every attempt per client address (API.md: LOGIN_RATE_LIMIT_*). */
    loginLimit: Readonly<{ max: number; windowSeconds: number }>;
    /** Failed attempts per email, from one address and from all (API.md: LOGIN_EMAIL_FAILURES_MAX). */
    failures: SignInFailures;
  }>;

export const INVALID_CREDENTIALS = 'Invalid email or password';

/**
 * Signs a user in: a new session (RFC 9700's token family) with its first refresh token.
 *
 * Unknown email and wrong password are one answer, and take about the same time: an unknown email
 * (or a user with no password) is still checked against a dummy hash of the same cost, and counts
 * as a failure like a wrong password. Every attempt is limited per address (one client guessing
 * many accounts); failures per email (see SignInFailures), so that strangers cannot lock the owner
 * out. Both are checked before any hashing, so a blocked attempt costs no CPU.
 */
export class Login {
  readonly #deps: LoginDependencies;
  readonly #byAddress: RateLimitPolicy;
  /**
   * A real hash at the configured cost, started at the first sign-in rather than at composition (no
   * CPU for tools and tests that never sign in); only a process's first sign-in can wait for it.
   */
  #dummyHash: Promise<string> | undefined;

  constructor(deps: LoginDependencies) {
    this.#deps = deps;
    this.#byAddress = { name: 'login-address', ...deps.loginLimit };
  }

  async execute(input: LoginInput): Promise<SessionTokens> {
    const email = normalizeEmail(input.email);
    const address = input.clientAddress;
    const dummyHash = this.#dummy(); // under way while the limits and the user are looked up
    // Started together: on Redis, the three counters travel in one round trip.
    await Promise.all([this.#limitAttempt(address), this.#deps.failures.assertNotBlocked(email, address)]);

    // No stored email holds a control character (the domain refuses them), and NUL cannot even be
    // sent to PostgreSQL: such an address is simply unknown.
    const user = hasUnsafeCharacters(email) ? null : await this.#deps.uow.read((repos) => repos.users.findByEmail(email));
    const hash = user?.passwordHash ?? (await dummyHash);
    const matches = await this.#deps.hasher.verify(input.password, hash);
    if (!user || user.passwordHash === null || !matches) {
      await this.#deps.failures.recordFailure(email, address);
      throw new UnauthorizedError(INVALID_CREDENTIALS);
    }
    // Only someone holding the password learns this; an inactive user may still sign in (API.md).
    if (user.status === 'suspended') throw new UnauthorizedError('Account is suspended');

    const sessionId = this.#deps.ids.next();
    const refreshToken = await this.#deps.uow.transaction(async (repos) => {
      const secret = await storeRefreshToken(this.#deps, repos, user, sessionId);
      // Read again once the session is stored (which waits for any revocation of this user's sessions
      // in flight): a password changed or an account suspended since the check above refuses it, and
      // one changed from now on revokes it, so no session outlives the password it was opened with.
      const current = await repos.users.findById(user.id);
      if (current?.passwordHash !== user.passwordHash) throw new UnauthorizedError(INVALID_CREDENTIALS);
      if (current.status === 'suspended') throw new UnauthorizedError('Account is suspended');
      return secret;
    });
    return sessionTokens(this.#deps, user, sessionId, refreshToken);
  }

  async #limitAttempt(address: string): Promise<void> {
    const decision = await this.#deps.limiter.hit(this.#byAddress, address);
    if (!decision.allowed) throw new RateLimitedError(decision.resetSeconds, TOO_MANY_SIGN_IN_ATTEMPTS);
  }

  /** Made once, at sign-in priority; a failed attempt (the hasher busy) is forgotten, so the next sign-in tries again. */
  #dummy(): Promise<string> {
    if (!this.#dummyHash) {
      const made = this.#deps.hasher.hash(crypto.randomUUID(), { priority: 'high' });
      this.#dummyHash = made;
      made.catch(() => {
        if (this.#dummyHash === made) this.#dummyHash = undefined;
      });
    }
    return this.#dummyHash;
  }
}
