import type { Redis } from 'ioredis';
import type { Cache } from '../../application/ports/cache.ts';
import { assertCacheKey, assertTtlSeconds, GENERATION_SUFFIX } from '../../application/ports/cache.ts';

export type RedisCacheOptions = {
  /** Prepended to every key this cache touches (its values and their generations). Default none. */
  keyPrefix?: string;
  /** How long a generation outlives the key's last delete, in seconds. Default seven days. */
  generationTtlSeconds?: number;
};

/**
 * Compares the generation and stores in one step, so no delete can slip between the check and
 * the SET. KEYS[1] the value, KEYS[2] its generation; ARGV value, ttl seconds, expected generation.
 * Both keys are named in KEYS, as Redis Cluster requires (they would also need one hash slot
 * there: give keys a `{hash tag}` if this ever runs on a cluster).
 */
const SET_IF_GENERATION = `
local current = tonumber(redis.call('GET', KEYS[2]) or '0')
if current ~= tonumber(ARGV[3]) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
`;

/**
 * The cache on Redis, over a client the caller configures (command timeout, reconnects,
 * `lazyConnect`) and closes. A key's generation is the integer at `${key}#gen`, INCRed by delete.
 *
 * Generations carry a long TTL (default seven days, renewed by each delete) rather than none: a
 * key that is never deleted has no generation key at all, a deleted one keeps it only while a
 * write-back could still be in flight, so memory follows recent deletes instead of growing
 * forever. Expiry resets the count to 0, which can only let through a writer that read
 * generation 0 before the first of those deletes and is still writing a week later: impossible
 * for a read-load-write-back that takes milliseconds. The same holds if a Redis `allkeys-*`
 * eviction policy drops a generation under memory pressure, only sooner; `volatile-*` policies
 * are preferable for a cache with generations.
 */
export class RedisCache implements Cache {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #generationTtlSeconds: number;

  constructor(redis: Redis, options: RedisCacheOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.keyPrefix ?? '';
    this.#generationTtlSeconds = options.generationTtlSeconds ?? 7 * 24 * 60 * 60;
    assertTtlSeconds(this.#generationTtlSeconds);
  }

  async get(key: string): Promise<string | null> {
    return this.#redis.get(this.#valueKey(key));
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertTtlSeconds(ttlSeconds);
    await this.#redis.set(this.#valueKey(key), value, 'EX', ttlSeconds);
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const valueKeys = keys.map((key) => this.#valueKey(key));
    // MULTI/EXEC: the values go and the generations rise together, so a write-back can never see
    // the value gone but the old generation still current.
    const transaction = this.#redis.multi().del(...valueKeys);
    for (const valueKey of valueKeys) {
      const generationKey = valueKey + GENERATION_SUFFIX;
      transaction.incr(generationKey).expire(generationKey, this.#generationTtlSeconds);
    }
    const results = await transaction.exec();
    if (!results) throw new Error('Redis discarded the cache delete transaction');
    for (const [error] of results) if (error) throw error;
  }

  async generation(key: string): Promise<number> {
    const raw = await this.#redis.get(this.#valueKey(key) + GENERATION_SUFFIX);
    return raw === null ? 0 : Number(raw);
  }

  async setIfGeneration(key: string, value: string, ttlSeconds: number, generation: number): Promise<boolean> {
    assertTtlSeconds(ttlSeconds);
    const valueKey = this.#valueKey(key);
    const stored = await this.#redis.eval(
      SET_IF_GENERATION,
      2,
      valueKey,
      valueKey + GENERATION_SUFFIX,
      value,
      ttlSeconds,
      generation,
    );
    return stored === 1;
  }

  #valueKey(key: string): string {
    assertCacheKey(key);
    return this.#prefix + key;
  }
}
