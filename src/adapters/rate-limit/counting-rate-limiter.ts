import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../../application/ports/rate-limiter.ts';

/**
 * Reports every refused hit or peek (for the rejections metric), whichever adapter decided it: a
 * peek that says no refuses a request too (a sign-in blocked by its failures).
 */
export class CountingRateLimiter implements RateLimiter {
  readonly #inner: RateLimiter;
  readonly #onRejected: (policy: string) => void;

  constructor(inner: RateLimiter, onRejected: (policy: string) => void) {
    this.#inner = inner;
    this.#onRejected = onRejected;
  }

  async hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    const decision = await this.#inner.hit(policy, key);
    if (!decision.allowed) this.#onRejected(policy.name);
    return decision;
  }

  async peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    const decision = await this.#inner.peek(policy, key);
    if (!decision.allowed) this.#onRejected(policy.name);
    return decision;
  }
}
