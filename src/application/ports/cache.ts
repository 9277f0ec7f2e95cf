/**
 * A shared key-value cache. Values are strings (the caller serialises); `ttlSeconds` is a whole
 * number > 0 (adapters throw a RangeError otherwise). Versioned writes guard the stale write-back
 * race (Facebook's "Scaling Memcache" leases, simplified): a reader that misses gets the key's
 * generation with the miss, loads from the database, and writes back with `setIfGeneration`; a
 * delete or write-through in between raises the generation, so the stale write-back is refused
 * instead of outliving the change.
 *
 * A generation of `null` means the cache cannot tell (it is unavailable): load without sharing the
 * load and without writing back. Adapters that talk to a server are wrapped so that the methods
 * the application calls after a commit never throw for an outage (see ResilientCache).
 *
 * Keys ending in `#gen` are reserved for the generations.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  /** The value (null on a miss) and the key's current generation, in one round trip. */
  lookup(key: string): Promise<CacheLookup>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Deletes the keys; missing ones are ignored. Every key's generation rises, present or not. */
  delete(...keys: string[]): Promise<void>;
  /**
   * The key's current invalidation generation: 0 until the key is first deleted or written
   * through. Writers read it before their transaction; only delete, writeThrough and clear raise it.
   */
  generation(key: string): Promise<Generation>;
  /**
   * A reader's write-back: stores only if the key's generation still equals `generation`; returns
   * whether it stored. Any number of writers holding the current generation all succeed (last one
   * wins; they loaded the same committed state); after a delete every one of them is refused.
   */
  setIfGeneration(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean>;
  /**
   * A writer's update after its transaction committed, with the generation it read before the
   * transaction: stores `value` if that generation is still current, else deletes the key (another
   * write came in between, and its order against this one is unknown). The generation rises either
   * way, so every reader that loaded before this commit is refused. Returns whether it stored.
   */
  writeThrough(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean>;
  /** Makes every entry unreachable and raises every generation: what recovery from lost writes needs. */
  clear(): Promise<void>;
}

/** A key's invalidation generation; null when the cache is unavailable and cannot tell. */
export type Generation = number | null;

export type CacheLookup = Readonly<{ value: string | null; generation: Generation }>;

/** The suffix of the companion key that holds a key's generation. */
export const GENERATION_SUFFIX = '#gen';

/** Throws unless `ttlSeconds` is a whole number of seconds > 0 (what Redis `SET ... EX` accepts). */
export function assertTtlSeconds(ttlSeconds: number): void {
  if (!Number.isSafeInteger(ttlSeconds) || ttlSeconds <= 0) {
    throw new RangeError(`ttlSeconds must be a whole number > 0, got ${ttlSeconds}`);
  }
}

/** Throws for a key that would collide with a generation's companion key. */
export function assertCacheKey(key: string): void {
  if (key.endsWith(GENERATION_SUFFIX)) {
    throw new RangeError(`cache keys ending in "${GENERATION_SUFFIX}" are reserved: ${key}`);
  }
}
