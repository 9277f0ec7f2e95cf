import { RateLimitedError } from '../../domain/errors.ts';
import { normalizeEmail } from '../../domain/user.ts';
import type { RateLimiter, RateLimitPolicy } from '../ports/rate-limiter.ts';

export type SignInFailureLimits = Readonly<{
  /** Failures per email from one address (LOGIN_RATE_LIMIT_MAX). */
  perAddress: number;
  /** Failures per email from all addresses together (LOGIN_EMAIL_FAILURES_MAX). */
  perEmail: number;
  /** LOGIN_RATE_LIMIT_WINDOW_SECONDS. */
  windowSeconds: number;
}>;

export const TOO_MANY_SIGN_IN_ATTEMPTS = 'Too many sign-in attempts; try again later';

/**
 * Failed password checks per account (API.md "Rate limiting"). Only failures count, and mostly per
 * (email, address): a stranger failing on an account from a few addresses blocks only those
 * addresses, never its owner elsewhere. The bound on all addresses together is far higher; it
 * stops a distributed guess, and only then can strangers block the owner too: that is the trade
 * LOGIN_EMAIL_FAILURES_MAX makes.
 *
 * Check before the password is hashed (a blocked attempt costs no CPU), record after it failed.
 * Between the two, concurrent attempts on one email may each pass the check: the overshoot is
 * bounded by the attempts in flight, which the per-address limit and the bounded hasher cap.
 */
export class SignInFailures {
  readonly #limiter: RateLimiter;
  readonly #pair: RateLimitPolicy;
  readonly #email: RateLimitPolicy;

  constructor(deps: Readonly<{ limiter: RateLimiter; limits: SignInFailureLimits }>) {
    const { perAddress, perEmail, windowSeconds } = deps.limits;
    this.#limiter = deps.limiter;
    this.#pair = { name: 'login-failures', max: perAddress, windowSeconds };
    this.#email = { name: 'login-email-failures', max: perEmail, windowSeconds };
  }

  /** RateLimitedError (with the time to retry) once either bound is reached for this email. */
  async assertNotBlocked(email: string, address: string): Promise<void> {
    const key = normalizeEmail(email);
    const decisions = await Promise.all([this.#limiter.peek(this.#pair, pairKey(key, address)), this.#limiter.peek(this.#email, key)]);
    const refused = decisions.filter((decision) => !decision.allowed);
    if (refused.length > 0) throw new RateLimitedError(Math.max(...refused.map((decision) => decision.resetSeconds)), TOO_MANY_SIGN_IN_ATTEMPTS);
  }

  /** Counts one failed password check for this email from this address. */
  async recordFailure(email: string, address: string): Promise<void> {
    const key = normalizeEmail(email);
    await Promise.all([this.#limiter.hit(this.#pair, pairKey(key, address)), this.#limiter.hit(this.#email, key)]);
  }
}

// No address holds a space (IPv4, IPv6, `unknown`): the first one always ends it.
const pairKey = (email: string, address: string): string => `${address} ${email}`;
