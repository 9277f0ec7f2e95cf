import type { Redis } from 'ioredis';
import type { Cache, CacheLookup, Generation } from '../../application/ports/cache.ts';
import { assertCacheKey, assertTtlSeconds } from '../../application/ports/cache.ts';
import { Batcher } from '../../application/shared/batcher.ts';
import { CACHE_SCRIPTS, type CacheScripts } from './redis-cache-scripts.ts';

export type RedisCacheOptions = {
  /** Prepended to every key this cache touches (its values, generations and epoch). Default none. */
  keyPrefix?: string;
  /** How long a generation outlives the key's last change, in seconds. Default seven days. */
  generationTtlSeconds?: number;
};

/**
 * A generation packs the epoch above the key's own count, so a clear() outranks every count. Epochs
 * are at least the clock in seconds (see CLEAR), so 2^21 counts leave room up to 2^32 s (year 2106)
 * within a safe integer. A key changed 2^21 times within its generation's TTL reports an unknown
 * generation (null): it is then neither shared nor written back, never wrongly matched.
 */
const EPOCH_UNIT = 2 ** 21;
const pack = (epoch: number, count: number): number | null => (count >= EPOCH_UNIT ? null : epoch * EPOCH_UNIT + count);
const unpack = (generation: number): [epoch: number, count: number] => [Math.floor(generation / EPOCH_UNIT), generation % EPOCH_UNIT];

/**
 * The cache on Redis, over a client the caller configures (command timeout, reconnects,
 * `lazyConnect`) and closes. Every operation is one Lua script (redis-cache-scripts.ts), so a
 * check and the write it guards can never be split by another client's command.
 *
 * Keys live under an epoch, `${prefix}${epoch}:${key}`, read inside each script from
 * `${prefix}epoch`. `clear()` moves to a new epoch (never one used before, even after Redis lost it): every entry and generation becomes unreachable at
 * once, in O(1), and expires on its own TTL. It is how an instance that lost invalidations during an
 * outage makes sure nobody serves what they should have removed (see ResilientCache).
 *
 * Generations carry a long TTL (default seven days, renewed by each change) rather than none: a
 * key that is never changed has no generation key at all, a changed one keeps it only while a
 * write-back could still be in flight, so memory follows recent changes instead of growing
 * forever. Expiry resets the count to 0, which can only let through a writer that read
 * generation 0 before the first of those changes and is still writing a week later: impossible
 * for a read-load-write-back that takes milliseconds. An eviction policy could drop one sooner:
 * run Redis with `maxmemory-policy volatile-ttl` (values, with TTLs of at most CACHE_TTL_SECONDS,
 * go long before generations) or `noeviction`.
 *
 * The scripts build key names from the epoch they read, so they need every key on one node: a
 * single Redis (with replicas) or one shard, not a Redis Cluster.
 */
export class RedisCache implements Cache {
  readonly #redis: Redis & CacheScripts;
  readonly #prefix: string;
  readonly #generationTtlSeconds: number;
  /** The lookups of one event-loop turn, sent as one script call (see Batcher). */
  readonly #lookups = new Batcher<string, CacheLookup>((keys) => this.#lookupAll(keys));

  constructor(redis: Redis, options: RedisCacheOptions = {}) {
    for (const [name, script] of Object.entries(CACHE_SCRIPTS)) {
      if (!(name in redis)) redis.defineCommand(name, script);
    }
    this.#redis = redis as Redis & CacheScripts;
    this.#prefix = options.keyPrefix ?? '';
    this.#generationTtlSeconds = options.generationTtlSeconds ?? 7 * 24 * 60 * 60;
    assertTtlSeconds(this.#generationTtlSeconds);
  }

  async get(key: string): Promise<string | null> {
    return (await this.lookup(key)).value;
  }

  async lookup(key: string): Promise<CacheLookup> {
    assertCacheKey(key);
    return this.#lookups.add(key);
  }

  async #lookupAll(keys: readonly string[]): Promise<CacheLookup[]> {
    const [epoch, ...pairs] = await this.#redis.cacheLookup(this.#epochKey(), this.#prefix, ...keys);
    return keys.map((_, i) => {
      const value = pairs[2 * i] as string | null;
      return { value, generation: pack(Number(epoch), Number(pairs[2 * i + 1])) };
    });
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertCacheKey(key);
    assertTtlSeconds(ttlSeconds);
    await this.#redis.cacheSet(this.#epochKey(), this.#prefix, key, value, ttlSeconds);
  }

  async delete(...keys: string[]): Promise<void> {
    keys.forEach(assertCacheKey);
    if (keys.length === 0) return;
    await this.#redis.cacheDelete(this.#epochKey(), this.#prefix, this.#generationTtlSeconds, ...keys);
  }

  async generation(key: string): Promise<number | null> {
    assertCacheKey(key);
    const [epoch, , count] = await this.#redis.cacheGeneration(this.#epochKey(), this.#prefix, key);
    return pack(Number(epoch), Number(count));
  }

  async setIfGeneration(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean> {
    assertCacheKey(key);
    assertTtlSeconds(ttlSeconds);
    if (generation === null) return false;
    const [epoch, count] = unpack(generation);
    return (await this.#redis.cacheSetIfGeneration(this.#epochKey(), this.#prefix, key, value, ttlSeconds, epoch, count)) === 1;
  }

  async writeThrough(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean> {
    assertCacheKey(key);
    assertTtlSeconds(ttlSeconds);
    // An unknown generation can match nothing: the script then deletes, which is always safe.
    const [epoch, count] = generation === null ? [-1, -1] : unpack(generation);
    const args = [key, value, ttlSeconds, epoch, count, this.#generationTtlSeconds] as const;
    return (await this.#redis.cacheWriteThrough(this.#epochKey(), this.#prefix, ...args)) === 1;
  }

  async clear(): Promise<void> {
    await this.#redis.cacheClear(this.#epochKey());
  }

  #epochKey(): string {
    return `${this.#prefix}epoch`;
  }
}
