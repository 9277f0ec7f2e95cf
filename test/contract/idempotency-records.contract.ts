import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimRequest, IdempotencyScope, StoredAnswer } from '../../src/application/ports/idempotency-records.ts';
import type { UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import { at, type ContractContext } from './user-fixtures.ts';

const ANSWER: StoredAnswer = { status: 201, headers: { Location: '/api/posts/1', ETag: '"1"' }, body: '{"data":{"id":"1","title":"ü \\"x\\""}}' };

let serial = 0;

/**
 * The IdempotencyRecords contract, run against every adapter: one claim per caller and key (also
 * under concurrency), replay of a kept answer for the same request only, a running claim, takeover
 * past its lease or expiry, release of unanswered claims only, the unit of work's all-or-nothing,
 * and bounded retention.
 */
export function idempotencyRecordsContract(name: string, setup: () => Promise<ContractContext>): void {
  describe(`IdempotencyRecords contract: ${name}`, () => {
    let context: ContractContext | undefined;
    const uow = (): UnitOfWork => {
      if (!context) throw new Error('contract setup did not complete');
      return context.uow;
    };
    let scope: IdempotencyScope;
    const request = (fields: Partial<ClaimRequest> = {}): ClaimRequest => ({
      scope,
      requestHash: 'a'.repeat(64),
      token: `token-${++serial}`,
      now: at(0),
      leaseUntil: at(1),
      expiresAt: at(24 * 60),
      ...fields,
    });
    const claim = (fields: Partial<ClaimRequest> = {}) => uow().read(({ idempotency }) => idempotency.claim(request(fields)));
    const complete = (token: string, answer = ANSWER, of = scope) => uow().transaction(({ idempotency }) => idempotency.complete(of, token, answer));
    const release = (token: string) => uow().read(({ idempotency }) => idempotency.release(scope, token));
    const claimed = async (fields: Partial<ClaimRequest> = {}) => {
      const result = await claim(fields);
      if (result.outcome !== 'claimed') throw new Error(`expected a claim, got ${result.outcome}`);
      return result.token;
    };

    beforeAll(async () => {
      context = await setup();
    });
    afterAll(async () => {
      await context?.close();
    });
    beforeEach(async () => {
      await context?.reset();
      scope = { caller: `user:${++serial}`, key: `key-${serial}` };
    });

    it('claims a free key, then answers running, replay or reused', async () => {
      const token = await claimed({ token: 'first' });
      expect(token).toBe('first');
      expect(await claim({ now: at(0.5) })).toEqual({ outcome: 'running' });
      expect(await claim({ requestHash: 'b'.repeat(64) })).toEqual({ outcome: 'reused' });
      expect(await complete(token)).toBe(true);
      expect(await claim({ now: at(5) })).toEqual({ outcome: 'replay', answer: ANSWER });
      expect(await claim({ now: at(5), requestHash: 'b'.repeat(64) })).toEqual({ outcome: 'reused' });
    });

    it('scopes keys per caller', async () => {
      await claimed();
      await claimed({ scope: { caller: `${scope.caller}-other`, key: scope.key } });
      await claimed({ scope: { caller: scope.caller, key: `${scope.key}-other` } });
    });

    it('completes only the holder claim, once', async () => {
      const token = await claimed();
      expect(await complete('not-the-token')).toBe(false);
      expect(await complete(token)).toBe(true);
      expect(await complete(token, { ...ANSWER, status: 202 })).toBe(false);
      expect(await claim({ now: at(2) })).toEqual({ outcome: 'replay', answer: ANSWER });
    });

    it('keeps no answer from a transaction that rolled back', async () => {
      const token = await claimed();
      await expect(
        uow().transaction(async ({ idempotency }) => {
          await idempotency.complete(scope, token, ANSWER);
          throw new Error('the create failed');
        }),
      ).rejects.toThrow('the create failed');
      expect(await claim({ now: at(0.5) })).toEqual({ outcome: 'running' });
    });

    it('releases an unanswered claim (the key is free again), never an answered one', async () => {
      const first = await claimed();
      await release('not-the-token');
      expect(await claim({ now: at(0.5) })).toEqual({ outcome: 'running' });
      await release(first);
      const second = await claimed({ requestHash: 'b'.repeat(64) });
      expect(await complete(second)).toBe(true);
      await release(second);
      expect(await claim({ requestHash: 'b'.repeat(64), now: at(2) })).toEqual({ outcome: 'replay', answer: ANSWER });
    });

    it('takes over a running claim past its lease; the late holder can no longer complete', async () => {
      const stale = await claimed();
      const taken = await claimed({ now: at(1), leaseUntil: at(2), requestHash: 'b'.repeat(64) });
      expect(await complete(stale)).toBe(false);
      expect(await complete(taken)).toBe(true);
    });

    it('frees an answered key once it has expired', async () => {
      expect(await complete(await claimed())).toBe(true);
      expect((await claim({ now: at(24 * 60 - 1) })).outcome).toBe('replay');
      await claimed({ now: at(24 * 60), requestHash: 'b'.repeat(64), leaseUntil: at(24 * 60 + 1), expiresAt: at(48 * 60) });
    });

    it('of concurrent claims of one key, exactly one gets it', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => claim()));
      expect(results.filter((result) => result.outcome === 'claimed')).toHaveLength(1);
      expect(results.filter((result) => result.outcome === 'running')).toHaveLength(9);
    });

    it('deletes keys that expired before the given time, in bounded batches', async () => {
      const keys = ['k1', 'k2', 'k3'];
      for (const [index, key] of keys.entries()) {
        const token = await claimed({ scope: { caller: scope.caller, key }, expiresAt: at(index) });
        await complete(token, ANSWER, { caller: scope.caller, key });
      }
      await claimed({ expiresAt: at(10) });
      const sweep = (before: Date, limit: number) => uow().read(({ idempotency }) => idempotency.deleteExpiredBefore(before, limit));
      expect(await sweep(at(2), 1)).toBe(1);
      expect(await sweep(at(2), 10)).toBe(1);
      expect(await sweep(at(2), 10)).toBe(0);
      // What is left: k3 (expires at 2) and the running claim (expires at 10).
      expect((await claim({ scope: { caller: scope.caller, key: 'k3' }, now: at(1) })).outcome).toBe('replay');
      expect((await claim({ now: at(0.5) })).outcome).toBe('running');
    });
  });
}
