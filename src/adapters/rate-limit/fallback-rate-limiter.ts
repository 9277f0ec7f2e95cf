import type { Logger } from 'pino';
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../../application/ports/rate-limiter.ts';
import type { CircuitBreaker } from '../system/circuit-breaker.ts';

/**
 * The shared limiter (Redis) while it answers; this process's own limiter while it does not.
 *
 * Why not fail open: login limits are what stands between a password and a guessing attack, and
 * an outage must not switch them off. Why not fail closed: refusing every request because Redis
 * is down is the outage the cache must not cause either. The cost, written down in the README:
 * during an outage each instance counts on its own, so N instances admit up to N times the limit,
 * and counts start over when Redis returns (the in-process windows are not merged back).
 */
export class FallbackRateLimiter implements RateLimiter {
  readonly #shared: RateLimiter;
  readonly #local: RateLimiter;
  readonly #breaker: CircuitBreaker;
  readonly #logger: Logger;
  #reportedDown = false;

  constructor(deps: Readonly<{ shared: RateLimiter; local: RateLimiter; breaker: CircuitBreaker; logger: Logger }>) {
    this.#shared = deps.shared;
    this.#local = deps.local;
    this.#breaker = deps.breaker;
    this.#logger = deps.logger;
  }

  hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    return this.#either((limiter) => limiter.hit(policy, key));
  }

  peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    return this.#either((limiter) => limiter.peek(policy, key));
  }

  async #either(ask: (limiter: RateLimiter) => Promise<RateLimitDecision>): Promise<RateLimitDecision> {
    if (!this.#breaker.allows()) return ask(this.#local);
    try {
      const decision = await ask(this.#shared);
      this.#breaker.succeeded();
      if (this.#reportedDown) {
        this.#reportedDown = false;
        this.#logger.info('rate limits are shared again');
      }
      return decision;
    } catch (error) {
      this.#breaker.failed();
      if (!this.#reportedDown) {
        this.#reportedDown = true;
        this.#logger.warn({ err: error }, 'rate limiter unavailable: counting in this process until it is back');
      }
      return ask(this.#local);
    }
  }
}
