import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FallbackRateLimiter } from '../../../../src/adapters/rate-limit/fallback-rate-limiter.ts';
import { InMemoryRateLimiter } from '../../../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import { CircuitBreaker } from '../../../../src/adapters/system/circuit-breaker.ts';
import type { RateLimitDecision, RateLimiter, RateLimitPolicy } from '../../../../src/application/ports/rate-limiter.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';

/** Fault injection around a real limiter: while failing, a hit rejects without reaching it. Counts every hit that reaches it. */
class FlakyLimiter implements RateLimiter {
  readonly real: RateLimiter;
  failing = false;
  calls = 0;

  constructor(real: RateLimiter) {
    this.real = real;
  }

  async hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    this.calls++;
    if (this.failing) throw new Error('connection refused');
    return this.real.hit(policy, key);
  }

  async peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    this.calls++;
    if (this.failing) throw new Error('connection refused');
    return this.real.peek(policy, key);
  }
}

/** Counts the hits the local limiter answers, and still answers them with the real one. */
class CountingLimiter implements RateLimiter {
  readonly real: RateLimiter;
  calls = 0;

  constructor(real: RateLimiter) {
    this.real = real;
  }

  hit(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    this.calls++;
    return this.real.hit(policy, key);
  }

  peek(policy: RateLimitPolicy, key: string): Promise<RateLimitDecision> {
    this.calls++;
    return this.real.peek(policy, key);
  }
}

type LogLine = { level: number; msg: string; err?: { message?: string } };

const COOLDOWN = 1000;
const login: RateLimitPolicy = { name: 'login', max: 3, windowSeconds: 60 };
const general: RateLimitPolicy = { name: 'general', max: 100, windowSeconds: 60 };

function setup() {
  const clock = new FixedClock();
  const sharedReal = new InMemoryRateLimiter(clock);
  const localReal = new InMemoryRateLimiter(clock);
  const shared = new FlakyLimiter(sharedReal);
  const local = new CountingLimiter(localReal);
  const logs: LogLine[] = [];
  const logger = pino({ level: 'debug' }, { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) });
  const breaker = new CircuitBreaker({ clock, initialCooldownMs: COOLDOWN, maxCooldownMs: 8 * COOLDOWN });
  const limiter = new FallbackRateLimiter({ shared, local, breaker, logger });
  return { clock, shared, local, sharedReal, localReal, logs, breaker, limiter };
}

describe('FallbackRateLimiter', () => {
  it('uses the shared limiter while it answers, and leaves the local one untouched', async () => {
    const { limiter, shared, local, localReal } = setup();
    expect(await limiter.hit(general, 'ip-1')).toMatchObject({ allowed: true, limit: 100, remaining: 99 });
    expect(await limiter.hit(general, 'ip-1')).toMatchObject({ allowed: true, remaining: 98 });
    expect(shared.calls).toBe(2);
    expect(local.calls).toBe(0);
    // the local limiter counted nothing: its first hit for the key is its own first
    expect(await localReal.hit(general, 'ip-1')).toMatchObject({ remaining: 99 });
  });

  it('answers the hit that failed on the shared limiter with the local one', async () => {
    const { limiter, shared, local, breaker } = setup();
    await limiter.hit(general, 'ip-1');
    shared.failing = true;
    const decision = await limiter.hit(general, 'ip-1');
    expect(shared.calls).toBe(2);
    expect(local.calls).toBe(1);
    expect(decision).toEqual({ allowed: true, limit: 100, remaining: 99, resetSeconds: 60 }); // the local count
    expect(breaker.state).toBe('open');
  });

  it('does not call the shared limiter while the breaker is open', async () => {
    const { limiter, shared, local, clock } = setup();
    shared.failing = true;
    await limiter.hit(general, 'ip-1');
    expect(shared.calls).toBe(1);
    for (let i = 0; i < 5; i++) await limiter.hit(general, 'ip-1');
    clock.advance(COOLDOWN - 1);
    expect(await limiter.hit(general, 'ip-1')).toMatchObject({ allowed: true, remaining: 93 });
    expect(shared.calls).toBe(1);
    expect(local.calls).toBe(7);
  });

  it('probes the shared limiter after the cooldown and uses it again once it answers', async () => {
    const { limiter, shared, local, clock, sharedReal } = setup();
    await limiter.hit(general, 'ip-1'); // shared: 1 hit
    shared.failing = true;
    await limiter.hit(general, 'ip-1'); // local: 1 hit
    shared.failing = false;
    clock.advance(COOLDOWN);
    expect(await limiter.hit(general, 'ip-1')).toMatchObject({ allowed: true, remaining: 98 }); // the shared count resumes
    expect(await limiter.hit(general, 'ip-1')).toMatchObject({ allowed: true, remaining: 97 });
    expect(shared.calls).toBe(4);
    expect(local.calls).toBe(1);
    expect(await sharedReal.hit(general, 'ip-1')).toMatchObject({ remaining: 96 });
  });

  it('sends only one probe at a time; the other hits are counted locally', async () => {
    const { limiter, shared, local, clock } = setup();
    shared.failing = true;
    await limiter.hit(general, 'ip-1');
    shared.failing = false;
    clock.advance(COOLDOWN);
    await Promise.all([limiter.hit(general, 'ip-1'), limiter.hit(general, 'ip-1'), limiter.hit(general, 'ip-1')]);
    expect(shared.calls).toBe(2);
    expect(local.calls).toBe(3);
  });

  it('waits twice as long after a failed probe', async () => {
    const { limiter, shared, clock } = setup();
    shared.failing = true;
    await limiter.hit(general, 'ip-1');
    clock.advance(COOLDOWN);
    await limiter.hit(general, 'ip-1'); // the probe fails
    expect(shared.calls).toBe(2);
    clock.advance(2 * COOLDOWN - 1);
    await limiter.hit(general, 'ip-1');
    expect(shared.calls).toBe(2);
    clock.advance(1);
    await limiter.hit(general, 'ip-1');
    expect(shared.calls).toBe(3);
  });

  it('still enforces login limits during an outage: max hits allowed, the next refused', async () => {
    const { limiter, shared, clock } = setup();
    shared.failing = true;
    const decisions: RateLimitDecision[] = [];
    for (let i = 0; i < login.max + 2; i++) {
      decisions.push(await limiter.hit(login, 'ada@example.com'));
      clock.advance(100); // within the cooldown: every hit is answered locally
    }
    expect(decisions.map((decision) => decision.allowed)).toEqual([true, true, true, false, false]);
    expect(decisions.map((decision) => decision.remaining)).toEqual([2, 1, 0, 0, 0]);
    // another key has its own count
    expect(await limiter.hit(login, 'grace@example.com')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('counts every hit of an outage in one local window, probes included', async () => {
    const { limiter, shared, clock } = setup();
    shared.failing = true;
    const allowed: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      allowed.push((await limiter.hit(login, 'ada@example.com')).allowed);
      clock.advance(COOLDOWN * 4); // every hit after the first is a failed probe
    }
    expect(shared.calls).toBe(4);
    expect(allowed).toEqual([true, true, true, false]);
  });

  it('peeks where it hits: the shared limiter while it answers, the local count during an outage', async () => {
    const { limiter, shared, local, clock } = setup();
    await limiter.hit(login, 'ada@example.com');
    expect(await limiter.peek(login, 'ada@example.com')).toMatchObject({ allowed: true, remaining: 2 });
    expect(local.calls).toBe(0);
    shared.failing = true;
    expect(await limiter.peek(login, 'ada@example.com')).toMatchObject({ allowed: true, remaining: 3 }); // the local window: nothing yet
    for (let i = 0; i < login.max; i++) await limiter.hit(login, 'ada@example.com');
    clock.advance(100);
    expect(await limiter.peek(login, 'ada@example.com')).toMatchObject({ allowed: false, remaining: 0 });
    expect(shared.calls).toBe(3); // the breaker opened at the failed peek: nothing more reached it
  });

  it('warns once per outage, with the error, and says when limits are shared again', async () => {
    const { limiter, shared, clock, logs } = setup();
    await limiter.hit(general, 'ip-1');
    expect(logs).toEqual([]);
    shared.failing = true;
    await limiter.hit(general, 'ip-1');
    clock.advance(COOLDOWN);
    await limiter.hit(general, 'ip-1'); // a failed probe: the same outage
    await limiter.hit(general, 'ip-1');
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      level: 40,
      msg: 'rate limiter unavailable: counting in this process until it is back',
      err: { message: 'connection refused' },
    });
    shared.failing = false;
    clock.advance(2 * COOLDOWN);
    await limiter.hit(general, 'ip-1');
    await limiter.hit(general, 'ip-1');
    expect(logs.slice(1)).toEqual([expect.objectContaining({ level: 30, msg: 'rate limits are shared again' })]);
    shared.failing = true;
    await limiter.hit(general, 'ip-1');
    expect(logs).toHaveLength(3);
    expect(logs[2]).toMatchObject({ level: 40 });
  });
});
