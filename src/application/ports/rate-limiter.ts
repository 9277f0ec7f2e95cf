/** A limit: at most `max` hits per `windowSeconds` for each key. `name` labels it in headers and metrics. */
export type RateLimitPolicy = Readonly<{ name: string; max: number; windowSeconds: number }>;

export type RateLimitDecision = Readonly<{
  allowed: boolean;
  limit: number;
  /** Hits left in the current window after this one. */
  remaining: number;
  /** Seconds until the window resets (and, when refused, until a retry can succeed). */
  resetSeconds: number;
}>;

/**
 * Counts a hit against `key` under `policy` and says whether it is allowed. Atomic per key: of
 * any number of concurrent hits, exactly `max` per window are allowed.
 */
export interface RateLimiter {
  hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision>;
}
