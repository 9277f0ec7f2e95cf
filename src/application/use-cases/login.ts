import { UnauthorizedError, RateLimitedError } from '../../domain/errors.ts';
import { hasUnsafeCharacters } from '../../domain/text.ts';
import { normalizeEmail } from '../../domain/user.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { RateLimiter, RateLimitPolicy } from '../ports/rate-limiter.ts';
import type { UnitOfWork } from '../ports/unit-of-work.ts';
import { sessionTokens, storeRefreshToken, type SessionTokenDependencies, type SessionTokens } from '../session-tokens.ts';

export type LoginInput = { email: string; password: string; clientAddress: string };

export type LoginDependencies = SessionTokenDependencies &
  Readonly<{
    uow: UnitOfWork;
    hasher: PasswordHasher;
    limiter: RateLimiter;
    /** Attempts per client address and, separately, per email (API.md: LOGIN_RATE_LIMIT_*). */
    loginLimit: Readonly<{ max: number; windowSeconds: number }>;
  }>;

export const INVALID_CREDENTIALS = 'Invalid email or password';

/**
 * Signs a user in: a new session (RFC 9700's token family) with its first refresh token.
 *
 * Unknown email and wrong password are one answer, and take about the same time: an unknown email
 * (or a user with no password) is still checked against a dummy hash of the same cost. Attempts
 * are limited per address (one client guessing many accounts) and per email (many clients guessing
 * one account), counted before any hashing so a flood costs no CPU.
 */
export class Login {
  readonly #deps: LoginDependencies;
  readonly #byAddress: RateLimitPolicy;
  readonly #byEmail: RateLimitPolicy;
  /** A real hash at the configured cost, made once at construction so that even the first unknown email costs what a real check costs. */
  readonly #dummyHash: Promise<string>;

  constructor(deps: LoginDependencies) {
    this.#deps = deps;
    this.#byAddress = { name: 'login-address', ...deps.loginLimit };
    this.#byEmail = { name: 'login-email', ...deps.loginLimit };
    this.#dummyHash = deps.hasher.hash(crypto.randomUUID());
    this.#dummyHash.catch(() => undefined); // a failure surfaces at the first login that needs it
  }

  async execute(input: LoginInput): Promise<SessionTokens> {
    const email = normalizeEmail(input.email);
    await this.#limit(this.#byAddress, input.clientAddress);
    await this.#limit(this.#byEmail, email);

    // No stored email holds a control character (the domain refuses them), and NUL cannot even be
    // sent to PostgreSQL: such an address is simply unknown.
    const user = hasUnsafeCharacters(email) ? null : await this.#deps.uow.read((repos) => repos.users.findByEmail(email));
    const hash = user?.passwordHash ?? (await this.#dummyHash);
    const matches = await this.#deps.hasher.verify(input.password, hash);
    if (!user || user.passwordHash === null || !matches) throw new UnauthorizedError(INVALID_CREDENTIALS);
    // Only someone holding the password learns this; an inactive user may still sign in (API.md).
    if (user.status === 'suspended') throw new UnauthorizedError('Account is suspended');

    const sessionId = this.#deps.ids.next();
    const refreshToken = await this.#deps.uow.transaction((repos) => storeRefreshToken(this.#deps, repos, user, sessionId));
    return sessionTokens(this.#deps, user, sessionId, refreshToken);
  }

  async #limit(policy: RateLimitPolicy, key: string): Promise<void> {
    const decision = await this.#deps.limiter.hit(policy, key);
    if (!decision.allowed) throw new RateLimitedError(decision.resetSeconds, 'Too many sign-in attempts; try again later');
  }
}
