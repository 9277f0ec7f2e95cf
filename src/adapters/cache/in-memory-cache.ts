import type { Cache, CacheLookup, Generation } from '../../application/ports/cache.ts';
import { assertCacheKey, assertTtlSeconds } from '../../application/ports/cache.ts';
import type { Clock } from '../../application/ports/clock.ts';

/** `seq`: the insertion count when the entry was last put at the newest end (see `get`); `bytes`: see `sizeOf`. */
type Entry = { value: string; expiresAt: number; seq: number; bytes: number };

export type InMemoryCacheOptions = {
  /** Most values held at once; the least recently used goes first. Default 10 000. */
  maxEntries?: number;
  /** Most bytes of keys and values held at once (estimated, see `sizeOf`), evicted the same way. Default 32 MiB. */
  maxBytes?: number;
};

/** A string's heap cost, over-estimated as two bytes per character, plus the entry's own objects. */
const ENTRY_OVERHEAD_BYTES = 96;
const sizeOf = (key: string, value: string) => 2 * (key.length + value.length) + ENTRY_OVERHEAD_BYTES;

/**
 * The cache in this process, for the embedded default and tests: bounded by `maxEntries` and
 * `maxBytes` with LRU eviction, approximated (a Map keeps insertion order; a hit moves the entry to
 * the end once it has left the newest half of what fits, so an entry used since then is never the
 * next evicted; within that half, hits cost no move), TTL read from the
 * injected Clock (expired entries die when touched or evicted). Every method runs to completion
 * without awaiting, so each one is atomic, `setIfGeneration` included.
 *
 * Generations live in their own map, bounded by the same `maxEntries`. Forgetting a generation
 * must never make it go back down (a reader holding the old, lower value would then pass), so
 * evicting one raises `#floor` above it: a key with no stored generation reports the floor. The
 * cost is that an eviction refuses in-flight write-backs of unrelated never-deleted keys once
 * (a missed fill, never a stale value). Redis does the same with a long TTL instead; see RedisCache.
 */
export class InMemoryCache implements Cache {
  readonly #clock: Clock;
  readonly #maxEntries: number;
  readonly #maxBytes: number;
  #bytes = 0;
  readonly #entries = new Map<string, Entry>();
  readonly #generations = new Map<string, number>();
  #floor = 0;
  /** Entries put at the newest end so far: an entry's distance from that end is at most this minus its `seq`. */
  #inserted = 0;

  constructor(clock: Clock, options: InMemoryCacheOptions = {}) {
    const maxEntries = options.maxEntries ?? 10_000;
    const maxBytes = options.maxBytes ?? 32 * 1024 * 1024;
    for (const [name, bound] of [['maxEntries', maxEntries], ['maxBytes', maxBytes]] as const) {
      if (!Number.isSafeInteger(bound) || bound <= 0) throw new RangeError(`${name} must be a whole number > 0, got ${bound}`);
    }
    this.#clock = clock;
    this.#maxEntries = maxEntries;
    this.#maxBytes = maxBytes;
  }

  async get(key: string): Promise<string | null> {
    assertCacheKey(key);
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.#now()) {
      this.#remove(key);
      return null;
    }
    // Moved to the newest end only once it has left the newest half: an entry in that half cannot
    // be the next evicted, and moving every hit (delete + set on a Map of tens of thousands of
    // keys) was the hot spot of a cached GET under load (see README, Benchmark).
    if (this.#inserted - entry.seq >= this.#capacity() >> 1) {
      this.#entries.delete(key);
      entry.seq = ++this.#inserted;
      this.#entries.set(key, entry);
    }
    return entry.value;
  }

  async lookup(key: string): Promise<CacheLookup> {
    const value = await this.get(key);
    return { value, generation: this.#generationOf(key) };
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    assertCacheKey(key);
    assertTtlSeconds(ttlSeconds);
    this.#store(key, value, ttlSeconds);
  }

  async delete(...keys: string[]): Promise<void> {
    keys.forEach(assertCacheKey);
    for (const key of keys) {
      this.#remove(key);
      this.#raiseGeneration(key);
    }
  }

  async generation(key: string): Promise<number> {
    assertCacheKey(key);
    return this.#generationOf(key);
  }

  async setIfGeneration(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean> {
    assertCacheKey(key);
    assertTtlSeconds(ttlSeconds);
    if (this.#generationOf(key) !== generation) return false;
    this.#store(key, value, ttlSeconds);
    return true;
  }

  async writeThrough(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean> {
    assertCacheKey(key);
    assertTtlSeconds(ttlSeconds);
    const stored = this.#generationOf(key) === generation;
    if (stored) this.#store(key, value, ttlSeconds);
    else this.#remove(key);
    this.#raiseGeneration(key);
    return stored;
  }

  async clear(): Promise<void> {
    this.#entries.clear();
    this.#bytes = 0;
    for (const generation of this.#generations.values()) this.#floor = Math.max(this.#floor, generation + 1);
    this.#generations.clear();
    this.#floor++; // keys never deleted sat at the old floor: they rise too
  }

  #raiseGeneration(key: string): void {
    const next = this.#generationOf(key) + 1;
    this.#generations.delete(key);
    this.#generations.set(key, next);
    this.#evictGenerations();
  }

  #store(key: string, value: string, ttlSeconds: number): void {
    this.#remove(key);
    const bytes = sizeOf(key, value);
    this.#entries.set(key, { value, expiresAt: this.#now() + ttlSeconds * 1000, seq: ++this.#inserted, bytes });
    this.#bytes += bytes;
    // Past either bound the least recently used go, down to this entry itself if it alone is too big.
    while (this.#entries.size > this.#maxEntries || this.#bytes > this.#maxBytes) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#remove(oldest.value);
    }
  }

  /** How many entries fit: maxEntries, or fewer when entries of the present average size fill maxBytes first. */
  #capacity(): number {
    const size = this.#entries.size;
    return size === 0 ? this.#maxEntries : Math.min(this.#maxEntries, Math.floor(this.#maxBytes / (this.#bytes / size)));
  }

  #remove(key: string): void {
    const entry = this.#entries.get(key);
    if (!entry) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  #generationOf(key: string): number {
    return this.#generations.get(key) ?? this.#floor;
  }

  #evictGenerations(): void {
    while (this.#generations.size > this.#maxEntries) {
      const oldest = this.#generations.entries().next();
      if (oldest.done) break;
      const [key, generation] = oldest.value;
      this.#generations.delete(key);
      this.#floor = Math.max(this.#floor, generation + 1);
    }
  }

  #now(): number {
    return this.#clock.now().getTime();
  }
}
