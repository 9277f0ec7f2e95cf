import type { Logger } from 'pino';
import { assertCacheKey, assertTtlSeconds, type Cache, type CacheLookup, type Generation } from '../../application/ports/cache.ts';
import type { CircuitBreaker } from '../system/circuit-breaker.ts';

const UNAVAILABLE: CacheLookup = { value: null, generation: null };

/**
 * Keeps a remote cache's outage from becoming the service's: no method throws for it (a failed
 * call answers like a miss, a refused write-back or an unknown generation, and the caller reads
 * PostgreSQL), and a circuit breaker stops calling while it is down, so requests do not each wait
 * out a timeout.
 *
 * Never stale after an outage: a delete or write-through that failed may have left an old value
 * behind, and a Redis that restarts from its snapshot brings old values back. So every failed
 * write, and every lost connection (`connectionLost`), marks the cache dirty, and a dirty cache
 * serves nothing until `clear()` has succeeded (one epoch bump, see RedisCache); that clear is the
 * breaker's probe. Other instances that saw the same outage do the same; the one case left is an
 * instance cut off from Redis alone, whose lost invalidations others may serve until it is back
 * and clears (README, "Cache").
 *
 * Bad keys and TTLs still throw RangeErrors, checked before anything else: they are bugs, not
 * outages, and never stand in for the breaker's probe.
 */
export class ResilientCache implements Cache {
  readonly #inner: Cache;
  readonly #breaker: CircuitBreaker;
  readonly #logger: Logger;
  /** Writes lost (failed, or skipped while unavailable) since start; a clear covers those before it began. */
  #lostWrites = 0;
  #clearedUpTo = 0;
  #clearing: Promise<boolean> | null = null;
  #recoveryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #recoveryDelayMs: number;
  #reportedDown = false;

  /** `recoveryDelayMs`: how soon a dirty cache first retries its clear (then backing off). */
  constructor(inner: Cache, breaker: CircuitBreaker, logger: Logger, options: { recoveryDelayMs?: number } = {}) {
    this.#inner = inner;
    this.#breaker = breaker;
    this.#logger = logger;
    this.#recoveryDelayMs = options.recoveryDelayMs ?? 250;
  }

  /** Whether calls reach the cache now: the circuit is closed and nothing is waiting to be cleared. */
  get available(): boolean {
    return this.#breaker.state === 'closed' && !this.#dirty;
  }

  /**
   * For /readyz: whether the cache is usable, after trying to make it so (the breaker's probe, and
   * the clear a dirty cache needs), so readiness recovers without waiting for traffic.
   */
  async usable(): Promise<boolean> {
    await this.#call(() => this.#inner.generation('readiness-probe'), null, 'read');
    return this.available;
  }

  /** The connection dropped: whatever happened meanwhile is unknown, so clear before serving again. */
  connectionLost(): void {
    this.#lost();
  }

  /** Stops the recovery timer (at shutdown). */
  close(): void {
    clearTimeout(this.#recoveryTimer);
    this.#recoveryTimer = undefined;
  }

  async get(key: string): Promise<string | null> {
    assertCacheKey(key);
    return this.#call(() => this.#inner.get(key), null, 'read');
  }

  async lookup(key: string): Promise<CacheLookup> {
    assertCacheKey(key);
    return this.#call(() => this.#inner.lookup(key), UNAVAILABLE, 'read');
  }

  async set(key: string, value: string, ttlSeconds: number): Promise<void> {
    checked(key, ttlSeconds);
    return this.#call(() => this.#inner.set(key, value, ttlSeconds), undefined, 'write');
  }

  async delete(...keys: string[]): Promise<void> {
    keys.forEach(assertCacheKey);
    return this.#call(() => this.#inner.delete(...keys), undefined, 'write');
  }

  async generation(key: string): Promise<Generation> {
    assertCacheKey(key);
    return this.#call(() => this.#inner.generation(key), null, 'read');
  }

  /** A write-back that fails stored nothing that matters: it was only ever allowed to add a value. */
  async setIfGeneration(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean> {
    checked(key, ttlSeconds);
    return this.#call(() => this.#inner.setIfGeneration(key, value, ttlSeconds, generation), false, 'read');
  }

  async writeThrough(key: string, value: string, ttlSeconds: number, generation: Generation): Promise<boolean> {
    checked(key, ttlSeconds);
    return this.#call(() => this.#inner.writeThrough(key, value, ttlSeconds, generation), false, 'write');
  }

  async clear(): Promise<void> {
    return this.#call(() => this.#inner.clear(), undefined, 'write');
  }

  get #dirty(): boolean {
    return this.#lostWrites > this.#clearedUpTo;
  }

  /**
   * Reads go through the breaker (and wait for a clear the cache needs). Writes (what writers send
   * after a commit: write-through, delete, clear) are always attempted, breaker open or not: a write
   * skipped here would leave other instances serving the old value until this one next touched the
   * cache, and each is bounded by the command timeout. A failed write marks the cache dirty and
   * schedules a clear that does not wait for traffic.
   */
  async #call<T>(work: () => Promise<T>, fallback: T, kind: 'read' | 'write'): Promise<T> {
    if (kind === 'read' && !(await this.#ready())) return fallback;
    try {
      const result = await work();
      this.#succeeded();
      return result;
    } catch (error) {
      if (kind === 'write') this.#lost();
      this.#failed(error);
      return fallback;
    }
  }

  #lost(): void {
    this.#lostWrites++;
    this.#scheduleRecovery();
  }

  /**
   * Retries the clear a dirty cache needs on a timer, backing off to 5 s, until it succeeds: every
   * instance serves from Redis, so the sooner the lost writes are covered the better, traffic or not.
   */
  #scheduleRecovery(delayMs = this.#recoveryDelayMs): void {
    if (this.#recoveryTimer) return;
    this.#recoveryTimer = setTimeout(async () => {
      this.#recoveryTimer = undefined;
      if (!this.#dirty) return;
      await this.#ready();
      if (this.#dirty) this.#scheduleRecovery(Math.min(delayMs * 2, 5000));
    }, delayMs);
    this.#recoveryTimer.unref?.();
  }

  /**
   * Closed and clean; or the probe, which first clears if writes were lost. Calls arriving while a
   * clear is in flight wait for it rather than skip: a write skipped then would be lost again and
   * need another clear, so under steady writes the cache would never come back. The clear is one
   * command under the client's timeout, so the wait is short and bounded.
   */
  async #ready(): Promise<boolean> {
    if (this.#clearing) return this.#clearing;
    if (!this.#dirty) return this.#breaker.allows();
    if (!this.#breaker.allows()) return false;
    this.#clearing = this.#clearLostWrites().finally(() => {
      this.#clearing = null;
    });
    return this.#clearing;
  }

  async #clearLostWrites(): Promise<boolean> {
    const upTo = this.#lostWrites;
    try {
      await this.#inner.clear();
    } catch (error) {
      this.#failed(error);
      return false;
    }
    this.#clearedUpTo = Math.max(this.#clearedUpTo, upTo);
    this.#logger.info('cache cleared: nothing cached before the lost writes will be served');
    this.#succeeded();
    return !this.#dirty;
  }

  #succeeded(): void {
    this.#breaker.succeeded();
    if (!this.#reportedDown) return;
    this.#reportedDown = false;
    this.#logger.info('cache is back');
  }

  #failed(error: unknown): void {
    this.#breaker.failed();
    if (this.#reportedDown) return;
    this.#reportedDown = true; // one line per outage, not one per request
    this.#logger.warn({ err: error }, 'cache unavailable: serving from the database until it is back');
  }
}

function checked(key: string, ttlSeconds: number): void {
  assertCacheKey(key);
  assertTtlSeconds(ttlSeconds);
}
