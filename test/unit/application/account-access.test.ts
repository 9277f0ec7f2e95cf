import { describe, expect, it } from 'vitest';
import { AccountAccess } from '../../../src/application/account-access.ts';
import type { Principal } from '../../../src/application/ports/token-service.ts';
import type { User, UserId } from '../../../src/domain/user.ts';
import { aUser } from '../../support/builders.ts';
import { FixedClock } from '../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../support/in-memory-unit-of-work.ts';
import { CountingUnitOfWork } from './counting-ports.ts';
import { rejectionOf } from './harness.ts';

const ACCESS_TTL_SECONDS = 900;

function principalOf(user: User, overrides: Partial<Principal> = {}): Principal {
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    tokenId: `token-of-${user.id}`,
    sessionId: `session-of-${user.id}`,
    expiresAt: new Date('2100-01-01'),
    ...overrides,
  };
}

function setup(options: { maxHolders?: number } = {}) {
  const db = new InMemoryUnitOfWork();
  const uow = new CountingUnitOfWork(db);
  const clock = new FixedClock();
  const access = new AccountAccess({ uow, clock, accessTtlSeconds: ACCESS_TTL_SECONDS, ...options });
  /** Stores (or overwrites) a committed row, as another request would. */
  const put = (user: User) => void db.users.rows.set(user.id, user);
  const remove = (id: UserId) => void db.users.rows.delete(id);
  return { db, uow, clock, access, put, remove };
}

async function expectLockedOut(promise: Promise<unknown>, message = 'Account is suspended or no longer exists'): Promise<void> {
  expect(await rejectionOf(promise)).toMatchObject({ code: 'UNAUTHORIZED', message });
}

describe('AccountAccess', () => {
  describe('the holder', () => {
    it('an active holder passes, with the principal unchanged', async () => {
      const { access, put } = setup();
      const alice = aUser().build();
      put(alice);
      const principal = principalOf(alice);
      expect(await access.check(principal)).toEqual(principal);
    });

    it('a suspended holder is UNAUTHORIZED', async () => {
      const { access, put } = setup();
      const alice = aUser().withStatus('suspended').build();
      put(alice);
      await expectLockedOut(access.check(principalOf(alice)));
    });

    it('a deleted (or never stored) holder is UNAUTHORIZED', async () => {
      const { access } = setup();
      await expectLockedOut(access.check(principalOf(aUser().build())));
    });

    it('an inactive holder is allowed', async () => {
      const { access, put } = setup();
      const alice = aUser().withStatus('inactive').build();
      put(alice);
      await expect(access.check(principalOf(alice))).resolves.toMatchObject({ userId: alice.id });
    });

    it('the role in the answer is the stored one, not the one the token was issued with', async () => {
      const { access, put } = setup();
      const promoted = aUser().withRole('admin').build();
      const demoted = aUser().withRole('member').build();
      put(promoted);
      put(demoted);
      const asMember = principalOf(promoted, { role: 'member' });
      expect(await access.check(asMember)).toEqual({ ...asMember, role: 'admin' });
      const asAdmin = principalOf(demoted, { role: 'admin' });
      expect(await access.check(asAdmin)).toEqual({ ...asAdmin, role: 'member' });
    });

    it('a change reported with userChanged is seen by the next check: promotion, demotion, suspension, deletion', async () => {
      const { access, put, remove } = setup();
      const alice = aUser().build();
      put(alice);
      const principal = principalOf(alice);
      expect((await access.check(principal)).role).toBe('member');

      put({ ...alice, role: 'admin' });
      access.userChanged(alice.id);
      expect((await access.check(principal)).role).toBe('admin');

      put({ ...alice, role: 'member' });
      access.userChanged(alice.id);
      expect((await access.check(principalOf(alice, { role: 'admin' }))).role).toBe('member');

      put({ ...alice, status: 'suspended' });
      access.userChanged(alice.id);
      await expectLockedOut(access.check(principal));

      put(alice);
      access.userChanged(alice.id);
      await expect(access.check(principal)).resolves.toEqual(principal);

      remove(alice.id);
      access.userChanged(alice.id);
      await expectLockedOut(access.check(principal));
    });
  });

  describe('the holder cache', () => {
    it('a second check does not read', async () => {
      const { access, uow, put } = setup();
      const alice = aUser().build();
      put(alice);
      await access.check(principalOf(alice));
      await access.check(principalOf(alice));
      await access.check(principalOf(alice, { tokenId: 'another token', sessionId: 'another session' }));
      expect(uow.reads).toBe(1);
    });

    it('a missing holder is remembered too', async () => {
      const { access, uow } = setup();
      const ghost = aUser().build();
      await expectLockedOut(access.check(principalOf(ghost)));
      await expectLockedOut(access.check(principalOf(ghost)));
      expect(uow.reads).toBe(1);
    });

    it('10 concurrent checks of one uncached user share one read', async () => {
      const { access, uow, put } = setup();
      const alice = aUser().build();
      put(alice);
      const { gate, reached } = uow.holdNextRead();
      const checks = Array.from({ length: 10 }, () => access.check(principalOf(alice)));
      await reached.opened;
      gate.open();
      const results = await Promise.all(checks);
      expect(results.every((result) => result.userId === alice.id)).toBe(true);
      expect(uow.reads).toBe(1);
    });

    it('trusts a holder for the holder TTL (30 s), then reads again and sees a change made elsewhere', async () => {
      const { access, uow, clock, put } = setup();
      const alice = aUser().build();
      put(alice);
      await access.check(principalOf(alice));
      // Another instance suspends Alice: this one is not told, and trusts what it loaded for a while.
      put({ ...alice, status: 'suspended' });
      clock.advance(29_000);
      await expect(access.check(principalOf(alice))).resolves.toMatchObject({ userId: alice.id });
      expect(uow.reads).toBe(1);
      clock.advance(2_000);
      await expectLockedOut(access.check(principalOf(alice)));
      expect(uow.reads).toBe(2);
    });

    it('after clock.advance(31_000) it reads again', async () => {
      const { access, uow, clock, put } = setup();
      const alice = aUser().build();
      put(alice);
      await access.check(principalOf(alice));
      clock.advance(31_000);
      await access.check(principalOf(alice));
      expect(uow.reads).toBe(2);
    });

    it('a slow load that read the row before a suspension does not store the stale holder', async () => {
      const { access, uow, put } = setup();
      const alice = aUser().build();
      put(alice);
      const principal = principalOf(alice);

      // 1. A check starts; its read sees Alice active and is held before it answers.
      const { gate, reached } = uow.holdNextRead();
      const slow = access.check(principal);
      await reached.opened;
      // 2. Meanwhile Alice is suspended and the change is reported.
      put({ ...alice, status: 'suspended' });
      access.userChanged(alice.id);
      // 3. The held read answers with the old, active row.
      gate.open();
      await expect(slow).resolves.toEqual(principal);
      // 4. The next check must see the suspension, not the stale value the slow load brought back.
      await expectLockedOut(access.check(principal));
      expect(uow.reads).toBe(2);
    });

    it('a check after userChanged does not join a load already in flight', async () => {
      const { access, uow, put } = setup();
      const alice = aUser().build();
      put(alice);
      const principal = principalOf(alice);

      const { gate, reached } = uow.holdNextRead();
      const slow = access.check(principal);
      await reached.opened;
      put({ ...alice, status: 'suspended' });
      access.userChanged(alice.id);
      const after = access.check(principal);
      gate.open();
      await slow;
      await expectLockedOut(after);
      expect(uow.reads).toBe(2);
    });

    it('a slow load that answers after a fresher load has stored its holder does not overwrite it', async () => {
      const { access, uow, put } = setup();
      const alice = aUser().build();
      put(alice);
      const principal = principalOf(alice);

      // The slow check reads Alice active and is held.
      const { gate, reached } = uow.holdNextRead();
      const slow = access.check(principal);
      await reached.opened;
      // Alice is suspended; a fresh check loads and stores the suspension before the slow one answers.
      put({ ...alice, status: 'suspended' });
      access.userChanged(alice.id);
      await expectLockedOut(access.check(principal));
      // The slow read now answers with the old, active row.
      gate.open();
      await slow;
      // Still suspended: the stale answer must not replace the fresh entry.
      await expectLockedOut(access.check(principal));
    });

    it('a slow load is not stored even when the marker of the change was evicted meanwhile', async () => {
      const { access, uow, put } = setup({ maxHolders: 1 });
      const alice = aUser().build();
      const bob = aUser().build();
      put(alice);
      put(bob);
      const principal = principalOf(alice);

      const { gate, reached } = uow.holdNextRead();
      const slow = access.check(principal);
      await reached.opened;
      put({ ...alice, status: 'suspended' });
      access.userChanged(alice.id);
      // Loading Bob pushes Alice's invalidation marker out of the one-entry cache.
      await access.check(principalOf(bob));
      gate.open();
      await slow;
      await expectLockedOut(access.check(principal));
    });

    it('a slow load does not overwrite a fresher holder even once that holder was evicted', async () => {
      const { access, uow, put } = setup({ maxHolders: 2 });
      const [alice, bob, carol] = [aUser().build(), aUser().build(), aUser().build()];
      for (const user of [alice, bob, carol]) put(user);
      const principal = principalOf(alice);

      const { gate, reached } = uow.holdNextRead();
      const slow = access.check(principal);
      await reached.opened;
      put({ ...alice, status: 'suspended' });
      access.userChanged(alice.id);
      await expectLockedOut(access.check(principal));
      // Bob and Carol push Alice's fresh (suspended) holder out of the two-entry cache.
      await access.check(principalOf(bob));
      await access.check(principalOf(carol));
      gate.open();
      await slow;
      await expectLockedOut(access.check(principal));
    });

    it('a load that starts after a change is stored as usual', async () => {
      const { access, uow, put } = setup();
      const alice = aUser().build();
      put(alice);
      access.userChanged(alice.id);
      await access.check(principalOf(alice));
      await access.check(principalOf(alice));
      expect(uow.reads).toBe(1);
    });

    it('keeps at most maxHolders holders, dropping the least recently loaded', async () => {
      const { access, uow, put } = setup({ maxHolders: 2 });
      const [a, b, c] = [aUser().build(), aUser().build(), aUser().build()];
      for (const user of [a, b, c]) put(user);
      for (const user of [a, b, c]) await access.check(principalOf(user));
      expect(uow.reads).toBe(3);
      await access.check(principalOf(b));
      await access.check(principalOf(c));
      expect(uow.reads).toBe(3);
      await access.check(principalOf(a));
      expect(uow.reads).toBe(4);
    });
  });

  describe('revoked sessions', () => {
    it('refuses the tokens of a revoked session, not those of the same user in other sessions', async () => {
      const { access, put } = setup();
      const alice = aUser().build();
      put(alice);
      const revoked = principalOf(alice, { sessionId: 'session-a' });
      const other = principalOf(alice, { sessionId: 'session-b' });
      access.sessionRevoked('session-a');
      await expectLockedOut(access.check(revoked), 'Session has ended; sign in again');
      await expectLockedOut(access.check({ ...revoked, tokenId: 'a newer token of it' }), 'Session has ended; sign in again');
      await expect(access.check(other)).resolves.toEqual(other);
    });

    it('forgets a revocation once no token of the session can still be valid (access TTL + 60 s)', async () => {
      const { access, clock, put } = setup();
      const alice = aUser().build();
      put(alice);
      const principal = principalOf(alice, { sessionId: 'session-a' });
      access.sessionRevoked('session-a');
      clock.advance((ACCESS_TTL_SECONDS + 60) * 1000 - 1);
      await expectLockedOut(access.check(principal), 'Session has ended; sign in again');
      clock.advance(1);
      await expect(access.check(principal)).resolves.toEqual(principal);
    });

    it('a revocation older than the TTL is dropped when another session is revoked, and the new one holds', async () => {
      const { access, clock, put } = setup();
      const alice = aUser().build();
      put(alice);
      access.sessionRevoked('session-a');
      clock.advance((ACCESS_TTL_SECONDS + 60) * 1000);
      access.sessionRevoked('session-b');
      await expect(access.check(principalOf(alice, { sessionId: 'session-a' }))).resolves.toMatchObject({ userId: alice.id });
      await expectLockedOut(access.check(principalOf(alice, { sessionId: 'session-b' })), 'Session has ended; sign in again');
    });
  });

  describe('after a restart', () => {
    it('restores the sessions revoked within an access-token lifetime (plus tolerance) from the refresh tokens, not older ones', async () => {
      const { db, clock, put } = setup();
      const alice = aUser().build();
      put(alice);
      const token = (sessionId: string, n: number) => ({
        id: `00000000-0000-7000-8000-00000000${String(n).padStart(4, '0')}`,
        sessionId,
        userId: alice.id,
        tokenHash: `hash-${n}`,
        createdAt: clock.now(),
        expiresAt: new Date(clock.now().getTime() + 86_400_000),
      });
      await db.transaction(async ({ refreshTokens }) => {
        await refreshTokens.add(token('long-ago', 1));
        await refreshTokens.add(token('just-now', 2));
        await refreshTokens.add(token('open', 3));
        await refreshTokens.revokeSession('long-ago', clock.now());
      });
      clock.advance((ACCESS_TTL_SECONDS + 61) * 1000);
      await db.transaction(({ refreshTokens }) => refreshTokens.revokeSession('just-now', clock.now()));

      // A fresh instance over the same database, as after a restart.
      const restarted = new AccountAccess({ uow: db, clock, accessTtlSeconds: ACCESS_TTL_SECONDS });
      expect(await restarted.restoreRevokedSessions()).toBe(1);
      await expectLockedOut(restarted.check(principalOf(alice, { sessionId: 'just-now' })), 'Session has ended; sign in again');
      expect((await restarted.check(principalOf(alice, { sessionId: 'open' }))).userId).toBe(alice.id);
      // Tokens of the old session have all expired by now; nothing is kept for it.
      expect((await restarted.check(principalOf(alice, { sessionId: 'long-ago' }))).userId).toBe(alice.id);
    });
  });
});
