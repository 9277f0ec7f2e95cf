import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Cache } from '../../src/application/ports/cache.ts';

export type CacheContractContext = {
  cache: Cache;
  /**
   * Proves that `key`, just stored with `ttlSeconds`, expires on time by whatever the adapter
   * allows: moving a clock past the deadline, or asking the server for the key's remaining TTL.
   */
  expectExpiry(key: string, ttlSeconds: number): Promise<void>;
  /** Releases whatever `setup` made (and removes any keys it wrote). */
  close(): Promise<void>;
};

/**
 * The Cache contract: the in-process adapter and Redis run these same tests, so the fake cannot
 * drift from the real thing. `setup` runs before each test and must hand out an empty cache.
 */
export function cacheContract(adapterName: string, setup: () => Promise<CacheContractContext>): void {
  describe(`Cache contract: ${adapterName}`, () => {
    let context: CacheContractContext | undefined;
    const current = (): CacheContractContext => {
      if (!context) throw new Error('contract setup did not complete');
      return context;
    };
    const cache = (): Cache => current().cache;

    beforeEach(async () => {
      context = await setup();
    });
    afterEach(async () => {
      await context?.close();
      context = undefined;
    });

    describe('plain values', () => {
      it('misses with null', async () => {
        expect(await cache().get('absent')).toBeNull();
      });

      it('returns what was set', async () => {
        await cache().set('user:1', '{"name":"Ada"}', 60);
        expect(await cache().get('user:1')).toBe('{"name":"Ada"}');
      });

      it('keeps the empty string apart from a miss', async () => {
        await cache().set('empty', '', 60);
        expect(await cache().get('empty')).toBe('');
      });

      it('overwrites', async () => {
        await cache().set('user:1', 'first', 60);
        await cache().set('user:1', 'second', 60);
        expect(await cache().get('user:1')).toBe('second');
      });

      it('deletes several keys at once and ignores missing ones', async () => {
        await cache().set('a', '1', 60);
        await cache().set('b', '2', 60);
        await cache().set('c', '3', 60);
        await cache().delete('a', 'missing', 'c');
        expect(await cache().get('a')).toBeNull();
        expect(await cache().get('b')).toBe('2');
        expect(await cache().get('c')).toBeNull();
      });

      it('accepts a delete of nothing', async () => {
        await cache().set('a', '1', 60);
        await cache().delete();
        expect(await cache().get('a')).toBe('1');
      });

      it('rejects a TTL that is not a whole number of seconds > 0', async () => {
        for (const ttl of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
          await expect(cache().set('k', 'v', ttl)).rejects.toThrow(RangeError);
          await expect(cache().setIfGeneration('k', 'v', ttl, 0)).rejects.toThrow(RangeError);
          await expect(cache().writeThrough('k', 'v', ttl, 0)).rejects.toThrow(RangeError);
        }
        expect(await cache().get('k')).toBeNull();
      });

      it('rejects keys that would collide with a generation', async () => {
        await expect(cache().set('user:1#gen', 'v', 60)).rejects.toThrow(RangeError);
        await expect(cache().get('user:1#gen')).rejects.toThrow(RangeError);
        await expect(cache().delete('ok', 'user:1#gen')).rejects.toThrow(RangeError);
        await expect(cache().generation('user:1#gen')).rejects.toThrow(RangeError);
        await expect(cache().lookup('user:1#gen')).rejects.toThrow(RangeError);
        await expect(cache().writeThrough('user:1#gen', 'v', 60, 0)).rejects.toThrow(RangeError);
      });
    });

    describe('expiry', () => {
      it('expires a set value after its TTL', async () => {
        await cache().set('short', 'v', 5);
        await current().expectExpiry('short', 5);
      });

      it('restarts the TTL on overwrite', async () => {
        await cache().set('k', 'old', 3600);
        await cache().set('k', 'new', 7);
        await current().expectExpiry('k', 7);
      });

      it('expires a value stored by setIfGeneration after its TTL', async () => {
        expect(await cache().setIfGeneration('k', 'v', 9, await cache().generation('k'))).toBe(true);
        await current().expectExpiry('k', 9);
      });
    });

    describe('generations', () => {
      it('start at 0', async () => {
        expect(await cache().generation('never-touched')).toBe(0);
      });

      it('are not changed by set or setIfGeneration', async () => {
        await cache().set('k', 'v', 60);
        await cache().setIfGeneration('k', 'v2', 60, 0);
        expect(await cache().generation('k')).toBe(0);
      });

      it('rise by one on each delete, whether or not the key held a value', async () => {
        await cache().delete('k');
        expect(await cache().generation('k')).toBe(1);
        await cache().set('k', 'v', 60);
        await cache().delete('k');
        expect(await cache().generation('k')).toBe(2);
      });

      it('rise for every key of a multi-key delete and for no other key', async () => {
        await cache().delete('a', 'b');
        expect(await cache().generation('a')).toBe(1);
        expect(await cache().generation('b')).toBe(1);
        expect(await cache().generation('c')).toBe(0);
      });

      it('setIfGeneration stores with the current generation', async () => {
        await cache().delete('k');
        const generation = await cache().generation('k');
        expect(await cache().setIfGeneration('k', 'fresh', 60, generation)).toBe(true);
        expect(await cache().get('k')).toBe('fresh');
      });

      it('setIfGeneration overwrites a present value when the generation matches', async () => {
        await cache().set('k', 'old', 60);
        expect(await cache().setIfGeneration('k', 'new', 60, 0)).toBe(true);
        expect(await cache().get('k')).toBe('new');
      });

      it('setIfGeneration refuses a generation that is not current, leaving the value unchanged', async () => {
        await cache().delete('k');
        await cache().set('k', 'current', 60);
        expect(await cache().setIfGeneration('k', 'stale', 60, 0)).toBe(false);
        expect(await cache().setIfGeneration('k', 'future', 60, 2)).toBe(false);
        expect(await cache().get('k')).toBe('current');
      });

      it('refuses the stale write-back when a delete lands between the read and the write-back', async () => {
        // Reader: a miss, so it reads the generation and goes to the database (which still has
        // the old row).
        expect(await cache().get('user:1')).toBeNull();
        const seen = await cache().generation('user:1');
        const loadedFromDatabase = '{"name":"old"}';
        // Writer: commits the update, then invalidates.
        await cache().delete('user:1');
        expect(await cache().generation('user:1')).toBe((seen as number) + 1);
        // Reader: writes back what it loaded before the update, and is refused.
        expect(await cache().setIfGeneration('user:1', loadedFromDatabase, 60, seen)).toBe(false);
        expect(await cache().get('user:1')).toBeNull();
        // The next reader starts over with the new generation and fills the cache.
        const next = await cache().generation('user:1');
        expect(await cache().setIfGeneration('user:1', '{"name":"new"}', 60, next)).toBe(true);
        expect(await cache().get('user:1')).toBe('{"name":"new"}');
      });

      it('lets 20 concurrent write-backs with the current generation all store when nothing deletes', async () => {
        const generation = await cache().generation('hot');
        const values = Array.from({ length: 20 }, (_, i) => `v${i}`);
        const stored = await Promise.all(values.map((v) => cache().setIfGeneration('hot', v, 60, generation)));
        expect(stored).toEqual(values.map(() => true));
        expect(values).toContain(await cache().get('hot'));
      });

      it('refuses all 20 concurrent write-backs once a delete has raised the generation', async () => {
        const generation = await cache().generation('hot');
        await cache().delete('hot');
        const stored = await Promise.all(
          Array.from({ length: 20 }, (_, i) => cache().setIfGeneration('hot', `stale${i}`, 60, generation)),
        );
        expect(stored).toEqual(Array.from({ length: 20 }, () => false));
        expect(await cache().get('hot')).toBeNull();
      });

      it('lets only the write-backs that ran before a concurrent delete store', async () => {
        const generation = await cache().generation('hot');
        const before = Array.from({ length: 10 }, (_, i) => cache().setIfGeneration('hot', `a${i}`, 60, generation));
        const deleted = cache().delete('hot');
        const results = await Promise.all([...before, deleted]);
        const after = await Promise.all(
          Array.from({ length: 10 }, (_, i) => cache().setIfGeneration('hot', `b${i}`, 60, generation)),
        );
        expect(results.slice(0, 10).every((r) => typeof r === 'boolean')).toBe(true);
        expect(after).toEqual(Array.from({ length: 10 }, () => false));
        expect(await cache().get('hot')).toBeNull();
      });
    });

    describe('lookup', () => {
      it('returns the value and the generation together', async () => {
        expect(await cache().lookup('k')).toEqual({ value: null, generation: 0 });
        await cache().set('k', 'v', 60);
        expect(await cache().lookup('k')).toEqual({ value: 'v', generation: 0 });
        await cache().delete('k');
        expect(await cache().lookup('k')).toEqual({ value: null, generation: 1 });
      });

      it('hands out a generation that setIfGeneration accepts until a change', async () => {
        const { generation } = await cache().lookup('k');
        expect(await cache().setIfGeneration('k', 'filled', 60, generation)).toBe(true);
        await cache().writeThrough('k', 'written', 60, generation);
        expect(await cache().setIfGeneration('k', 'stale', 60, generation)).toBe(false);
        expect(await cache().get('k')).toBe('written');
      });
    });

    describe('writeThrough', () => {
      it('stores when the generation read before the write is still current, and raises it', async () => {
        const before = await cache().generation('user:1');
        expect(await cache().writeThrough('user:1', 'v2', 60, before)).toBe(true);
        expect(await cache().get('user:1')).toBe('v2');
        expect(await cache().generation('user:1')).toBeGreaterThan(before as number);
      });

      it('refuses the write-back of a reader that loaded before the commit', async () => {
        const reader = await cache().lookup('user:1'); // miss; the reader loads v1 from the database
        const writer = await cache().generation('user:1'); // writer reads, then commits v2
        await cache().writeThrough('user:1', 'v2', 60, writer);
        expect(await cache().setIfGeneration('user:1', 'v1', 60, reader.generation)).toBe(false);
        expect(await cache().get('user:1')).toBe('v2');
      });

      it('deletes instead of storing when another write came in between: two writers never leave the older value', async () => {
        const first = await cache().generation('user:1'); // writer A reads, commits v2
        const second = await cache().generation('user:1'); // writer B reads, commits v3 after A
        // B's write-through lands first, then A's: A is refused and deletes rather than store v2.
        expect(await cache().writeThrough('user:1', 'v3', 60, second)).toBe(true);
        expect(await cache().writeThrough('user:1', 'v2', 60, first)).toBe(false);
        expect(await cache().get('user:1')).toBeNull();
        const generation = await cache().generation('user:1');
        expect(await cache().setIfGeneration('user:1', 'v3', 60, generation)).toBe(true);
      });

      it('replaces a cached not-found: a created user is seen at once', async () => {
        const reader = await cache().lookup('user:new');
        await cache().setIfGeneration('user:new', 'null', 60, reader.generation);
        const writer = await cache().generation('user:new');
        expect(await cache().writeThrough('user:new', '{"id":"new"}', 60, writer)).toBe(true);
        expect(await cache().get('user:new')).toBe('{"id":"new"}');
      });

      it('only deletes with an unknown (null) generation', async () => {
        await cache().set('k', 'old', 60);
        const before = await cache().generation('k');
        expect(await cache().writeThrough('k', 'new', 60, null)).toBe(false);
        expect(await cache().get('k')).toBeNull();
        expect(await cache().generation('k')).not.toBe(before);
      });

      it('gives the stored value its TTL', async () => {
        await cache().writeThrough('k', 'v', 11, await cache().generation('k'));
        await current().expectExpiry('k', 11);
      });

      it('lets exactly the writer holding the current generation store among 20 concurrent ones', async () => {
        const generation = await cache().generation('hot');
        const stored = await Promise.all(Array.from({ length: 20 }, (_, i) => cache().writeThrough('hot', `w${i}`, 60, generation)));
        expect(stored.filter(Boolean)).toHaveLength(1);
        const winner = stored.indexOf(true);
        // Later writers found the generation raised and deleted: the key ends empty, never stale.
        expect(await cache().get('hot')).toBe(winner === 19 ? 'w19' : null);
      });
    });

    describe('clear', () => {
      it('makes every entry unreachable', async () => {
        await cache().set('a', '1', 60);
        await cache().set('b', '2', 60);
        await cache().clear();
        expect(await cache().get('a')).toBeNull();
        expect(await cache().get('b')).toBeNull();
      });

      it('refuses every write-back and write-through prepared before it', async () => {
        const untouched = await cache().generation('never-deleted');
        await cache().delete('deleted');
        const changed = await cache().generation('deleted');
        await cache().clear();
        expect(await cache().setIfGeneration('never-deleted', 'stale', 60, untouched)).toBe(false);
        expect(await cache().setIfGeneration('deleted', 'stale', 60, changed)).toBe(false);
        expect(await cache().writeThrough('deleted', 'stale', 60, changed)).toBe(false);
        expect(await cache().get('never-deleted')).toBeNull();
        expect(await cache().get('deleted')).toBeNull();
      });

      it('leaves a working cache behind', async () => {
        await cache().clear();
        const { generation } = await cache().lookup('k');
        expect(await cache().setIfGeneration('k', 'v', 60, generation)).toBe(true);
        expect(await cache().get('k')).toBe('v');
      });
    });
  });
}
