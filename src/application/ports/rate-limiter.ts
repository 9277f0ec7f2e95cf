/** A limit: at most `max` hits per `windowSeconds` for each key. `name` labels it in headers and metrics. */
export type RateLimitPolicy = Readonly<{ name: string; max: number; windowSeconds: number }>;

export type RateLimitDecision = Readonly<{
  allowed: boolean;
  limit: number;
  /** Hits left in the current window after this one (after a peek: left now). */
  remaining: number;
  /** Seconds until the window resets (and, when refused, until a retry can succeed). */
  resetSeconds: number;
}>;

/**
 * Counts hits against `key` under `policy`. Atomic per key: of any number of concurrent hits,
 * exactly `max` per window are allowed.
 */
export interface RateLimiter {
  /** Counts a hit and says whether it is allowed. */
  hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision>;
  /**
   * Where `key` stands, counting nothing: `allowed` says whether a hit now would be, `remaining`
   * how many are left, `resetSeconds` when the window ends (the whole window when none is open).
   * For limits on outcomes known only later (failed sign-ins): peek first, hit once it failed.
   */
  peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision>;
}
