import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { InMemoryCache } from '../../../../src/adapters/cache/in-memory-cache.ts';
import { ResilientCache } from '../../../../src/adapters/cache/resilient-cache.ts';
import { CircuitBreaker } from '../../../../src/adapters/system/circuit-breaker.ts';
import type { Cache, CacheLookup, Generation } from '../../../../src/application/ports/cache.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';

type Method = keyof Cache;

function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((res) => (resolve = res));
  return { promise, resolve };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

/**
 * Fault injection around a real InMemoryCache: a method switched to fail rejects with an Error
 * without reaching the real cache (as a call to a Redis that is down would), and every call that
 * reaches this double is recorded in order, failed ones included. `holdClears()` keeps the next
 * clear() in flight until the test lets it go.
 */
class FlakyCache implements Cache {
  readonly real: InMemoryCache;
  readonly trace: Method[] = [];
  #failing = new Set<Method>();
  #clearGate: Promise<void> | null = null;

  constructor(real: InMemoryCache) {
    this.real = real;
  }

  fail(...methods: Method[]): void {
    for (const method of methods) this.#failing.add(method);
  }

  failAll(): void {
    this.fail('get', 'lookup', 'set', 'delete', 'generation', 'setIfGeneration', 'writeThrough', 'clear');
  }

  recover(): void {
    this.#failing.clear();
  }

  calls(method: Method): number {
    return this.trace.filter((called) => called === method).length;
  }

  holdClears(): () => void {
    const gate = deferred();
    this.#clearGate = gate.promise;
    return () => gate.resolve();
  }

  get(key: string): Promise<string | null> {
    return this.#run('get', () => this.real.get(key));
  }

  lookup(key: string): Promise<CacheLookup> {
    return this.#run('lookup', () => this.real.lookup(key));
  }

  set(key: string, value: string, ttlSeconds: number): Promise<void> {
    return this.#run('set', () => this.real.set(key, value, ttlSeconds));
  }

  delete(...keys: string[]): Promise<void> {
    return this.#run('delete', () => this.real.delete(...keys));
  }

  generation(key: string): Promise<Generation> {
    return this.#run('generation', () => this.real.generation(key));
  }

  setIfGeneration(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean> {
    return this.#run('setIfGeneration', () => this.real.setIfGeneration(key, value, ttlSeconds, generation));
  }

  writeThrough(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean> {
    return this.#run('writeThrough', () => this.real.writeThrough(key, value, ttlSeconds, generation));
  }

  async clear(): Promise<void> {
    this.trace.push('clear');
    if (this.#clearGate) {
      const gate = this.#clearGate;
      this.#clearGate = null;
      await gate;
    }
    if (this.#failing.has('clear')) throw new Error('connection refused (clear)');
    await this.real.clear();
  }

  async #run<T>(method: Method, work: () => Promise<T>): Promise<T> {
    this.trace.push(method);
    if (this.#failing.has(method)) throw new Error(`connection refused (${method})`);
    return work();
  }
}

type LogLine = { level: number; msg: string; err?: { message?: string } };
const WARN = 40;
const INFO = 30;

const COOLDOWN = 1000;
const TTL = 60;

function setup(options: { recoveryDelayMs?: number } = {}) {
  const clock = new FixedClock();
  const inner = new FlakyCache(new InMemoryCache(clock));
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const breaker = new CircuitBreaker({ clock, initialCooldownMs: COOLDOWN, maxCooldownMs: 8 * COOLDOWN });
  // Recovery timers far in the future unless a test asks: the tests drive the clears themselves.
  const cache = new ResilientCache(inner, breaker, logger, { recoveryDelayMs: options.recoveryDelayMs ?? 60_000 });
  return { clock, inner, logs, breaker, cache };
}

/** Each method called through the wrapper, with the answer it must give while the cache is unavailable. */
const calls: Array<{ method: Method; call: (cache: Cache) => Promise<unknown>; fallback: unknown }> = [
  { method: 'get', call: (c) => c.get('user:1'), fallback: null },
  { method: 'lookup', call: (c) => c.lookup('user:1'), fallback: { value: null, generation: null } },
  { method: 'generation', call: (c) => c.generation('user:1'), fallback: null },
  { method: 'setIfGeneration', call: (c) => c.setIfGeneration('user:1', 'v', TTL, 0), fallback: false },
  { method: 'writeThrough', call: (c) => c.writeThrough('user:1', 'v', TTL, 0), fallback: false },
  { method: 'set', call: (c) => c.set('user:1', 'v', TTL), fallback: undefined },
  { method: 'delete', call: (c) => c.delete('user:1', 'user:2'), fallback: undefined },
  { method: 'clear', call: (c) => c.clear(), fallback: undefined },
];

const writes = ['set', 'delete', 'writeThrough', 'clear'] as const;
const reads = ['get', 'lookup', 'generation', 'setIfGeneration'] as const;
const callOf = (method: Method) => calls.find((entry) => entry.method === method)!;

describe('ResilientCache', () => {
  describe('while healthy', () => {
    it('passes every call through to the inner cache', async () => {
      const { cache, inner } = setup();
      expect(cache.available).toBe(true);
      await cache.set('user:1', 'ada', TTL);
      expect(await cache.get('user:1')).toBe('ada');
      expect(await cache.lookup('user:1')).toEqual({ value: 'ada', generation: 0 });
      expect(await cache.generation('user:1')).toBe(0);
      expect(await cache.writeThrough('user:1', 'grace', TTL, 0)).toBe(true);
      expect(await cache.setIfGeneration('user:1', 'stale', TTL, 0)).toBe(false); // generation rose
      expect(await cache.get('user:1')).toBe('grace');
      await cache.delete('user:1');
      expect(await cache.get('user:1')).toBeNull();
      expect(await cache.generation('user:1')).toBe(2);
      await cache.clear();
      expect(inner.trace).toEqual([
        'set', 'get', 'lookup', 'generation', 'writeThrough', 'setIfGeneration', 'get', 'delete', 'get', 'generation', 'clear',
      ]);
      expect(cache.available).toBe(true);
    });
  });

  describe('an inner cache that fails', () => {
    it.each(calls)('$method answers $fallback instead of throwing, and opens the breaker', async ({ method, call, fallback }) => {
      const { cache, inner, breaker } = setup();
      inner.failAll();
      await expect(call(cache)).resolves.toEqual(fallback);
      expect(inner.calls(method)).toBe(1);
      expect(breaker.state).toBe('open');
      expect(cache.available).toBe(false);
    });

    it.each(calls.filter(({ method }) => !(writes as readonly string[]).includes(method)))('$method answers $fallback without calling the inner cache while the breaker is open', async ({ method, call, fallback }) => {
      const { cache, inner } = setup();
      inner.failAll();
      await cache.get('other'); // opens the breaker
      const before = inner.trace.length;
      await expect(call(cache)).resolves.toEqual(fallback);
      await expect(call(cache)).resolves.toEqual(fallback);
      expect(inner.trace.length).toBe(before);
      expect(inner.calls(method)).toBe(method === 'get' ? 1 : 0);
    });

    it('stops calling the inner cache after one failure, until the cooldown has passed', async () => {
      const { cache, inner, clock } = setup();
      inner.fail('get');
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('get')).toBe(1);
      for (let i = 0; i < 5; i++) expect(await cache.get('user:1')).toBeNull();
      clock.advance(COOLDOWN - 1);
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('get')).toBe(1);
      clock.advance(1);
      expect(await cache.get('user:1')).toBeNull(); // the probe, which fails again
      expect(inner.calls('get')).toBe(2);
      clock.advance(COOLDOWN); // the cooldown doubled
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('get')).toBe(2);
      clock.advance(COOLDOWN);
      inner.recover();
      await inner.real.set('user:1', 'ada', TTL);
      expect(await cache.get('user:1')).toBe('ada');
      expect(inner.calls('get')).toBe(3);
      expect(await cache.get('user:1')).toBe('ada'); // closed again: every call goes through
      expect(inner.calls('get')).toBe(4);
      expect(cache.available).toBe(true);
    });

    it('lets only one call probe in half-open; the others answer the fallback without reaching it', async () => {
      const { cache, inner, clock } = setup();
      inner.fail('get');
      await cache.get('user:1');
      clock.advance(COOLDOWN);
      inner.recover();
      await inner.real.set('user:1', 'ada', TTL);
      const answers = await Promise.all([cache.get('user:1'), cache.get('user:1'), cache.get('user:1')]);
      expect(answers).toEqual(['ada', null, null]);
      expect(inner.calls('get')).toBe(2);
    });
  });

  describe('never stale after an outage', () => {
    it('clears the inner cache before serving anything when a write-through failed and the old value came back', async () => {
      const { cache, inner, clock } = setup();
      await cache.set('user:1', 'old', TTL);
      const generation = await cache.generation('user:1');
      expect(await cache.get('user:1')).toBe('old');

      inner.failAll(); // Redis goes down
      expect(await cache.writeThrough('user:1', 'new', TTL, generation)).toBe(false); // the update is lost
      expect(await cache.get('user:1')).toBeNull();

      inner.recover(); // ...and comes back from its snapshot, still holding the old value
      expect(await inner.real.get('user:1')).toBe('old');
      const traceBefore = inner.trace.length;

      expect(await cache.get('user:1')).toBeNull(); // still in the cooldown: not served, not even asked
      expect(await cache.lookup('user:1')).toEqual({ value: null, generation: null });
      expect(inner.trace.length).toBe(traceBefore);

      clock.advance(COOLDOWN);
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.trace.slice(traceBefore)).toEqual(['clear', 'get']); // the clear came first
      expect(await cache.lookup('user:1')).toEqual({ value: null, generation: expect.any(Number) });
      expect(await inner.real.get('user:1')).toBeNull();
      expect(cache.available).toBe(true);

      // and a write-back prepared before the outage is refused: the clear raised every generation
      expect(await cache.setIfGeneration('user:1', 'old', TTL, generation)).toBe(false);
      expect(await cache.get('user:1')).toBeNull();
    });

    it.each(writes)('a failed %s forces a clear before the next read is served', async (method) => {
      const { cache, inner, clock } = setup();
      await cache.set('user:1', 'old', TTL);
      inner.fail(method);
      const { call, fallback } = callOf(method);
      const reached = inner.calls(method);
      await expect(call(cache)).resolves.toEqual(fallback);
      expect(inner.calls(method)).toBe(reached + 1);
      inner.recover();
      await inner.real.set('user:1', 'old', TTL); // whatever the failed write did, the old value is back
      const clearsBefore = inner.calls('clear');
      clock.advance(COOLDOWN);
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('clear')).toBe(clearsBefore + 1);
      expect(inner.trace.at(-2)).toBe('clear');
      expect(inner.trace.at(-1)).toBe('get');
    });

    it.each(writes)('a %s is still attempted while the breaker is open: a write that lands is not lost', async (method) => {
      const { cache, inner } = setup();
      inner.fail('get');
      expect(await cache.get('user:2')).toBeNull(); // a read fails: the breaker opens
      inner.recover();
      const reached = inner.calls(method);
      await callOf(method).call(cache);
      expect(inner.calls(method)).toBe(reached + 1); // attempted despite the open breaker
      expect(inner.calls('clear')).toBe(method === 'clear' ? 1 : 0); // and nothing was lost, so nothing to clear
    });

    it('a write that fails while the breaker is open is cleared for by a timer, without waiting for traffic', async () => {
      const { cache, inner, clock } = setup({ recoveryDelayMs: 1 });
      await cache.set('user:1', 'old', TTL);
      inner.fail('get');
      await cache.get('user:2'); // opens the breaker
      inner.fail('delete');
      await cache.delete('user:1'); // attempted, fails: lost
      inner.recover();
      clock.advance(COOLDOWN);
      const deadline = Date.now() + 2000;
      while (inner.calls('clear') === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(inner.calls('clear')).toBe(1); // no request came in: the timer did it
      expect(cache.available).toBe(true);
      expect(await cache.get('user:1')).toBeNull();
      cache.close();
    });

    it('connectionLost() alone forces a clear before the next read is served', async () => {
      const { cache, inner, logs } = setup();
      await cache.set('user:1', 'old', TTL);
      cache.connectionLost();
      expect(cache.available).toBe(false);
      const before = inner.trace.length;
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.trace.slice(before)).toEqual(['clear', 'get']);
      expect(cache.available).toBe(true);
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('clear')).toBe(1); // once is enough
      expect(logs.map((line) => line.msg)).toEqual(['cache cleared: nothing cached before the lost writes will be served']);
    });

    it('connectionLost() during an outage of reads only still forces a clear', async () => {
      const { cache, inner, clock } = setup();
      await cache.set('user:1', 'old', TTL);
      inner.fail('get');
      await cache.get('user:1');
      cache.connectionLost();
      inner.recover();
      clock.advance(COOLDOWN);
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('clear')).toBe(1);
    });

    it.each(reads)('a failed %s alone does not force a clear: the inner cache is served again once back', async (method) => {
      const { cache, inner, clock } = setup();
      await cache.set('user:1', 'kept', TTL);
      inner.fail(method);
      await callOf(method).call(cache);
      for (const { call } of calls.filter((entry) => (reads as readonly string[]).includes(entry.method))) await call(cache);
      inner.recover();
      clock.advance(COOLDOWN);
      expect(await cache.get('user:1')).toBe('kept');
      expect(inner.calls('clear')).toBe(0);
      expect(cache.available).toBe(true);
    });

    it('a clear that fails keeps the cache dirty and the breaker open, with the doubled cooldown', async () => {
      const { cache, inner, clock, breaker } = setup();
      await cache.set('user:1', 'old', TTL);
      inner.fail('delete', 'clear');
      await cache.delete('user:1'); // lost
      clock.advance(COOLDOWN);
      expect(await cache.get('user:1')).toBeNull(); // the probe: a clear, which fails
      expect(inner.calls('clear')).toBe(1);
      expect(inner.calls('get')).toBe(0);
      expect(breaker.state).toBe('open');
      expect(cache.available).toBe(false);

      inner.recover(); // back, with the old value still there
      clock.advance(COOLDOWN); // not yet: the cooldown doubled
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('clear')).toBe(1);
      expect(inner.calls('get')).toBe(0);

      clock.advance(COOLDOWN);
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('clear')).toBe(2);
      expect(inner.calls('get')).toBe(1);
      expect(await inner.real.get('user:1')).toBeNull();
      expect(cache.available).toBe(true);
    });

    it('a clear that fails while the breaker was closed (after connectionLost) opens it and stays dirty', async () => {
      const { cache, inner, clock, breaker } = setup();
      await cache.set('user:1', 'old', TTL);
      cache.connectionLost();
      inner.fail('clear');
      expect(await cache.get('user:1')).toBeNull();
      expect(breaker.state).toBe('open');
      inner.recover();
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('get')).toBe(0);
      clock.advance(COOLDOWN);
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.trace.slice(-2)).toEqual(['clear', 'get']);
    });
  });

  describe('the clear in flight', () => {
    it('is single-flight: calls arriving meanwhile wait for it, start no second clear, and are then served', async () => {
      const { cache, inner, clock } = setup();
      await cache.set('user:1', 'old', TTL);
      cache.connectionLost();
      const release = inner.holdClears();
      const first = cache.get('user:1');
      await tick();
      expect(inner.calls('clear')).toBe(1);

      const waiting = [cache.get('user:1'), cache.lookup('user:1'), cache.generation('user:1')];
      clock.advance(10 * COOLDOWN); // even once a lost probe would be given up on
      waiting.push(cache.get('user:1'));
      await tick();
      expect(inner.calls('clear')).toBe(1);
      expect(inner.trace.filter((method) => method !== 'set' && method !== 'clear')).toEqual([]); // nobody served yet

      release();
      expect(await first).toBeNull();
      const [get, lookup, generation, late] = await Promise.all(waiting);
      expect(get).toBeNull(); // 'old' is behind the clear
      expect(lookup).toMatchObject({ value: null });
      expect((lookup as { generation: unknown }).generation).not.toBeNull();
      expect(generation).not.toBeNull();
      expect(late).toBeNull();
      await inner.real.set('user:1', 'fresh', TTL);
      expect(await cache.get('user:1')).toBe('fresh');
      expect(inner.calls('clear')).toBe(1);
    });

    it('lets a write that arrives while it is in flight go straight through: no second clear', async () => {
      const { cache, inner } = setup();
      cache.connectionLost();
      const release = inner.holdClears();
      const first = cache.get('user:1');
      await tick();
      await cache.writeThrough('user:1', 'new', TTL, null);
      expect(inner.calls('writeThrough')).toBe(1); // writes never wait
      release();
      expect(await first).toBeNull();
      expect(cache.available).toBe(true);
      expect(await cache.get('user:1')).toBeNull(); // written through with an unknown generation: deleted
      expect(inner.calls('clear')).toBe(1);
    });

    it('keeps the cache dirty when a write fails while it is in flight: one more clear follows', async () => {
      const { cache, inner, clock } = setup();
      cache.connectionLost();
      const release = inner.holdClears();
      const first = cache.get('user:1');
      await tick();
      inner.fail('delete');
      const write = cache.delete('user:1');
      release();
      expect(await first).toBeNull();
      await write; // failed: lost
      inner.recover();
      expect(cache.available).toBe(false);
      await inner.real.set('user:1', 'old', TTL);
      clock.advance(COOLDOWN); // the failed delete opened the breaker
      expect(await cache.get('user:1')).toBeNull();
      expect(inner.calls('clear')).toBe(2);
      expect(inner.trace.slice(-2)).toEqual(['clear', 'get']);
      expect(cache.available).toBe(true);
    });
  });

  describe('RangeErrors are bugs, not outages', () => {
    it('throws for a bad key even while unavailable, and never spends the probe on it', async () => {
      const { cache, inner, clock, breaker } = setup();
      inner.fail('lookup');
      await cache.lookup('user:1'); // opens the breaker
      inner.recover();
      await expect(cache.get('user:1#gen')).rejects.toThrow(RangeError); // while open
      clock.advance(COOLDOWN);
      await expect(cache.get('user:1#gen')).rejects.toThrow(RangeError); // would have been the probe
      expect(breaker.state).toBe('open');
      await inner.real.set('user:1', 'v', TTL);
      expect(await cache.get('user:1')).toBe('v'); // the real probe
      expect(breaker.state).toBe('closed');
    });

    it('still throws for a reserved key or a bad TTL, and stays available', async () => {
      const { cache, breaker, logs } = setup();
      await expect(cache.get('user:1#gen')).rejects.toThrow(RangeError);
      await expect(cache.lookup('user:1#gen')).rejects.toThrow(RangeError);
      await expect(cache.delete('user:1', 'user:1#gen')).rejects.toThrow(RangeError);
      await expect(cache.set('user:1', 'v', 0)).rejects.toThrow(RangeError);
      await expect(cache.writeThrough('user:1', 'v', 1.5, 0)).rejects.toThrow(RangeError);
      expect(breaker.state).toBe('closed');
      expect(cache.available).toBe(true);
      expect(logs).toEqual([]);
    });
  });

  describe('logs', () => {
    it('warns once per outage, with the error, and says when the cache is back', async () => {
      const { cache, inner, clock, logs } = setup();
      inner.fail('get');
      await cache.get('a');
      clock.advance(COOLDOWN);
      await cache.get('a'); // a failed probe: the same outage
      await cache.get('a');
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatchObject({
        level: WARN,
        msg: 'cache unavailable: serving from the database until it is back',
        err: { message: 'connection refused (get)' },
      });

      inner.recover();
      clock.advance(2 * COOLDOWN);
      await cache.get('a');
      await cache.get('a');
      expect(logs.slice(1)).toEqual([expect.objectContaining({ level: INFO, msg: 'cache is back' })]);

      inner.fail('get'); // a second outage is reported again
      await cache.get('a');
      expect(logs.slice(2)).toEqual([expect.objectContaining({ level: WARN, msg: 'cache unavailable: serving from the database until it is back' })]);
    });

    it('says the cache was cleared, then that it is back, after an outage that lost writes', async () => {
      const { cache, inner, clock, logs } = setup();
      inner.failAll();
      await cache.delete('a');
      await cache.delete('b');
      inner.recover();
      clock.advance(COOLDOWN);
      await cache.get('a');
      expect(logs.map(({ level, msg }) => ({ level, msg }))).toEqual([
        { level: WARN, msg: 'cache unavailable: serving from the database until it is back' },
        { level: INFO, msg: 'cache cleared: nothing cached before the lost writes will be served' },
        { level: INFO, msg: 'cache is back' },
      ]);
    });
  });
});
