import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RefreshToken } from '../../src/application/ports/refresh-token-repository.ts';
import type { Repositories, UnitOfWork } from '../../src/application/ports/unit-of-work.ts';
import type { User } from '../../src/domain/user.ts';
import { aUser, at, store, userId as uuid, type ContractContext } from './user-fixtures.ts';

let serial = 0;

/** A token of `owner`, current from at(0) to at(60), in a session of its own unless told. */
function aToken(owner: User, fields: Partial<RefreshToken> = {}): RefreshToken {
  const label = `refresh-token-${++serial}`;
  return {
    id: uuid(label),
    sessionId: uuid(`session-${serial}`),
    userId: owner.id,
    tokenHash: createHash('sha256').update(label).digest('hex'),
    createdAt: at(0),
    expiresAt: at(60),
    ...fields,
  };
}

/**
 * The RefreshTokenRepository contract, run against every adapter: the in-memory fake must decide
 * `rotated` / `reused` / `invalid` exactly as the one SQL statement does, and keep the table's
 * constraints (unique hash, the user's foreign key and its cascade) and the unit of work's
 * all-or-nothing across both repositories.
 */
export function refreshTokenRepositoryContract(name: string, setup: () => Promise<ContractContext>): void {
  describe(`RefreshTokenRepository contract: ${name}`, () => {
    let context: ContractContext | undefined;
    let owner: User;
    const uow = (): UnitOfWork => {
      if (!context) throw new Error('contract setup did not complete');
      return context.uow;
    };
    const tx = <T,>(work: (repos: Repositories) => Promise<T>) => uow().transaction(work);
    const add = (...tokens: RefreshToken[]) => tx(async ({ refreshTokens }) => { for (const token of tokens) await refreshTokens.add(token); });
    const use = (token: RefreshToken | string, now = at(1)) =>
      tx(({ refreshTokens }) => refreshTokens.use(typeof token === 'string' ? token : token.tokenHash, now));
    const revoke = (sessionId: string, now = at(2)) => tx(({ refreshTokens }) => refreshTokens.revokeSession(sessionId, now));
    const sessionOf = (token: RefreshToken) => uow().read(({ refreshTokens }) => refreshTokens.sessionOf(token.tokenHash));

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

    it('rotates a current token once, handing back every field; a second use is reuse', async () => {
      const token = aToken(owner);
      await add(token);
      expect(await use(token)).toEqual({ outcome: 'rotated', token });
      expect(await use(token, at(2))).toEqual({ outcome: 'reused', token });
      expect(await use(token, at(3))).toEqual({ outcome: 'reused', token });
    });

    it('keeps millisecond precision, in what comes back and in the expiry comparison', async () => {
      const expiresAt = new Date(at(60).getTime() + 456);
      const [early, onTime] = [aToken(owner, { createdAt: new Date(at(0).getTime() + 123), expiresAt }), aToken(owner, { expiresAt })];
      await add(early, onTime);
      expect(await use(early, new Date(expiresAt.getTime() - 1))).toEqual({ outcome: 'rotated', token: early });
      expect(await use(onTime, expiresAt)).toEqual({ outcome: 'invalid' });
    });

    it('finds an unknown hash invalid, and no session for it', async () => {
      expect(await use('0'.repeat(64))).toEqual({ outcome: 'invalid' });
      expect(await uow().read(({ refreshTokens }) => refreshTokens.sessionOf('0'.repeat(64)))).toBeNull();
    });

    it('finds a token invalid from its expiry on (strictly), without marking it used', async () => {
      const token = aToken(owner, { expiresAt: at(10) });
      await add(token);
      expect(await use(token, at(10))).toEqual({ outcome: 'invalid' });
      expect(await use(token, at(11))).toEqual({ outcome: 'invalid' });
      expect(await sessionOf(token)).toEqual({ sessionId: token.sessionId, userId: owner.id });
    });

    it('revokes a whole session once: unused tokens turn invalid, used ones stay reuse', async () => {
      const used = aToken(owner);
      const [current, spare] = [aToken(owner, { sessionId: used.sessionId }), aToken(owner, { sessionId: used.sessionId })];
      const elsewhere = aToken(owner);
      await add(used, current, spare, elsewhere);
      await use(used);
      expect(await revoke(used.sessionId)).toBe(3);
      expect(await revoke(used.sessionId, at(3))).toBe(0);
      expect(await use(current)).toEqual({ outcome: 'invalid' });
      expect(await use(spare)).toEqual({ outcome: 'invalid' });
      expect(await use(used)).toEqual({ outcome: 'reused', token: used });
      expect(await sessionOf(current)).toEqual({ sessionId: used.sessionId, userId: owner.id });
      // Another session of the same user is untouched.
      expect(await use(elsewhere)).toEqual({ outcome: 'rotated', token: elsewhere });
      expect(await revoke(uuid('no such session'))).toBe(0);
    });

    it("revokes every session of a user but the one kept, naming each ended session once", async () => {
      const kept = aToken(owner);
      const first = aToken(owner);
      const rotated = aToken(owner, { sessionId: first.sessionId });
      const ended = aToken(owner);
      const other = aUser();
      await store(uow(), other);
      const stranger = aToken(other);
      await add(kept, first, rotated, ended, stranger);
      await revoke(ended.sessionId, at(1));
      const revokeAll = (except?: string, now = at(3)) => tx(({ refreshTokens }) => refreshTokens.revokeUserSessions(owner.id, now, except));

      expect(await revokeAll(kept.sessionId)).toEqual([first.sessionId]);
      const revoked = (sessionId: string) => uow().read(({ refreshTokens }) => refreshTokens.isSessionRevoked(sessionId));
      expect(await revoked(first.sessionId)).toBe(true);
      expect(await revoked(kept.sessionId)).toBe(false);
      expect(await revoked(stranger.sessionId)).toBe(false);
      expect(await use(rotated, at(4))).toEqual({ outcome: 'invalid' });
      expect((await use(kept, at(4))).outcome).toBe('rotated');
      expect(await revokeAll(kept.sessionId, at(5))).toEqual([]);
      expect(await revokeAll(undefined, at(6))).toEqual([kept.sessionId]);
      expect(await revokeAll('not-a-uuid', at(7))).toEqual([]);
    });

    it("lists a user's live sessions, newest sign-in first: first token's creation, latest token's creation and expiry", async () => {
      const signIn = aToken(owner, { createdAt: at(1), expiresAt: at(61) });
      const rotation = aToken(owner, { sessionId: signIn.sessionId, createdAt: at(5), expiresAt: at(65) });
      const newer = aToken(owner, { createdAt: at(2), expiresAt: at(62) });
      const [revoked, expired] = [aToken(owner, { createdAt: at(3) }), aToken(owner, { createdAt: at(4), expiresAt: at(10) })];
      const other = aUser();
      await store(uow(), other);
      await add(signIn, rotation, newer, revoked, expired, aToken(other));
      await use(signIn);
      await revoke(revoked.sessionId);
      await add(aToken(owner, { sessionId: revoked.sessionId, createdAt: at(6) })); // after the revocation: still ended
      const live = (now: Date) => uow().read(({ refreshTokens }) => refreshTokens.liveSessions(owner.id, now));

      expect(await live(at(9))).toEqual([
        { sessionId: expired.sessionId, createdAt: at(4), lastRefreshedAt: at(4), expiresAt: at(10) },
        { sessionId: newer.sessionId, createdAt: at(2), lastRefreshedAt: at(2), expiresAt: at(62) },
        { sessionId: signIn.sessionId, createdAt: at(1), lastRefreshedAt: at(5), expiresAt: at(65) },
      ]);
      // Expiry is strict, as for presenting a token.
      expect((await live(at(10))).map((session) => session.sessionId)).toEqual([newer.sessionId, signIn.sessionId]);
      expect(await live(at(65))).toEqual([]);
      expect(await uow().read(({ refreshTokens }) => refreshTokens.liveSessions(uuid('nobody'), at(9)))).toEqual([]);
    });

    it("takes a session's latest token by creation, then id, even when an older one outlives it", async () => {
      const first = aToken(owner, { createdAt: at(1), expiresAt: at(90) });
      const [a, b] = [uuid('tie-a'), uuid('tie-b')].sort();
      const lower = aToken(owner, { id: a, sessionId: first.sessionId, createdAt: at(2), expiresAt: at(40) });
      const latest = aToken(owner, { id: b, sessionId: first.sessionId, createdAt: at(2), expiresAt: at(30) });
      await add(first, lower, latest);
      const live = (now: Date) => uow().read(({ refreshTokens }) => refreshTokens.liveSessions(owner.id, now));
      expect(await live(at(3))).toEqual([{ sessionId: first.sessionId, createdAt: at(1), lastRefreshedAt: at(2), expiresAt: at(30) }]);
      expect(await live(at(30))).toEqual([]);
    });

    it('tells whether a session was revoked, however many of its tokens were', async () => {
      const [ended, open, rotated] = [aToken(owner), aToken(owner), aToken(owner)];
      const endedSibling = aToken(owner, { sessionId: ended.sessionId });
      await add(ended, open, rotated);
      await use(rotated);
      await revoke(ended.sessionId, at(5));
      await add(endedSibling); // a token added after the revocation: the session stays ended
      const revoked = (sessionId: string) => uow().read(({ refreshTokens }) => refreshTokens.isSessionRevoked(sessionId));
      expect(await revoked(ended.sessionId)).toBe(true);
      expect(await revoked(open.sessionId)).toBe(false);
      expect(await revoked(rotated.sessionId)).toBe(false);
      expect(await revoked(uuid('no such session'))).toBe(false);
      expect(await revoked('not-a-uuid')).toBe(false);
    });

    it('retention removes tokens expired before the cutoff, a batch at a time, and no others', async () => {
      const [gone1, gone2, kept] = [aToken(owner, { expiresAt: at(10) }), aToken(owner, { expiresAt: at(20) }), aToken(owner, { expiresAt: at(30) })];
      await add(gone1, gone2, kept);
      const remove = (before: Date, limit: number) => uow().read(({ refreshTokens }) => refreshTokens.deleteExpiredBefore(before, limit));
      expect(await remove(at(30), 1)).toBe(1);
      expect(await remove(at(30), 5)).toBe(1);
      expect(await remove(at(30), 5)).toBe(0);
      expect(await sessionOf(kept)).not.toBeNull();
      expect(await sessionOf(gone1)).toBeNull();
    });

    it('tells the session and user of a token in any state', async () => {
      const token = aToken(owner);
      await add(token);
      await use(token);
      await revoke(token.sessionId);
      expect(await sessionOf(token)).toEqual({ sessionId: token.sessionId, userId: owner.id });
    });

    it("deletes a user's tokens with the user, and only theirs", async () => {
      const other = aUser();
      await store(uow(), other);
      const [mine, theirs] = [aToken(owner), aToken(other)];
      await add(mine, theirs);
      expect(await tx(({ users }) => users.remove(owner.id, owner.version))).toBe(true);
      expect(await use(mine)).toEqual({ outcome: 'invalid' });
      expect(await sessionOf(mine)).toBeNull();
      expect(await use(theirs)).toEqual({ outcome: 'rotated', token: theirs });
    });

    it('refuses a token of an unknown user', async () => {
      await expect(add(aToken(aUser()))).rejects.toBeInstanceOf(Error);
    });

    it('rolls back the tokens and users of a failed transaction together', async () => {
      const kept = aToken(owner);
      await add(kept);
      const newcomer = aUser();
      const [added, failure] = [aToken(newcomer), new Error('boom')];
      const outcome = tx(async ({ users, refreshTokens }) => {
        await users.add(newcomer);
        await refreshTokens.add(added);
        expect((await refreshTokens.use(kept.tokenHash, at(1))).outcome).toBe('rotated');
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      expect(await sessionOf(added)).toBeNull();
      expect(await uow().read(({ users }) => users.findById(newcomer.id))).toBeNull();
      // The rolled-back use left the token current.
      expect(await use(kept)).toEqual({ outcome: 'rotated', token: kept });
    });

    it('refuses a second token with the same hash or id, and writes nothing of that transaction', async () => {
      const first = aToken(owner);
      await add(first);
      const fresh = aToken(owner);
      await expect(add(fresh, aToken(owner, { tokenHash: first.tokenHash }))).rejects.toBeInstanceOf(Error);
      await expect(add(aToken(owner, { id: first.id }))).rejects.toBeInstanceOf(Error);
      expect(await sessionOf(fresh)).toBeNull();
      expect(await use(first)).toEqual({ outcome: 'rotated', token: first });
    });

    it('aborts the whole transaction after a failed statement, across both repositories', async () => {
      const first = aToken(owner);
      await add(first);
      const later = aUser();
      const outcome = tx(async ({ users, refreshTokens }) => {
        await expect(refreshTokens.add(aToken(owner, { tokenHash: first.tokenHash }))).rejects.toBeInstanceOf(Error);
        await users.add(later);
      });
      await expect(outcome).rejects.toBeInstanceOf(Error);
      expect(await uow().read(({ users }) => users.findById(later.id))).toBeNull();
    });

    it('lets exactly one of several concurrent uses rotate; the others see reuse', async () => {
      const token = aToken(owner);
      await add(token);
      const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => use(token)));
      expect(outcomes.map((o) => o.outcome).sort()).toEqual(['reused', 'reused', 'reused', 'reused', 'rotated']);
    });
  });
}
