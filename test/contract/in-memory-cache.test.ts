import { describe, expect, it } from 'vitest';
import { InMemoryCache } from '../../src/adapters/cache/in-memory-cache.ts';
import { FixedClock } from '../support/fixed-clock.ts';
import { cacheContract } from './cache.contract.ts';

cacheContract('in-memory', async () => {
  const clock = new FixedClock();
  const cache = new InMemoryCache(clock);
  return {
    cache,
    expectExpiry: async (key, ttlSeconds) => {
      const value = await cache.get(key);
      expect(value).not.toBeNull();
      clock.advance(ttlSeconds * 1000 - 1);
      expect(await cache.get(key)).toBe(value);
      clock.advance(1);
      expect(await cache.get(key)).toBeNull();
    },
    close: async () => undefined,
  };
});

describe('InMemoryCache bounds', () => {
  it('evicts the least recently used entry past maxEntries', async () => {
    const cache = new InMemoryCache(new FixedClock(), { maxEntries: 2 });
    await cache.set('a', '1', 60);
    await cache.set('b', '2', 60);
    expect(await cache.get('a')).toBe('1'); // a is now the most recently used
    await cache.set('c', '3', 60);
    expect(await cache.get('b')).toBeNull();
    expect(await cache.get('a')).toBe('1');
    expect(await cache.get('c')).toBe('3');
  });

  it('never lets a generation go back down when generations are evicted', async () => {
    const cache = new InMemoryCache(new FixedClock(), { maxEntries: 2 });
    await cache.delete('a', 'a', 'a'); // a: 3
    const seen = await cache.generation('a');
    await cache.delete('b', 'c'); // evicts a's generation
    expect(await cache.generation('a')).toBeGreaterThan(seen);
    expect(await cache.setIfGeneration('a', 'stale', 60, seen)).toBe(false);
    expect(await cache.setIfGeneration('a', 'stale', 60, 0)).toBe(false);
    await cache.delete('a');
    expect(await cache.generation('a')).toBeGreaterThan(seen + 1);
  });

  it('keeps a hit entry from eviction once it has left the newest half, without moving hits in that half', async () => {
    const cache = new InMemoryCache(new FixedClock(), { maxEntries: 4 });
    for (const key of ['a', 'b', 'c', 'd']) await cache.set(key, key, 60);
    expect(await cache.get('a')).toBe('a'); // the oldest: moved to the newest end
    expect(await cache.get('d')).toBe('d'); // already among the newest half: stays where it is
    await cache.set('e', 'e', 60); // evicts b, the least recently used
    expect(await cache.get('b')).toBeNull();
    await cache.set('f', 'f', 60); // then c
    expect(await cache.get('c')).toBeNull();
    expect([await cache.get('a'), await cache.get('d'), await cache.get('e'), await cache.get('f')]).toEqual(['a', 'd', 'e', 'f']);
  });

  it('evicts the least recently used entries past maxBytes, whatever their count', async () => {
    // Each entry: 2 * (1 + 100) + 96 = 298 bytes; three fit in 900, a fourth does not.
    const cache = new InMemoryCache(new FixedClock(), { maxEntries: 100, maxBytes: 900 });
    const value = (c: string) => c.repeat(100);
    for (const key of ['a', 'b', 'c']) await cache.set(key, value(key), 60);
    expect(await cache.get('a')).toBe(value('a'));
    await cache.set('d', value('d'), 60);
    expect(await cache.get('a')).toBe(value('a')); // the oldest, but hit since: kept
    expect(await cache.get('b')).toBeNull();
    await cache.delete('c'); // a deleted entry gives its bytes back
    await cache.set('e', value('e'), 60);
    expect([await cache.get('a'), await cache.get('d'), await cache.get('e')]).toEqual([value('a'), value('d'), value('e')]);
    await cache.set('huge', 'x'.repeat(1000), 60); // bigger than the bound alone: not kept, and nothing stale
    expect(await cache.get('huge')).toBeNull();
  });

  it('rejects a maxEntries or maxBytes that is not a whole number > 0', () => {
    expect(() => new InMemoryCache(new FixedClock(), { maxEntries: 0 })).toThrow(RangeError);
    expect(() => new InMemoryCache(new FixedClock(), { maxBytes: 1.5 })).toThrow(RangeError);
  });
});
