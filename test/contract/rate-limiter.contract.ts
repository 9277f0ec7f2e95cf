import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RateLimiter, RateLimitPolicy } from '../../src/application/ports/rate-limiter.ts';

export type RateLimiterContractContext = {
  limiter: RateLimiter;
  /** Releases whatever `setup` made (and removes any keys it wrote). */
  close(): Promise<void>;
};

const POLICY: RateLimitPolicy = { name: 'default', max: 3, windowSeconds: 60 };

/** Real time, not a test clock: Redis expires keys on its own clock. */
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The RateLimiter contract: the in-process adapter and Redis run these same tests, so the fake
 * cannot drift from the real thing. `setup` runs before each test and must hand out a limiter
 * with no hits counted; time runs for real, so the window tests take a few seconds.
 */
export function rateLimiterContract(adapterName: string, setup: () => Promise<RateLimiterContractContext>): void {
  describe(`RateLimiter contract: ${adapterName}`, () => {
    let context: RateLimiterContractContext | undefined;
    const limiter = (): RateLimiter => {
      if (!context) throw new Error('contract setup did not complete');
      return context.limiter;
    };
    const hits = async (policy: RateLimitPolicy, key: string, count: number) => {
      const decisions = [];
      for (let i = 0; i < count; i++) decisions.push(await limiter().hit(policy, key));
      return decisions;
    };

    beforeEach(async () => {
      context = await setup();
    });
    afterEach(async () => {
      await context?.close();
      context = undefined;
    });

    it('allows exactly max hits, counting remaining down to 0, then refuses with remaining 0', async () => {
      const decisions = await hits(POLICY, 'client', 5);
      expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false, false]);
      expect(decisions.map((d) => d.remaining)).toEqual([2, 1, 0, 0, 0]);
    });

    it('reports the policy max as the limit, allowed or not', async () => {
      const decisions = await hits({ name: 'tight', max: 2, windowSeconds: 60 }, 'client', 4);
      expect(decisions.map((d) => d.limit)).toEqual([2, 2, 2, 2]);
    });

    it('keys are independent', async () => {
      await hits(POLICY, 'a', 3);
      expect((await limiter().hit(POLICY, 'a')).allowed).toBe(false);
      expect(await limiter().hit(POLICY, 'b')).toMatchObject({ allowed: true, remaining: 2 });
    });

    it('policies with different names are independent for the same key, each with its own max', async () => {
      const strict: RateLimitPolicy = { name: 'login', max: 1, windowSeconds: 900 };
      expect((await limiter().hit(strict, 'client')).allowed).toBe(true);
      expect((await limiter().hit(strict, 'client')).allowed).toBe(false);
      expect(await limiter().hit(POLICY, 'client')).toMatchObject({ allowed: true, remaining: 2, limit: 3 });
      expect(await limiter().hit(strict, 'client')).toMatchObject({ allowed: false, limit: 1 });
    });

    it('policy names and keys that look alike when joined do not share a window', async () => {
      const a: RateLimitPolicy = { name: 'x', max: 1, windowSeconds: 60 };
      const b: RateLimitPolicy = { name: 'x:', max: 1, windowSeconds: 60 };
      await limiter().hit(a, ':y');
      expect((await limiter().hit(b, 'y')).allowed).toBe(true);
    });

    it('resetSeconds is the whole window at the first hit and stays within 1..windowSeconds', async () => {
      const decisions = await hits(POLICY, 'client', 5);
      expect(decisions[0]?.resetSeconds).toBe(60);
      for (const { resetSeconds } of decisions) {
        expect(resetSeconds).toBeGreaterThanOrEqual(1);
        expect(resetSeconds).toBeLessThanOrEqual(60);
      }
    });

    it('allows the key again once its window has passed', async () => {
      const policy: RateLimitPolicy = { name: 'short', max: 2, windowSeconds: 1 };
      const decisions = await hits(policy, 'client', 3);
      expect(decisions[2]).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 1 });
      await sleep(1100);
      expect(await limiter().hit(policy, 'client')).toMatchObject({ allowed: true, remaining: 1, resetSeconds: 1 });
    });

    it('a refused hit says when to retry, and retrying early does not move the end of the window', async () => {
      const policy: RateLimitPolicy = { name: 'retry', max: 1, windowSeconds: 2 };
      expect(await limiter().hit(policy, 'client')).toMatchObject({ allowed: true, resetSeconds: 2 });
      await sleep(1100);
      expect(await limiter().hit(policy, 'client')).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 1 });
      await sleep(1000); // 2.1 s after the first hit: a window restarted by the refused hit would still run
      expect(await limiter().hit(policy, 'client')).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 2 });
    });

    it('peek counts nothing: a fresh key reports the whole budget and window, and stays fresh', async () => {
      for (let i = 0; i < 5; i++) expect(await limiter().peek(POLICY, 'looker')).toEqual({ allowed: true, limit: 3, remaining: 3, resetSeconds: 60 });
      expect(await limiter().hit(POLICY, 'looker')).toMatchObject({ allowed: true, remaining: 2 });
    });

    it('peek reports where hits left the key: allowed while a hit would be, then not, with the time to retry', async () => {
      await hits(POLICY, 'client', 2);
      expect(await limiter().peek(POLICY, 'client')).toMatchObject({ allowed: true, limit: 3, remaining: 1 });
      await hits(POLICY, 'client', 1);
      const blocked = await limiter().peek(POLICY, 'client');
      expect(blocked).toMatchObject({ allowed: false, limit: 3, remaining: 0 });
      expect(blocked.resetSeconds).toBeGreaterThanOrEqual(1);
      expect(blocked.resetSeconds).toBeLessThanOrEqual(60);
      await hits(POLICY, 'client', 2); // refused hits: still blocked, never below 0
      expect(await limiter().peek(POLICY, 'client')).toMatchObject({ allowed: false, remaining: 0 });
      expect(await limiter().peek(POLICY, 'other')).toMatchObject({ allowed: true, remaining: 3 });
      expect(await limiter().peek({ ...POLICY, name: 'another' }, 'client')).toMatchObject({ allowed: true, remaining: 3 });
    });

    it('peek does not move the end of the window, and sees it pass', async () => {
      const policy: RateLimitPolicy = { name: 'peeked', max: 1, windowSeconds: 2 };
      await limiter().hit(policy, 'client');
      await sleep(1100);
      expect(await limiter().peek(policy, 'client')).toMatchObject({ allowed: false, resetSeconds: 1 });
      await sleep(1000);
      expect(await limiter().peek(policy, 'client')).toEqual({ allowed: true, limit: 1, remaining: 1, resetSeconds: 2 });
      expect(await limiter().hit(policy, 'client')).toMatchObject({ allowed: true, remaining: 0, resetSeconds: 2 });
    });

    it('concurrent peeks and hits on one key: hits stay exact, and a peek after them sees every one', async () => {
      const policy: RateLimitPolicy = { name: 'mixed', max: 20, windowSeconds: 60 };
      const all = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? limiter().hit(policy, 'hot') : limiter().peek(policy, 'hot'))));
      const hitDecisions = all.filter((_, i) => i % 2 === 0);
      expect(hitDecisions.filter((d) => d.allowed)).toHaveLength(20);
      expect(await limiter().peek(policy, 'hot')).toMatchObject({ allowed: false, remaining: 0 });
    });

    it('of 200 concurrent hits on one key with max 37, exactly 37 are allowed, each with its own remaining', async () => {
      const policy: RateLimitPolicy = { name: 'burst', max: 37, windowSeconds: 60 };
      const decisions = await Promise.all(Array.from({ length: 200 }, () => limiter().hit(policy, 'hot')));
      const allowed = decisions.filter((d) => d.allowed);
      const refused = decisions.filter((d) => !d.allowed);
      expect(allowed).toHaveLength(37);
      expect(allowed.map((d) => d.remaining).sort((x, y) => x - y)).toEqual(Array.from({ length: 37 }, (_, i) => i));
      for (const d of refused) {
        expect(d.remaining).toBe(0);
        expect(d.resetSeconds).toBeGreaterThanOrEqual(1);
        expect(d.resetSeconds).toBeLessThanOrEqual(60);
      }
      expect((await limiter().hit(policy, 'hot')).allowed).toBe(false);
    });
  });
}
