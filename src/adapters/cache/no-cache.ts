import type { Cache, CacheLookup, Generation } from '../../application/ports/cache.ts';

/**
 * No cache at all: every read goes to the database. For the edge, where a per-isolate memory would
 * serve stale users after a write in another isolate, and a Redis connection per request costs
 * more than the primary-key read it would save. Generations are `null` ("cannot tell"), so readers
 * never write back and writers never write through.
 */
export class NoCache implements Cache {
  async get(): Promise<string | null> {
    return null;
  }

  async lookup(): Promise<CacheLookup> {
    return { value: null, generation: null };
  }

  async set(): Promise<void> {}

  async delete(): Promise<void> {}

  async generation(): Promise<Generation> {
    return null;
  }

  async setIfGeneration(): Promise<boolean> {
    return false;
  }

  async writeThrough(): Promise<boolean> {
    return false;
  }

  async clear(): Promise<void> {}
}
