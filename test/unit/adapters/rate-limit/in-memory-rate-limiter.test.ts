import { describe, expect, it } from 'vitest';
import { InMemoryRateLimiter } from '../../../../src/adapters/rate-limit/in-memory-rate-limiter.ts';
import type { RateLimitPolicy } from '../../../../src/application/ports/rate-limiter.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';

const POLICY: RateLimitPolicy = { name: 'default', max: 3, windowSeconds: 60 };

function setup() {
  const clock = new FixedClock();
  return { clock, limiter: new InMemoryRateLimiter(clock) };
}

// What both adapters must do is in test/contract/rate-limiter.contract.ts; these pin the window
// arithmetic on a clock the test moves, which real-time contract tests cannot do to the millisecond.
describe('InMemoryRateLimiter', () => {
  it('resetSeconds counts down to the end of the window, rounded up, and is never below 1', async () => {
    const { clock, limiter } = setup();
    expect((await limiter.hit(POLICY, 'client')).resetSeconds).toBe(60);
    clock.advance(20_500);
    expect((await limiter.hit(POLICY, 'client')).resetSeconds).toBe(40);
    clock.advance(39_000);
    const third = await limiter.hit(POLICY, 'client');
    expect(third).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 1 });
    clock.advance(400);
    expect(await limiter.hit(POLICY, 'client')).toMatchObject({ allowed: false, resetSeconds: 1 });
  });

  it('a new window starts once the old one has passed, not a moment before', async () => {
    const { clock, limiter } = setup();
    for (let i = 0; i < 3; i++) await limiter.hit(POLICY, 'client');
    clock.advance(59_999);
    expect((await limiter.hit(POLICY, 'client')).allowed).toBe(false);
    clock.advance(1);
    expect(await limiter.hit(POLICY, 'client')).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  it('a window is over at exactly its end, even when no sweep has just run', async () => {
    const { clock, limiter } = setup();
    await limiter.hit(POLICY, 'other'); // schedules the next sweep at 60 s
    clock.advance(10_000);
    for (let i = 0; i < 3; i++) await limiter.hit(POLICY, 'client'); // window ends at 70 s
    clock.advance(50_000);
    await limiter.hit(POLICY, 'other'); // the sweep runs now, at 60 s; the next one is not before 120 s
    clock.advance(10_000);
    expect(await limiter.hit(POLICY, 'client')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('the window starts at the first hit, not at a fixed boundary', async () => {
    const { clock, limiter } = setup();
    clock.advance(45_000);
    for (let i = 0; i < 3; i++) await limiter.hit(POLICY, 'client');
    clock.advance(30_000); // past a minute boundary, but only 30 s into this key's window
    expect((await limiter.hit(POLICY, 'client')).allowed).toBe(false);
  });

  it('policies are independent for the same key, each with its own max and window', async () => {
    const { clock, limiter } = setup();
    const strict: RateLimitPolicy = { name: 'login', max: 1, windowSeconds: 900 };
    expect((await limiter.hit(strict, 'client')).allowed).toBe(true);
    expect((await limiter.hit(strict, 'client')).allowed).toBe(false);
    expect(await limiter.hit(POLICY, 'client')).toMatchObject({ allowed: true, remaining: 2, limit: 3 });
    clock.advance(60_000);
    expect((await limiter.hit(POLICY, 'client')).allowed).toBe(true);
    expect(await limiter.hit(strict, 'client')).toMatchObject({ allowed: false, resetSeconds: 840 });
  });

  it('keeps counting correctly for keys that live across a sweep of expired windows', async () => {
    const { clock, limiter } = setup();
    await limiter.hit(POLICY, 'old');
    clock.advance(30_000);
    for (let i = 0; i < 3; i++) await limiter.hit(POLICY, 'live');
    clock.advance(31_000); // 'old' expired and is swept; 'live' is still in its window
    await limiter.hit(POLICY, 'new');
    expect((await limiter.hit(POLICY, 'live')).allowed).toBe(false);
    expect(await limiter.hit(POLICY, 'old')).toMatchObject({ allowed: true, remaining: 2 });
  });
});
