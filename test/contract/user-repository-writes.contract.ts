import { describe, expect, it } from 'vitest';
import { EmailInUseError } from '../../src/domain/errors.ts';
import type { User } from '../../src/domain/user.ts';
import { aUser, at, read, store, userId, type ContractContext } from './user-fixtures.ts';

/** add, find, conditional update and remove, conflicts and transactions. */
export function writeContract(context: () => ContractContext): void {
  const uow = () => context().uow;
  const findById = (user: User) => read(uow(), ({ users }) => users.findById(user.id));

  describe('add and find', () => {
    it('finds an added user by id with every field intact', async () => {
      const user = aUser({ passwordHash: 'scrypt$abc', role: 'admin', status: 'suspended', createdAt: at(1), updatedAt: at(2), version: 4 });
      await store(uow(), user);
      expect(await findById(user)).toEqual(user);
      expect(await read(uow(), ({ users }) => users.findById(userId('nobody')))).toBeNull();
    });

    it('finds by email, whatever its case, and returns null for an unknown one', async () => {
      const user = aUser({ email: 'ada@example.com' });
      await store(uow(), user);
      expect(await read(uow(), ({ users }) => users.findByEmail('ada@example.com'))).toEqual(user);
      expect(await read(uow(), ({ users }) => users.findByEmail('ADA@Example.com'))).toEqual(user);
      expect(await read(uow(), ({ users }) => users.findByEmail('bob@example.com'))).toBeNull();
    });

    it('round-trips non-ASCII names and addresses exactly', async () => {
      const samples = ['Zoë Ñúñez', '李小龙', 'אבי כהן', '😀'.repeat(100), 'e\u0301 (combining)', "O'Brien \\ 50% _x_"];
      const users = samples.map((name, i) => (i === 0 ? aUser({ name, email: 'zoë@exämple.com' }) : aUser({ name })));
      await store(uow(), ...users);
      for (const user of users) expect(await findById(user)).toEqual(user);
    });

    it('refuses a taken email, also when it differs only in case, and keeps the first user', async () => {
      const first = aUser({ email: 'taken@example.com' });
      await store(uow(), first);
      await expect(store(uow(), aUser({ email: 'taken@example.com' }))).rejects.toBeInstanceOf(EmailInUseError);
      await expect(store(uow(), aUser({ email: 'TAKEN@example.COM' }))).rejects.toBeInstanceOf(EmailInUseError);
      expect(await findById(first)).toEqual(first);
      expect((await read(uow(), ({ users }) => users.list({ sort: [], limit: 10 }))).total).toBe(1);
    });

    it('refuses a second user with the same id without calling it an email conflict', async () => {
      const first = aUser();
      await store(uow(), first);
      const error = await store(uow(), { ...first, email: 'other@example.com' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(EmailInUseError);
      expect(await findById(first)).toEqual(first);
    });

    it('aborts the transaction on an email conflict, as PostgreSQL does: nothing of it commits', async () => {
      const taken = aUser({ email: 'dup@example.com' });
      const earlier = aUser();
      const later = aUser();
      await store(uow(), taken);
      const outcome = uow().transaction(async ({ users }) => {
        await users.add(earlier);
        await expect(users.add(aUser({ email: 'dup@example.com' }))).rejects.toBeInstanceOf(EmailInUseError);
        // Work that swallows the conflict cannot go on: the next statement fails too.
        await users.add(later);
      });
      await expect(outcome).rejects.toBeInstanceOf(Error);
      await expect(outcome).rejects.not.toBeInstanceOf(EmailInUseError);
      expect(await findById(earlier)).toBeNull();
      expect(await findById(later)).toBeNull();
    });
  });

  describe('conditional update and remove', () => {
    it('updates only when the stored version is the expected one', async () => {
      const user = aUser({ name: 'Before' });
      await store(uow(), user);
      const next = { ...user, name: 'After', updatedAt: at(5), version: 2 };
      expect(await uow().transaction(({ users }) => users.update(next, 1))).toBe(true);
      expect(await findById(user)).toEqual(next);
      const stale = { ...user, name: 'Stale', version: 2 };
      expect(await uow().transaction(({ users }) => users.update(stale, 1))).toBe(false);
      expect(await findById(user)).toEqual(next);
    });

    it('lets exactly one of two concurrent updates from the same version win', async () => {
      const user = aUser({ name: 'Original' });
      await store(uow(), user);
      const attempt = (name: string) => uow().transaction(({ users }) => users.update({ ...user, name, version: 2 }, 1));
      const outcomes = await Promise.all([attempt('First'), attempt('Second')]);
      expect([...outcomes].sort()).toEqual([false, true]);
      expect((await findById(user))?.name).toBe(outcomes[0] ? 'First' : 'Second');
    });

    it('reads back its own update inside the transaction, never a stale copy', async () => {
      const user = aUser({ name: 'Before' });
      await store(uow(), user);
      const seen = await uow().transaction(async ({ users }) => {
        const before = await users.findById(user.id);
        await users.update({ ...user, name: 'After', version: 2 }, 1);
        const after = await users.findById(user.id);
        const stale = await users.update({ ...user, name: 'Stale', version: 2 }, 1);
        return { before: before?.name, after: after?.name, stale };
      });
      expect(seen).toEqual({ before: 'Before', after: 'After', stale: false });
    });

    it('reports false for an update of a missing user and creates nothing', async () => {
      const ghost = aUser();
      expect(await uow().transaction(({ users }) => users.update(ghost, 1))).toBe(false);
      expect(await findById(ghost)).toBeNull();
    });

    it('refuses an update to an email another user holds, in any case, and changes nothing', async () => {
      const alice = aUser({ email: 'alice@example.com' });
      const bob = aUser({ email: 'bob@example.com' });
      await store(uow(), alice, bob);
      const clash = { ...bob, email: 'ALICE@example.com', version: 2 };
      await expect(uow().transaction(({ users }) => users.update(clash, 1))).rejects.toBeInstanceOf(EmailInUseError);
      expect(await findById(bob)).toEqual(bob);
      // Keeping one's own email is no conflict.
      expect(await uow().transaction(({ users }) => users.update({ ...bob, name: 'Bobby', version: 2 }, 1))).toBe(true);
    });

    it('removes only at the expected version; a missing or already removed user is false', async () => {
      const user = aUser({ version: 3 });
      await store(uow(), user);
      expect(await uow().transaction(({ users }) => users.remove(user.id, 2))).toBe(false);
      expect(await findById(user)).toEqual(user);
      expect(await uow().transaction(({ users }) => users.remove(user.id, 3))).toBe(true);
      expect(await findById(user)).toBeNull();
      expect(await uow().transaction(({ users }) => users.remove(user.id, 3))).toBe(false);
      expect(await uow().transaction(({ users }) => users.remove(userId('never'), 1))).toBe(false);
    });
  });

  describe('transactions', () => {
    it('commits together and hands back the work result; the work sees its own writes', async () => {
      const user = aUser();
      const result = await uow().transaction(async ({ users }) => {
        await users.add(user);
        return users.findById(user.id);
      });
      expect(result).toEqual(user);
      expect(await findById(user)).toEqual(user);
    });

    it('rolls back every write when the work throws, and rethrows that error', async () => {
      const kept = aUser({ name: 'Kept' });
      const doomed = aUser({ name: 'Removed?' });
      await store(uow(), kept, doomed);
      const added = aUser();
      const failure = new Error('boom');
      const outcome = uow().transaction(async ({ users }) => {
        await users.add(added);
        expect(await users.update({ ...kept, name: 'Changed', version: 2 }, 1)).toBe(true);
        expect(await users.remove(doomed.id, 1)).toBe(true);
        throw failure;
      });
      await expect(outcome).rejects.toBe(failure);
      expect(await findById(added)).toBeNull();
      expect(await findById(kept)).toEqual(kept);
      expect(await findById(doomed)).toEqual(doomed);
    });

    it('lists the transaction\'s own uncommitted writes, with a total, inside it', async () => {
      await store(uow(), aUser({ name: 'Committed' }));
      const page = await uow().transaction(async ({ users }) => {
        await users.add(aUser({ name: 'Pending' }));
        return users.list({ sort: [{ field: 'name', direction: 'asc' }], limit: 10 });
      });
      expect(page.items.map((u) => u.name)).toEqual(['Committed', 'Pending']);
      expect(page.total).toBe(2);
    });

    it('keeps concurrent transactions apart: one rolls back, the other commits', async () => {
      const lost = aUser();
      const kept = aUser();
      const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
      const results = await Promise.allSettled([
        uow().transaction(async ({ users }) => {
          await users.add(lost);
          await pause();
          throw new Error('rolled back');
        }),
        uow().transaction(async ({ users }) => {
          await pause();
          await users.add(kept);
        }),
      ]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
      expect(await findById(lost)).toBeNull();
      expect(await findById(kept)).toEqual(kept);
    });
  });
}
