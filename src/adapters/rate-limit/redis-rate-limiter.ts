import type { Redis } from 'ioredis';
import { Batcher } from '../../application/shared/batcher.ts';
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../../application/ports/rate-limiter.ts';
import { decisionOf, HIT_SCRIPT, hitOf, parseScriptReply, scriptArguments, type Hit } from './redis-rate-limit-script.ts';

export type RedisRateLimiterOptions = {
  /** Prepended to every key this limiter touches. Default none. */
  keyPrefix?: string;
};

const COMMAND = 'rateLimitHits';

type WithHitCommand = Redis & { [COMMAND](keyCount: number, ...keysThenArguments: (string | number)[]): Promise<unknown> };

/**
 * Fixed windows per key on Redis, shared by every instance of the service. Exact across instances
 * because the count lives in one place and INCR is atomic on the server: of any number of
 * concurrent hits, from any number of connections, each gets a distinct count, and exactly the
 * first `max` of them are at most `max`. Refused hits are counted too (the in-process adapter
 * stops at `max`); no one sees the difference, since `remaining` never goes below 0 and the
 * window's end does not move. The hits and peeks of one event-loop turn travel together, in
 * order, as one script call (see Batcher); the script is redis-rate-limit-script.ts.
 *
 * The client is the caller's (timeouts, reconnects, closing). Redis errors reject `hit` and `peek`: whether
 * to fail open or closed when Redis is down is the caller's choice, not this adapter's.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #redis: WithHitCommand;
  readonly #prefix: string;
  readonly #hits = new Batcher<Hit, [hits: number, msLeft: number]>((hits) => this.#hitAll(hits));

  constructor(redis: Redis, options: RedisRateLimiterOptions = {}) {
    // defineCommand sends the script once per connection, then EVALSHA, and reloads it after a
    // SCRIPT FLUSH or a failover (NOSCRIPT); defining it again on a shared client is harmless.
    redis.defineCommand(COMMAND, { lua: HIT_SCRIPT }); // the number of keys varies: it is the first argument
    this.#redis = redis as WithHitCommand;
    this.#prefix = options.keyPrefix ?? '';
  }

  hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    return this.#ask(policy, key, true);
  }

  peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    return this.#ask(policy, key, false);
  }

  async #ask(policy: RateLimitPolicy, key: string, counted: boolean): Promise<RateLimitDecision> {
    return decisionOf(policy, counted, await this.#hits.add(hitOf(this.#prefix, policy, key, counted)));
  }

  async #hitAll(hits: readonly Hit[]): Promise<[number, number][]> {
    return parseScriptReply(await this.#redis[COMMAND](hits.length, ...scriptArguments(hits)), hits.length);
  }
}
