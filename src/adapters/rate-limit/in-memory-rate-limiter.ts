import type { Clock } from '../../application/ports/clock.ts';
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../../application/ports/rate-limiter.ts';

type Window = { endsAt: number; hits: number };

/**
 * Fixed windows per key, in this process: exact within one instance (JavaScript runs one hit at a
 * time), not shared between instances; the Redis adapter arrives with the cache issue. Windows
 * past their end are swept as new keys arrive, so memory follows the number of active clients.
 */
export class InMemoryRateLimiter implements RateLimiter {
  readonly #clock: Clock;
  readonly #windows = new Map<string, Window>();
  #nextSweep = 0;

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  async hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    const now = this.#clock.now().getTime();
    const windowMs = policy.windowSeconds * 1000;
    this.#sweep(now, windowMs);
    const id = `${policy.name}\u0000${key}`;
    let window = this.#windows.get(id);
    if (!window || window.endsAt <= now) {
      window = { endsAt: now + windowMs, hits: 0 };
      this.#windows.set(id, window);
    }
    const allowed = window.hits < policy.max;
    if (allowed) window.hits++;
    const resetSeconds = Math.max(1, Math.ceil((window.endsAt - now) / 1000));
    return { allowed, limit: policy.max, remaining: policy.max - window.hits, resetSeconds };
  }

  async peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    const now = this.#clock.now().getTime();
    const window = this.#windows.get(`${policy.name}\u0000${key}`);
    // A window past its end is as good as none: a hit now would open a new one.
    const open = window && window.endsAt > now ? window : undefined;
    const hits = open?.hits ?? 0;
    const resetSeconds = open ? Math.max(1, Math.ceil((open.endsAt - now) / 1000)) : policy.windowSeconds;
    return { allowed: hits < policy.max, limit: policy.max, remaining: Math.max(0, policy.max - hits), resetSeconds };
  }

  #sweep(now: number, windowMs: number): void {
    if (now < this.#nextSweep) return;
    this.#nextSweep = now + windowMs;
    for (const [id, window] of this.#windows) if (window.endsAt <= now) this.#windows.delete(id);
  }
}
