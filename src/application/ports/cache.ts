/**
 * A shared key-value cache. Values are strings (the caller serialises); `ttlSeconds` is a whole
 * number > 0 (adapters throw a RangeError otherwise). Versioned sets guard the stale write-back
 * race (Facebook's "Scaling Memcache" leases, simplified): a reader that misses reads the key's
 * generation, loads from the database, and writes back with `setIfGeneration`; a delete in between
 * bumps the generation, so the stale write-back is refused instead of outliving the delete.
 *
 * Keys ending in `#gen` are reserved for the generations.
 */
export interface Cache {
  get(key: string): Promise<string | null>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Deletes the keys; missing ones are ignored. Every key's generation rises, present or not. */
  delete(...keys: string[]): Promise<void>;
  /**
   * The key's current invalidation generation: 0 until the key is first deleted. Read it before
   * loading from the database. Deleting a key bumps its generation; nothing else changes it.
   */
  generation(key: string): Promise<number>;
  /**
   * Stores only if the key's current invalidation generation still equals `generation`; returns
   * whether it stored. Any number of writers holding the current generation all succeed (last one
   * wins; they loaded the same committed state); after a delete every one of them is refused.
   */
  setIfGeneration(key: string, value: string, ttlSeconds: number, generation: number): Promise<boolean>;
}

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
