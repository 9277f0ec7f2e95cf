import type { Cache, Generation } from '../ports/cache.ts';

export type CacheOutcome = 'hit' | 'miss';

/** `Id` is the entity's (branded) id type, so a loader gets back the id it was asked for, brand and all. */
export type CacheAsideOptions<T, Id extends string = string> = {
  cache: Cache;
  /** Names the entries, `${keyspace}:${id}`, and labels hits and misses. */
  keyspace: string;
  /** CACHE_TTL_SECONDS: how long an entry lives without a change. */
  ttlSeconds: number;
  /** How long a "not found" is remembered; a create replaces it at once anyway. */
  notFoundTtlSeconds: number;
  /** Reads the committed value (null: not found) from the database. */
  load(id: Id): Promise<T | null>;
  /** To JSON-able data; `decode` reverses it and answers undefined for anything it does not recognise. */
  encode(value: T): unknown;
  decode(data: unknown): T | undefined;
  /** Told of every lookup, for metrics. */
  onLookup?(keyspace: string, outcome: CacheOutcome): void;
};

/** What a writer reads before its transaction and hands back after the commit. */
export type WriteTicket = Readonly<{ key: string; generation: Generation }>;

type Load<T> = { generation: Generation; promise: Promise<T | null> };

/**
 * Cache-aside reads, write-through writes and invalidation, for one kind of entity, never serving
 * a value older than the last write acknowledged to a client:
 *
 * - A miss reads the key's generation with the miss, loads from the database, and writes back
 *   only if the generation has not moved (`setIfGeneration`): a change committed meanwhile raised
 *   it, so what the reader loaded before that change is refused (the stale write-back race).
 * - A writer reads the generation before its transaction and, after the commit, writes through
 *   with it: stored if nothing else changed the entry meanwhile, else deleted (see Cache).
 *   Nothing is written to the cache before a commit or for a rollback: the calls come after
 *   `uow.transaction` resolved.
 * - Not found is cached too, briefly, as JSON `null`; a create writes through over it.
 * - Concurrent misses on one key in this process share one load (single flight), but only
 *   misses that saw the same generation: a request arriving after a change (a higher generation)
 *   never joins a load that may have started before it.
 */
export class CacheAside<T, Id extends string = string> {
  readonly #options: CacheAsideOptions<T, Id>;
  readonly #loading = new Map<string, Load<T>>();

  constructor(options: CacheAsideOptions<T, Id>) {
    this.#options = options;
  }

  async get(id: Id): Promise<T | null> {
    const key = this.#key(id);
    const { value, generation } = await this.#options.cache.lookup(key);
    const cached = value === null ? undefined : this.#decode(value);
    this.#options.onLookup?.(this.#options.keyspace, cached === undefined ? 'miss' : 'hit');
    if (cached !== undefined) return cached;
    const inFlight = this.#loading.get(key);
    if (inFlight && generation !== null && inFlight.generation === generation) return inFlight.promise;
    const promise = this.#loadAndFill(id, key, generation).finally(() => {
      if (this.#loading.get(key)?.promise === promise) this.#loading.delete(key);
    });
    this.#loading.set(key, { generation, promise });
    return promise;
  }

  /** Before a write's transaction. */
  async beforeWrite(id: Id): Promise<WriteTicket> {
    const key = this.#key(id);
    return { key, generation: await this.#options.cache.generation(key) };
  }

  /** After the write committed: the new value, or null when the entity is gone. */
  async written(ticket: WriteTicket, value: T | null): Promise<void> {
    const ttl = value === null ? this.#options.notFoundTtlSeconds : this.#options.ttlSeconds;
    await this.#options.cache.writeThrough(ticket.key, this.#serialise(value), ttl, ticket.generation);
  }

  /** After a commit that changed the entities in ways this process cannot describe: drop them. */
  async invalidate(...ids: Id[]): Promise<void> {
    await this.#options.cache.delete(...ids.map((id) => this.#key(id)));
  }

  async #loadAndFill(id: Id, key: string, generation: Generation): Promise<T | null> {
    const loaded = await this.#options.load(id);
    if (generation !== null) {
      const ttl = loaded === null ? this.#options.notFoundTtlSeconds : this.#options.ttlSeconds;
      await this.#options.cache.setIfGeneration(key, this.#serialise(loaded), ttl, generation);
    }
    return loaded;
  }

  #serialise(value: T | null): string {
    return JSON.stringify(value === null ? null : this.#options.encode(value));
  }

  /** The cached value, null for a cached not-found, undefined for an entry that cannot be trusted. */
  #decode(raw: string): T | null | undefined {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return undefined;
    }
    return data === null ? null : this.#options.decode(data);
  }

  #key(id: string): string {
    return `${this.#options.keyspace}:${id}`;
  }
}
