import type { Redis } from 'ioredis';
import { Batcher } from '../../application/shared/batcher.ts';
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../../application/ports/rate-limiter.ts';

export type RedisRateLimiterOptions = {
  /** Prepended to every key this limiter touches. Default none. */
  keyPrefix?: string;
};

/**
 * Counts one hit per counter and reports where each window stands, in one step. KEYS the counters;
 * ARGV[i] the window of KEYS[i] in milliseconds, ARGV[#KEYS + i] '1' to count a hit on it or '0'
 * to only look (a peek). Returns { hits in this window, a counted one included; ms left } for each
 * counter in turn, flattened. (The hits and peeks of one event-loop turn travel together, in
 * order: see Batcher.)
 *
 * The expiry is set by the first hit only: the window is fixed, starting at the key's first hit
 * (as in the in-process adapter), so later hits, refused ones included, must not push its end
 * back, or a client retrying too early would stay locked out for as long as it keeps retrying.
 * A counter without a TTL (left by a PERSIST, or by a write that was not this script) would never
 * reset, so a hit gives it one: it is counted from now, and frees itself a window later. A peek
 * writes nothing; where no window is running it reports the whole window, as a hit would open.
 */
const HIT = `
local reply = {}
local n = #KEYS
for i = 1, n do
  local hits
  local ttl
  if ARGV[n + i] == '0' then
    hits = tonumber(redis.call('GET', KEYS[i]) or '0')
    ttl = redis.call('PTTL', KEYS[i])
    if ttl < 0 then ttl = tonumber(ARGV[i]) end
  else
    hits = redis.call('INCR', KEYS[i])
    if hits == 1 then
      redis.call('PEXPIRE', KEYS[i], ARGV[i])
      ttl = tonumber(ARGV[i])
    else
      ttl = redis.call('PTTL', KEYS[i])
      if ttl < 0 then
        redis.call('PEXPIRE', KEYS[i], ARGV[i])
        ttl = tonumber(ARGV[i])
      end
    end
  end
  reply[#reply + 1] = hits
  reply[#reply + 1] = ttl
end
return reply
`;

const COMMAND = 'rateLimitHits';

/** A hit to count (`counted`), or a peek. */
type Hit = Readonly<{ key: string; windowMs: number; counted: boolean }>;
type WithHitCommand = Redis & { [COMMAND](keyCount: number, ...keysThenArguments: (string | number)[]): Promise<unknown> };

/**
 * Fixed windows per key on Redis, shared by every instance of the service. Exact across instances
 * because the count lives in one place and INCR is atomic on the server: of any number of
 * concurrent hits, from any number of connections, each gets a distinct count, and exactly the
 * first `max` of them are at most `max`. Refused hits are counted too (the in-process adapter
 * stops at `max`); no one sees the difference, since `remaining` never goes below 0 and the
 * window's end does not move.
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
    redis.defineCommand(COMMAND, { lua: HIT }); // the number of keys varies: it is the first argument
    this.#redis = redis as WithHitCommand;
    this.#prefix = options.keyPrefix ?? '';
  }

  async hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    const [hits, msLeft] = await this.#hits.add({ key: this.#counterKey(policy, key), windowMs: windowMs(policy), counted: true });
    return decision(policy, hits <= policy.max, policy.max - hits, msLeft);
  }

  async peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    const [hits, msLeft] = await this.#hits.add({ key: this.#counterKey(policy, key), windowMs: windowMs(policy), counted: false });
    return decision(policy, hits < policy.max, policy.max - hits, msLeft);
  }

  async #hitAll(hits: readonly Hit[]): Promise<[number, number][]> {
    const reply = await this.#redis[COMMAND](
      hits.length,
      ...hits.map((hit) => hit.key),
      ...hits.map((hit) => hit.windowMs),
      ...hits.map((hit) => (hit.counted ? 1 : 0)),
    );
    return parseReply(reply, hits.length);
  }

  /**
   * `${prefix}${name}:${key}`, with the name percent-encoded so that it holds no ':' and the first
   * ':' after it always ends it: policy 'x' with key ':y' and policy 'x:' with key 'y' stay two
   * counters. Names made of letters, digits and '-' (the service's own) read unchanged.
   */
  #counterKey(policy: RateLimitPolicy, key: string): string {
    return `${this.#prefix}${encodeURIComponent(policy.name)}:${key}`;
  }
}

const windowMs = (policy: RateLimitPolicy): number => Math.ceil(policy.windowSeconds * 1000);

function decision(policy: RateLimitPolicy, allowed: boolean, remaining: number, msLeft: number): RateLimitDecision {
  return { allowed, limit: policy.max, remaining: Math.max(0, remaining), resetSeconds: Math.max(1, Math.ceil(msLeft / 1000)) };
}

function parseReply(reply: unknown, count: number): [hits: number, msLeft: number][] {
  if (!Array.isArray(reply) || reply.length !== 2 * count || !reply.every(Number.isInteger)) {
    throw new Error(`Unexpected reply from the rate limit script: ${JSON.stringify(reply)}`);
  }
  return Array.from({ length: count }, (_, i) => [reply[2 * i] as number, reply[2 * i + 1] as number]);
}
