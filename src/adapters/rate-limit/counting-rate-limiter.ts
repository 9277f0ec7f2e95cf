import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../../application/ports/rate-limiter.ts';

/** Reports every refused hit (for the rejections metric), whichever adapter decided it. */
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
}
