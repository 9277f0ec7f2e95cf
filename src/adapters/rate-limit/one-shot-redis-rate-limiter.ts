import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../../application/ports/rate-limiter.ts';
import { sendToRedis } from '../redis/one-shot-redis.ts';
import { decisionOf, HIT_SCRIPT, hitOf, parseScriptReply, scriptArguments } from './redis-rate-limit-script.ts';

export type OneShotRedisRateLimiterOptions = {
  /** Prepended to every key this limiter touches; the same as the Node instances' to share their budgets. Default none. */
  keyPrefix?: string;
  /** A hit slower than this (connect included) fails. Default 500 ms. */
  timeoutMs?: number;
};

/**
 * The Redis limiter's counters and script (redis-rate-limit-script.ts), over a connection per hit
 * or peek: the edge's, where a socket belongs to the request that opened it and a client kept
 * between requests would wedge. So it is exact across isolates, and across the Node instances
 * sharing the Redis, as RedisRateLimiter is. Each call costs a connect and one round trip (the
 * script is sent whole, as EVAL: no NOSCRIPT retry on a connection that lives for one call).
 * Errors reject: the caller (FallbackRateLimiter) chooses what to do when Redis is down.
 */
export class OneShotRedisRateLimiter implements RateLimiter {
  readonly #url: string;
  readonly #prefix: string;
  readonly #timeoutMs: number;

  constructor(url: string, options: OneShotRedisRateLimiterOptions = {}) {
    this.#url = url;
    this.#prefix = options.keyPrefix ?? '';
    this.#timeoutMs = options.timeoutMs ?? 500;
  }

  hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    return this.#ask(policy, key, true);
  }

  peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    return this.#ask(policy, key, false);
  }

  async #ask(policy: RateLimitPolicy, key: string, counted: boolean): Promise<RateLimitDecision> {
    const hit = hitOf(this.#prefix, policy, key, counted);
    const [reply] = await sendToRedis(this.#url, [['EVAL', HIT_SCRIPT, 1, ...scriptArguments([hit])]], { timeoutMs: this.#timeoutMs });
    const [counter] = parseScriptReply(reply, 1);
    return decisionOf(policy, counted, counter!);
  }
}
