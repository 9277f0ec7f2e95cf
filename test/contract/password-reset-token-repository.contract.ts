import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PasswordResetToken } from '../../src/application/ports/password-reset-token-repository.ts';
import type { Repositories, UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import type { User } from '../../src/domain/user.ts';
import { aUser, at, store, type ContractContext } from './user-fixtures.ts';

let serial = 0;

/** A token of `owner`, current from at(0) to at(30). */
function aToken(owner: User, fields: Partial<PasswordResetToken> = {}): PasswordResetToken {
  const label = `reset-token-${++serial}`;
  return { userId: owner.id, tokenHash: createHash('sha256').update(label).digest('hex'), createdAt: at(0), expiresAt: at(30), ...fields };
}

/**
 * The PasswordResetTokenRepository contract, run against every adapter: one token per user (a new
 * one voids the earlier), single use under concurrency, strict expiry, the user's foreign key and
 * its cascade, and the unit of work's all-or-nothing.
 */
export function passwordResetTokenRepositoryContract(name: string, setup: () => Promise<ContractContext>): void {
  describe(`PasswordResetTokenRepository contract: ${name}`, () => {
    let context: ContractContext | undefined;
    let owner: User;
    const uow = (): UnitOfWork => {
      if (!context) throw new Error('contract setup did not complete');
      return context.uow;
    };
    const tx = <T,>(work: (repos: Repositories) => Promise<T>) => uow().transaction(work);
    const replace = (token: PasswordResetToken) => tx(({ passwordResetTokens }) => passwordResetTokens.replace(token));
    const consume = (token: PasswordResetToken | string, now = at(1)) =>
      tx(({ passwordResetTokens }) => passwordResetTokens.consume(typeof token === 'string' ? token : token.tokenHash, now));
    const holderOf = (token: PasswordResetToken, now = at(1)) => uow().read(({ passwordResetTokens }) => passwordResetTokens.holderOf(token.tokenHash, now));

    beforeAll(async () => {
      context = await setup();
    });
    afterAll(async () => {
      await context?.close();
    });
    beforeEach(async () => {
      await context?.reset();
      owner = aUser();
      await store(uow(), owner);
    });

    it('consumes a current token once, answering its user; after that it is spent', async () => {
      const token = aToken(owner);
      await replace(token);
      expect(await holderOf(token)).toBe(owner.id);
      expect(await holderOf(token)).toBe(owner.id); // looking changes nothing
      expect(await consume(token)).toBe(owner.id);
      expect(await consume(token, at(2))).toBeNull();
      expect(await holderOf(token, at(2))).toBeNull();
    });

    it('knows no unknown token', async () => {
      expect(await consume('0'.repeat(64))).toBeNull();
      expect(await uow().read(({ passwordResetTokens }) => passwordResetTokens.holderOf('0'.repeat(64), at(1)))).toBeNull();
    });

    it('finds a token spent from its expiry on (strictly), to the millisecond', async () => {
      const expiresAt = new Date(at(30).getTime() + 456);
      const token = aToken(owner, { expiresAt });
      await replace(token);
      expect(await holderOf(token, new Date(expiresAt.getTime() - 1))).toBe(owner.id);
      expect(await holderOf(token, expiresAt)).toBeNull();
      expect(await consume(token, expiresAt)).toBeNull();
      expect(await consume(token, new Date(expiresAt.getTime() - 1))).toBe(owner.id);
    });

    it("voids a user's earlier token with a new one, used or not, and leaves other users' alone", async () => {
      const [first, second, third] = [aToken(owner), aToken(owner), aToken(owner)];
      const other = aUser();
      await store(uow(), other);
      const theirs = aToken(other);
      await replace(theirs);
      await replace(first);
      await replace(second);
      expect(await consume(first)).toBeNull();
      expect(await consume(second)).toBe(owner.id);
      await replace(third); // after a used one: a fresh, current token
      expect(await consume(third)).toBe(owner.id);
      expect(await consume(theirs)).toBe(other.id);
    });

    it('lets exactly one of several concurrent consumptions succeed', async () => {
      const token = aToken(owner);
      await replace(token);
      const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => consume(token)));
      expect(outcomes.filter((outcome) => outcome === owner.id)).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(4);
    });

    it('keeps one token per user when new ones are stored concurrently: the others are void', async () => {
      const tokens = [1, 2, 3, 4].map(() => aToken(owner));
      await Promise.all(tokens.map((token) => replace(token)));
      const holders = await Promise.all(tokens.map((token) => holderOf(token)));
      expect(holders.filter((holder) => holder === owner.id)).toHaveLength(1);
    });

    it('retention removes tokens expired before the cutoff, used or not, a batch at a time', async () => {
      const users = [aUser(), aUser(), aUser()];
      await store(uow(), ...users);
      const [gone1, gone2, kept] = [aToken(users[0]!, { expiresAt: at(10) }), aToken(users[1]!, { expiresAt: at(20) }), aToken(users[2]!, { expiresAt: at(30) })];
      for (const token of [gone1, gone2, kept]) await replace(token);
      await consume(gone2, at(5));
      await consume(kept, at(5));
      const remove = (before: Date, limit: number) => uow().read(({ passwordResetTokens }) => passwordResetTokens.deleteExpiredBefore(before, limit));
      expect(await remove(at(30), 1)).toBe(1);
      expect(await remove(at(30), 5)).toBe(1);
      expect(await remove(at(30), 5)).toBe(0);
      expect(await remove(at(31), 5)).toBe(1);
    });

    it("deletes a user's token with the user", async () => {
      const token = aToken(owner);
      await replace(token);
      expect(await tx(({ users }) => users.remove(owner.id, owner.version))).toBe(true);
      expect(await consume(token)).toBeNull();
    });

    it('refuses a token of an unknown user, or one whose hash another user holds', async () => {
      await expect(replace(aToken(aUser()))).rejects.toBeInstanceOf(Error);
      const other = aUser();
      await store(uow(), other);
      const token = aToken(owner);
      await replace(token);
      await expect(replace(aToken(other, { tokenHash: token.tokenHash }))).rejects.toBeInstanceOf(Error);
      expect(await holderOf(token)).toBe(owner.id);
    });

    it('rolls back a consumption with the rest of its transaction: the token stays current', async () => {
      const token = aToken(owner);
      await replace(token);
      const failure = new Error('boom');
      const outcome = tx(async ({ passwordResetTokens }) => {
        expect(await passwordResetTokens.consume(token.tokenHash, at(1))).toBe(owner.id);
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      expect(await consume(token)).toBe(owner.id);
    });
  });
}
