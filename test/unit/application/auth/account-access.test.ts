import { describe, expect, it } from 'vitest';
import type { Principal } from '../../../../src/application/ports/token-service.ts';
import type { User } from '../../../../src/domain/user.ts';
import { aUser } from '../../../support/builders.ts';
import { inMemoryCaches } from '../../../support/caches.ts';
import { FixedClock } from '../../../support/fixed-clock.ts';
import { InMemoryUnitOfWork } from '../../../support/in-memory-unit-of-work.ts';
import { CountingUnitOfWork } from '../counting-ports.ts';
import { rejectionOf } from '../harness.ts';

function principalOf(user: User, overrides: Partial<Principal> = {}): Principal {
  return {
    userId: user.id,
    email: user.email,
    role: user.role,
    tokenId: `token-of-${user.id}`,
    sessionId: crypto.randomUUID(),
    expiresAt: new Date('2100-01-01'),
    ...overrides,
  };
}

function setup() {
  const db = new InMemoryUnitOfWork();
  const uow = new CountingUnitOfWork(db);
  const clock = new FixedClock();
  const caches = inMemoryCaches(uow, clock);
  /** Stores a committed row, as a request would, and writes it through the cache as the use cases do. */
  const put = async (user: User) => {
    const ticket = await caches.users.beforeWrite(user.id);
    db.users.rows.set(user.id, user);
    await caches.users.written(ticket, user);
  };
  /** Ends a session in the database, as logout does, and tells AccountAccess. */
  const endSession = async (userId: User['id'], sessionId: string) => {
    await db.transaction(async ({ refreshTokens }) => {
      const now = clock.now();
      await refreshTokens.add({ id: crypto.randomUUID(), sessionId, userId, tokenHash: `hash-${sessionId}`, createdAt: now, expiresAt: new Date(now.getTime() + 86_400_000) });
      await refreshTokens.revokeSession(sessionId, now);
    });
    await caches.access.sessionEnded(sessionId);
  };
  return { db, uow, clock, ...caches, put, endSession };
}

async function expectLockedOut(promise: Promise<unknown>, message = 'Account is suspended or no longer exists'): Promise<void> {
  expect(await rejectionOf(promise)).toMatchObject({ code: 'UNAUTHORIZED', message });
}

describe('AccountAccess', () => {
  describe('the holder', () => {
    it('an active holder passes, with the principal unchanged', async () => {
      const { access, put } = setup();
      const alice = aUser().build();
      await put(alice);
      const principal = principalOf(alice);
      expect(await access.check(principal)).toEqual(principal);
    });

    it('a suspended holder is UNAUTHORIZED', async () => {
      const { access, put } = setup();
      const alice = aUser().withStatus('suspended').build();
      await put(alice);
      await expectLockedOut(access.check(principalOf(alice)));
    });

    it('a deleted (or never stored) holder is UNAUTHORIZED', async () => {
      const { access } = setup();
      await expectLockedOut(access.check(principalOf(aUser().build())));
    });

    it('an inactive holder is allowed', async () => {
      const { access, put } = setup();
      const alice = aUser().withStatus('inactive').build();
      await put(alice);
      await expect(access.check(principalOf(alice))).resolves.toMatchObject({ userId: alice.id });
    });

    it('the role in the answer is the stored one, not the one the token was issued with', async () => {
      const { access, put } = setup();
      const promoted = aUser().withRole('admin').build();
      const demoted = aUser().withRole('member').build();
      await put(promoted);
      await put(demoted);
      const asMember = principalOf(promoted, { role: 'member' });
      expect(await access.check(asMember)).toEqual({ ...asMember, role: 'admin' });
      const asAdmin = principalOf(demoted, { role: 'admin' });
      expect(await access.check(asAdmin)).toEqual({ ...asAdmin, role: 'member' });
    });

    it('a change written through is seen by the next check: promotion, demotion, suspension, deletion', async () => {
      const { access, put, users, db } = setup();
      const alice = aUser().build();
      await put(alice);
      const principal = principalOf(alice);
      expect((await access.check(principal)).role).toBe('member');
      await put({ ...alice, role: 'admin', version: 2 });
      expect((await access.check(principal)).role).toBe('admin');
      await put({ ...alice, role: 'member', version: 3 });
      expect((await access.check(principalOf(alice, { role: 'admin' }))).role).toBe('member');
      await put({ ...alice, status: 'suspended', version: 4 });
      await expectLockedOut(access.check(principal));
      await put({ ...alice, version: 5 });
      await expect(access.check(principal)).resolves.toEqual(principal);
      db.users.rows.delete(alice.id);
      await users.invalidate(alice.id);
      await expectLockedOut(access.check(principal));
    });
  });

  describe('reads', () => {
    it('a second check of the same holder and session reads nothing', async () => {
      const { access, uow, put } = setup();
      const alice = aUser().build();
      await put(alice); // written through: the holder is cached already
      const principal = principalOf(alice);
      await access.check(principal);
      expect(uow.reads).toBe(1); // the session
      await access.check(principal);
      await access.check({ ...principal, tokenId: 'another token of the session' });
      expect(uow.reads).toBe(1);
    });

    it('a missing holder is remembered too', async () => {
      const { access, uow } = setup();
      const ghost = principalOf(aUser().build());
      await expectLockedOut(access.check(ghost));
      await expectLockedOut(access.check(ghost));
      expect(uow.reads).toBe(2); // the holder and the session, once each
    });
  });

  describe('ended sessions', () => {
    it('refuses the tokens of an ended session, not those of the same user in other sessions', async () => {
      const { access, put, endSession } = setup();
      const alice = aUser().build();
      await put(alice);
      const ended = principalOf(alice);
      const other = principalOf(alice);
      await access.check(ended); // cached as open
      await endSession(alice.id, ended.sessionId);
      await expectLockedOut(access.check(ended), 'Session has ended; sign in again');
      await expectLockedOut(access.check({ ...ended, tokenId: 'a newer token of it' }), 'Session has ended; sign in again');
      await expect(access.check(other)).resolves.toEqual(other);
    });

    it('a fresh instance over the same database (a restart, or another instance) refuses it too', async () => {
      const { db, clock, put, endSession } = setup();
      const alice = aUser().build();
      await put(alice);
      const ended = principalOf(alice);
      await endSession(alice.id, ended.sessionId);
      const restarted = inMemoryCaches(db, clock).access;
      await expectLockedOut(restarted.check(ended), 'Session has ended; sign in again');
      await expect(restarted.check(principalOf(alice))).resolves.toMatchObject({ userId: alice.id });
    });
  });
});
